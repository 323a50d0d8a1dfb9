/**
 * A daily digest's time of day and time zone, checked: what `/subscribe` accepts, what the store
 * keeps (`HH:MM`, an IANA name) and what the scheduler and the configuration read back. Failures are
 * codes with details, which the commands layer turns into words.
 */

export type SubscriptionErrorCode = 'empty-topic' | 'too-long' | 'bad-time' | 'bad-time-zone';

export type Checked<T> = { ok: true; value: T } | { ok: false; code: SubscriptionErrorCode; detail: Record<string, string> };

/** A local time of day. */
export interface LocalTime {
  /** Zero-padded `HH:MM`, the form the store keeps. */
  text: string;
  /** Minutes after midnight. */
  minutes: number;
}

// One or two hour digits ("9:30" is how people type it); always two minute digits; 00:00-23:59.
const HH_MM = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** Parses `HH:MM` (24-hour). "25:99", "24:00", "9:5", "9am" and "09:30:00" are rejected. */
export function parseLocalTime(text: string): Checked<LocalTime> {
  const m = HH_MM.exec(text.trim());
  if (!m) return { ok: false, code: 'bad-time', detail: { value: text } };
  const hours = Number(m[1]);
  const minutes = Number(m[2]);
  return { ok: true, value: { text: `${String(hours).padStart(2, '0')}:${m[2]}`, minutes: hours * 60 + minutes } };
}

/**
 * Checks an IANA zone name with Intl and returns the name Intl resolves it to, so
 * "america/new_york" is kept as "America/New_York". "Mars/Olympus" is rejected.
 */
export function parseTimeZone(text: string): Checked<string> {
  const name = text.trim();
  if (name) {
    try {
      return { ok: true, value: new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone };
    } catch {
      // RangeError: not a zone this runtime knows.
    }
  }
  return { ok: false, code: 'bad-time-zone', detail: { value: text, example: 'Europe/Berlin' } };
}
