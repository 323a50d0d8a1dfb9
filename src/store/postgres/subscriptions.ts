import type pg from 'pg';
import { topicKey } from '../keys.ts';
import { toSubscription, type SubscriptionRow } from '../rows.ts';
import type { ChannelRef, NewSubscription, Subscription } from '../types.ts';
import { inTransaction, type Db } from './connection.ts';

const KEY = 'platform = $1 AND channel = $2 AND topic_key = $3';

/** `xmax = 0` only on a row this statement inserted: one statement both upserts and tells which. */
export async function addSubscription(db: Db, input: NewSubscription, now: Date): Promise<{ subscription: Subscription; created: boolean }> {
  const { rows } = await db.query<SubscriptionRow & { inserted: boolean }>(
    `INSERT INTO subscriptions (platform, channel, topic, topic_key, time, time_zone, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
     ON CONFLICT (platform, channel, topic_key) DO UPDATE SET
       topic = excluded.topic, time = excluded.time, time_zone = excluded.time_zone,
       created_by = excluded.created_by, updated_at = excluded.updated_at
     RETURNING *, (xmax = 0) AS inserted`,
    [input.platform, input.channel, input.topic.trim(), topicKey(input.topic), input.time, input.timeZone, input.createdBy ?? null, now.getTime()],
  );
  return { subscription: toSubscription(rows[0]!), created: rows[0]!.inserted };
}

/** Removing a subscription also cancels its pending retries: the channel asked for no more. */
export function removeSubscription(pool: pg.Pool, ref: ChannelRef, topic: string, now: Date): Promise<boolean> {
  const key = [ref.platform, ref.channel, topicKey(topic)];
  return inTransaction(pool, async (client) => {
    const removed = ((await client.query(`DELETE FROM subscriptions WHERE ${KEY}`, key)).rowCount ?? 0) > 0;
    if (removed) {
      await client.query(`UPDATE deliveries SET state = 'cancelled', updated_at = $4, next_attempt_at = NULL WHERE ${KEY} AND state = 'retrying'`, [...key, now.getTime()]);
    }
    return removed;
  });
}

export async function listSubscriptions(db: Db, ref?: ChannelRef): Promise<Subscription[]> {
  const { rows } = ref
    ? await db.query<SubscriptionRow>('SELECT * FROM subscriptions WHERE platform = $1 AND channel = $2 ORDER BY topic_key', [ref.platform, ref.channel])
    : await db.query<SubscriptionRow>('SELECT * FROM subscriptions ORDER BY platform, channel, topic_key');
  return rows.map(toSubscription);
}
