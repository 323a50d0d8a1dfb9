import type { Subscription } from '../store/types.ts';
import { addDays, localDate, zonedInstant } from './local-time.ts';
import { parseLocalTime } from '../ports/schedule-time.ts';

/** What a tick should do about one subscription's local date. */
export interface DueDigest {
  localDate: string;
  /** The posting instant of that date. */
  due: Date;
  /** `post` while inside the catch-up window; `missed` once it (or the local day) is over. */
  action: 'post' | 'missed';
}

/**
 * The subscription's digests whose time has come by `now`: today's, and yesterday's so a
 * downtime across midnight is reported as missed rather than forgotten. Days whose posting
 * time came before the subscription was made (or last changed) are not due.
 */
export function dueDigests(subscription: Subscription, now: Date, catchUpMinutes: number): DueDigest[] {
  const time = parseLocalTime(subscription.time);
  if (!time.ok) throw new Error(`subscription ${subscription.id} has a bad time ${JSON.stringify(subscription.time)}`);
  const zone = subscription.timeZone;
  const today = localDate(now, zone);
  const result: DueDigest[] = [];
  for (const date of [addDays(today, -1), today]) {
    const due = zonedInstant(date, time.value.minutes, zone);
    if (now < due || subscription.updatedAt > due) continue;
    const dayOver = now >= zonedInstant(addDays(date, 1), 0, zone);
    const late = now.getTime() - due.getTime() > catchUpMinutes * 60_000;
    result.push({ localDate: date, due, action: dayOver || late ? 'missed' : 'post' });
  }
  return result;
}
