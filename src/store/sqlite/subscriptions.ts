import type Database from 'better-sqlite3';
import { topicKey } from '../keys.ts';
import type { ChannelRef, NewSubscription, Subscription } from '../types.ts';
import { toSubscription, type SubscriptionRow } from '../rows.ts';
import type { Sql } from './statements.ts';

const KEY = 'platform = ? AND channel = ? AND topic_key = ?';

export function addSubscription(db: Database.Database, sql: Sql, input: NewSubscription, now: Date): { subscription: Subscription; created: boolean } {
  const key = topicKey(input.topic);
  const run = db.transaction(() => {
    const existing = sql(`SELECT id FROM subscriptions WHERE ${KEY}`).get(input.platform, input.channel, key);
    const row = sql(
      `INSERT INTO subscriptions (platform, channel, topic, topic_key, time, time_zone, created_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (platform, channel, topic_key) DO UPDATE SET
         topic = excluded.topic, time = excluded.time, time_zone = excluded.time_zone,
         created_by = excluded.created_by, updated_at = excluded.updated_at
       RETURNING *`,
    ).get(input.platform, input.channel, input.topic.trim(), key, input.time, input.timeZone, input.createdBy ?? null, now.getTime(), now.getTime()) as SubscriptionRow;
    return { subscription: toSubscription(row), created: existing === undefined };
  });
  return run.immediate();
}

/** Removing a subscription also cancels its pending retries: the channel asked for no more. */
export function removeSubscription(db: Database.Database, sql: Sql, ref: ChannelRef, topic: string, now: Date): boolean {
  const key = topicKey(topic);
  const run = db.transaction(() => {
    const removed = sql(`DELETE FROM subscriptions WHERE ${KEY}`).run(ref.platform, ref.channel, key).changes > 0;
    if (removed) {
      sql(`UPDATE deliveries SET state = 'cancelled', updated_at = ?, next_attempt_at = NULL WHERE ${KEY} AND state = 'retrying'`).run(
        now.getTime(),
        ref.platform,
        ref.channel,
        key,
      );
    }
    return removed;
  });
  return run.immediate();
}

export function listSubscriptions(sql: Sql, ref?: ChannelRef): Subscription[] {
  const rows = ref
    ? sql('SELECT * FROM subscriptions WHERE platform = ? AND channel = ? ORDER BY topic_key').all(ref.platform, ref.channel)
    : sql('SELECT * FROM subscriptions ORDER BY platform, channel, topic_key').all();
  return (rows as SubscriptionRow[]).map(toSubscription);
}
