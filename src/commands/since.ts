/**
 * The `since` of /summary: a span back from now ("24h", "90m", "7d", "2w") or a calendar date
 * ("2026-12-01", from the start of that day in UTC). Pure: the caller passes the clock's now.
 */

const MINUTE_MS = 60_000;
const UNIT_MS: Record<string, number> = { m: MINUTE_MS, h: 60 * MINUTE_MS, d: 24 * 60 * MINUTE_MS, w: 7 * 24 * 60 * MINUTE_MS };
// Spelled out or short, singular or plural: "24h", "24 hours", "90min", "2wk". Minutes are
// never "mo" or "mon" (a month?): a month is given as "4w" or a date.
const UNITS = 'm|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?';
const SPAN = new RegExp(`^(\\d{1,6})\\s*(${UNITS})$`, 'i');
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * What a word must look like to be taken as the since by position ("ghazni 24h"): a number glued
 * to a unit, or a date. "covid 19" stays a topic; "3d printing" does too, its first word being the topic's.
 */
export const SINCE_WORD = new RegExp(`^(?:\\d{1,6}(?:${UNITS})|\\d{4}-\\d{2}-\\d{2})$`, 'i');

/** The instant a since names, or undefined when it is neither a span nor a real date. */
export function parseSince(text: string, now: Date): Date | undefined {
  const value = text.trim();
  const span = SPAN.exec(value);
  if (span) {
    const from = new Date(now.getTime() - Number(span[1]) * UNIT_MS[span[2]![0]!.toLowerCase()]!);
    return Number.isNaN(from.getTime()) ? undefined : from;
  }
  const date = DATE.exec(value);
  if (!date) return undefined;
  const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
  const from = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2026-02-30 over into March: a day that does not exist is a typo, not a date.
  return from.getUTCFullYear() === year && from.getUTCMonth() === month - 1 && from.getUTCDate() === day ? from : undefined;
}
