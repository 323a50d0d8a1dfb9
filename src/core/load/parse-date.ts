// Date.parse is not used for free text: V8 reads "foo 2021" as 1 January 2021 and
// "12/08/2021" as December 8, so only the unambiguous shapes below are accepted.

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;
const SLASHED = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;
const WEEKDAY = String.raw`(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?`;
const TIME = String.raw`(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?\s*(gmt|utc|z|[+-]\d{2}:?\d{2})?)?`;
const DAY_MONTH = new RegExp(`^${WEEKDAY}(\\d{1,2})(?:st|nd|rd|th)?\\s+([a-z]+)\\.?,?\\s+(\\d{4})${TIME}$`, 'i');
const MONTH_DAY = new RegExp(`^${WEEKDAY}([a-z]+)\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})${TIME}$`, 'i');
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

const pad = (n: number): string => String(n).padStart(2, '0');

function monthNumber(name: string): number | undefined {
  const lower = name.toLowerCase();
  if (lower.length < 3) return undefined;
  // "Sept" is common in news copy; otherwise the name must be a prefix of the month's full name.
  if (lower === 'sept') return 9;
  const index = MONTHS.findIndex((month) => month.startsWith(lower));
  return index < 0 ? undefined : index + 1;
}

function isoDay(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1000 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
}

function zone(raw: string | undefined): string {
  if (raw === undefined) return '';
  if (/^(z|gmt|utc)$/i.test(raw)) return 'Z';
  const digits = raw.replace(':', '');
  return `${digits.slice(0, 3)}:${digits.slice(3)}`;
}

function withTime(day: string, h: number, m: number, s: number, fraction: string, tz: string): string | undefined {
  if (h > 23 || m > 59 || s > 59) return undefined;
  return `${day}T${pad(h)}:${pad(m)}:${pad(s)}${fraction}${tz}`;
}

function fromTextual(day: number, monthName: string, year: number, t: (string | undefined)[]): string | undefined {
  const month = monthNumber(monthName);
  const date = month === undefined ? undefined : isoDay(year, month, day);
  if (date === undefined || t[0] === undefined) return date;
  let hour = Number(t[0]);
  const meridiem = t[3]?.[0]?.toLowerCase();
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (meridiem === 'p' ? 12 : 0);
  }
  return withTime(date, hour, Number(t[1]), Number(t[2] ?? 0), '', zone(t[4]));
}

function fromInstant(ms: number): string | undefined {
  const date = new Date(ms);
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1000 || date.getUTCFullYear() > 9999) return undefined;
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
}

/**
 * Normalises a publication date to ISO 8601: `YYYY-MM-DD`, or a date-time when the
 * value carries a time (its zone kept as given; none given stays unzoned).
 * Accepts ISO strings, "12 August 2021", "Aug. 12, 2021 5:40 PM", RFC 2822, `YYYY/MM/DD`,
 * Date objects and epoch numbers (seconds or milliseconds). Returns undefined otherwise.
 */
export function parseDate(value: unknown): string | undefined {
  if (value instanceof Date) return fromInstant(value.getTime());
  if (typeof value === 'number') return Number.isFinite(value) ? fromInstant(value < 1e11 ? value * 1000 : value) : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim().replace(/\s+/g, ' ');

  const iso = ISO.exec(text);
  if (iso !== null) {
    const day = isoDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    if (day === undefined || iso[4] === undefined) return day;
    return withTime(day, Number(iso[4]), Number(iso[5]), Number(iso[6] ?? 0), iso[7] ?? '', zone(iso[8]));
  }
  const slashed = SLASHED.exec(text);
  if (slashed !== null) return isoDay(Number(slashed[1]), Number(slashed[2]), Number(slashed[3]));
  const dm = DAY_MONTH.exec(text);
  if (dm !== null) return fromTextual(Number(dm[1]), dm[2] ?? '', Number(dm[3]), dm.slice(4));
  const md = MONTH_DAY.exec(text);
  if (md !== null) return fromTextual(Number(md[2]), md[1] ?? '', Number(md[3]), md.slice(4));
  return undefined;
}
