/**
 * Wall-clock arithmetic in IANA time zones with nothing but Intl: which local date an instant
 * falls on, and which instant a local date and time of day means, across daylight-saving changes.
 */

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall-clock reading in the zone at that instant, expressed as if it were a UTC time (ms). */
function wallMs(instant: number, zone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(instant))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}

/** The zone's offset from UTC at that instant, in ms (east positive). */
function offsetMs(instant: number, zone: string): number {
  return wallMs(instant, zone) - Math.floor(instant / 1000) * 1000;
}

/** The local date (`YYYY-MM-DD`) in the zone at that instant. */
export function localDate(instant: Date, zone: string): string {
  return new Date(wallMs(instant.getTime(), zone)).toISOString().slice(0, 10);
}

/** The date `days` after a `YYYY-MM-DD` date (negative for before). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/**
 * The first instant at which the zone's clock reads `minutes` past midnight of `date`, or later.
 * That is the plain answer on most days; on a fall-back day, when the time happens twice, the
 * first of the two; on a spring-forward day, when the time is skipped, the end of the gap
 * (02:30 in New York on 2026-03-08 gives 03:00 EDT).
 */
export function zonedInstant(date: string, minutes: number, zone: string): Date {
  const wanted = Date.parse(`${date}T00:00:00Z`) + minutes * MINUTE;
  // The true instant is `wanted` minus the offset in force then; offsets around it are the
  // only candidates (zones change at most once or twice in a couple of days).
  const offsets = new Set([-DAY, -DAY / 2, 0, DAY / 2, DAY].map((d) => offsetMs(wanted + d, zone)));
  const candidates = [...offsets].map((o) => wanted - o).sort((a, b) => a - b);
  const exact = candidates.find((t) => wallMs(t, zone) === wanted);
  if (exact !== undefined) return new Date(exact);
  // Skipped time: the clock jumps over `wanted` somewhere between the candidates; find the jump.
  let lo = candidates[0]!;
  let hi = candidates.at(-1)!;
  if (!(wallMs(lo, zone) < wanted && wallMs(hi, zone) > wanted)) {
    throw new Error(`cannot place ${date} +${minutes}min in ${zone}`);
  }
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (wallMs(mid, zone) >= wanted) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}
