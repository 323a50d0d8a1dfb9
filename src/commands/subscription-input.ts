/**
 * Checks what `/subscribe` receives. Pure and platform-neutral: failures are codes with details,
 * which the commands layer turns into words, like every other command error.
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

/** A validated subscription request, ready for `SubscriptionStore.addSubscription`. */
export interface SubscriptionRequest {
  topic: string;
  time: string;
  timeZone: string;
}

/**
 * Validates `/subscribe topic time [timezone]`. The zone falls back to the configured default,
 * which is checked too: a bad default is a configuration error worth reporting, not a silent UTC.
 */
export function parseSubscriptionRequest(
  input: { topic?: string | undefined; time?: string | undefined; timeZone?: string | undefined },
  options: { defaultTimeZone: string; maxTopicLength?: number },
): Checked<SubscriptionRequest> {
  const topic = (input.topic ?? '').replace(/\s+/g, ' ').trim();
  if (!topic) return { ok: false, code: 'empty-topic', detail: { option: 'topic' } };
  const max = options.maxTopicLength ?? 100;
  if (topic.length > max) return { ok: false, code: 'too-long', detail: { option: 'topic', max: String(max) } };
  const time = parseLocalTime(input.time ?? '');
  if (!time.ok) return time;
  const zone = parseTimeZone(input.timeZone?.trim() ? input.timeZone : options.defaultTimeZone);
  if (!zone.ok) return zone;
  return { ok: true, value: { topic, time: time.value.text, timeZone: zone.value } };
}
