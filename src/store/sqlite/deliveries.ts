import type Database from 'better-sqlite3';
import { idempotencyKey, topicKey } from '../keys.ts';
import type { ChannelRef, Claim, DeliveryRecord, PendingDelivery, Subscription } from '../types.ts';
import { toDelivery, toSubscription, type DeliveryRow, type SubscriptionRow } from '../rows.ts';
import type { Sql } from './statements.ts';

const KEY = 'platform = ? AND channel = ? AND topic_key = ?';
const ROW = `${KEY} AND local_date = ?`;
const keyOf = (s: Subscription, localDate: string) => [s.platform, s.channel, s.topicKey, localDate] as const;
const claimKeyOf = (c: Claim) => [c.platform, c.channel, c.topicKey, c.localDate] as const;

/**
 * Runs in an immediate transaction: the write lock is taken before the row is read, so two
 * processes cannot both see the row free and both claim it.
 */
export function claim(db: Database.Database, sql: Sql, sub: Subscription, localDate: string, now: Date, leaseMs: number): Claim | null {
  const at = now.getTime();
  const expired = at - leaseMs;
  const run = db.transaction((): Claim | null => {
    const row = sql(`SELECT * FROM deliveries WHERE ${ROW}`).get(...keyOf(sub, localDate)) as DeliveryRow | undefined;
    const base = { platform: sub.platform, channel: sub.channel, topicKey: sub.topicKey, localDate, subscriptionId: sub.id };
    if (!row) {
      const key = idempotencyKey(sub, sub.topicKey, localDate);
      sql(
        `INSERT INTO deliveries (platform, channel, topic_key, local_date, subscription_id, state, attempts, idempotency_key, claimed_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'claimed', 1, ?, ?, ?)`,
      ).run(...keyOf(sub, localDate), sub.id, key, at, at);
      // An older day still waiting for a retry would arrive after this one, out of order and
      // with items this digest already carries; this digest takes its place.
      const superseded = sql(
        `UPDATE deliveries SET state = 'superseded', updated_at = ?, next_attempt_at = NULL
         WHERE ${KEY} AND local_date < ? AND (state = 'retrying' OR (state = 'claimed' AND claimed_at <= ?))
         RETURNING local_date`,
      ).all(at, sub.platform, sub.channel, sub.topicKey, localDate, expired) as { local_date: string }[];
      return { ...base, attempt: 1, idempotencyKey: key, recovered: false, superseded: superseded.map((r) => r.local_date) };
    }
    const retryDue = row.state === 'retrying' && (row.next_attempt_at ?? 0) <= at;
    const leaseOver = row.state === 'claimed' && row.claimed_at <= expired;
    if (!retryDue && !leaseOver) return null;
    sql(
      `UPDATE deliveries SET state = 'claimed', attempts = attempts + 1, claimed_at = ?, updated_at = ?, next_attempt_at = NULL, subscription_id = ?
       WHERE ${ROW}`,
    ).run(at, at, sub.id, ...keyOf(sub, localDate));
    return { ...base, attempt: row.attempts + 1, idempotencyKey: row.idempotency_key, recovered: leaseOver, superseded: [] };
  });
  return run.immediate();
}

export function markPosted(db: Database.Database, sql: Sql, c: Claim, now: Date, result: { itemKeys: readonly string[]; skipped?: boolean }): boolean {
  const at = now.getTime();
  const run = db.transaction(() => {
    const updated = sql(
      `UPDATE deliveries SET state = ?, posted_at = ?, updated_at = ?, next_attempt_at = NULL, last_error = NULL
       WHERE ${ROW} AND state = 'claimed' AND attempts = ?`,
    ).run(result.skipped ? 'skipped' : 'posted', at, at, ...claimKeyOf(c), c.attempt).changes > 0;
    // Recorded even when the claim was lost: the items did reach the channel, and must not
    // count as new tomorrow.
    const insert = sql(
      `INSERT INTO posted_items (platform, channel, topic_key, item_key, local_date, posted_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT DO NOTHING`,
    );
    for (const item of result.itemKeys) insert.run(c.platform, c.channel, c.topicKey, item, c.localDate, at);
    return updated;
  });
  return run.immediate();
}

export function markFailed(sql: Sql, c: Claim, now: Date, failure: { error: string; retryAt: Date | null }): boolean {
  return (
    sql(
      `UPDATE deliveries SET state = ?, next_attempt_at = ?, last_error = ?, updated_at = ?
       WHERE ${ROW} AND state = 'claimed' AND attempts = ?`,
    ).run(
      failure.retryAt ? 'retrying' : 'failed',
      failure.retryAt?.getTime() ?? null,
      failure.error.slice(0, 2000),
      now.getTime(),
      ...claimKeyOf(c),
      c.attempt,
    ).changes > 0
  );
}

export function noteMissed(sql: Sql, sub: Subscription, localDate: string, now: Date): boolean {
  // Read first: this runs for every subscription on every tick, and a read takes no write lock.
  if (sql(`SELECT 1 FROM deliveries WHERE ${ROW}`).get(...keyOf(sub, localDate))) return false;
  const at = now.getTime();
  return (
    sql(
      `INSERT INTO deliveries (platform, channel, topic_key, local_date, subscription_id, state, attempts, idempotency_key, claimed_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'missed', 0, ?, ?, ?) ON CONFLICT DO NOTHING`,
    ).run(...keyOf(sub, localDate), sub.id, idempotencyKey(sub, sub.topicKey, localDate), at, at).changes > 0
  );
}

export function pendingRetries(sql: Sql, now: Date, leaseMs: number): PendingDelivery[] {
  const rows = sql(
    `SELECT s.*, d.local_date AS d_local_date, d.state AS d_state, d.attempts AS d_attempts
     FROM deliveries d JOIN subscriptions s USING (platform, channel, topic_key)
     WHERE (d.state = 'retrying' AND d.next_attempt_at <= ?) OR (d.state = 'claimed' AND d.claimed_at <= ?)
     ORDER BY d.local_date, s.id`,
  ).all(now.getTime(), now.getTime() - leaseMs) as (SubscriptionRow & { d_local_date: string; d_state: 'claimed' | 'retrying'; d_attempts: number })[];
  return rows.map((r) => ({ subscription: toSubscription(r), localDate: r.d_local_date, state: r.d_state, attempts: r.d_attempts }));
}

export function postedItemKeys(sql: Sql, ref: ChannelRef, topic: string): Set<string> {
  const rows = sql(`SELECT item_key FROM posted_items WHERE ${KEY}`).all(ref.platform, ref.channel, topicKey(topic)) as { item_key: string }[];
  return new Set(rows.map((r) => r.item_key));
}

export function deliveryHistory(sql: Sql, ref: ChannelRef, topic: string, limit: number): DeliveryRecord[] {
  const rows = sql(`SELECT * FROM deliveries WHERE ${KEY} ORDER BY local_date DESC LIMIT ?`).all(ref.platform, ref.channel, topicKey(topic), limit) as DeliveryRow[];
  return rows.map(toDelivery);
}
