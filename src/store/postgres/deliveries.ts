import type pg from 'pg';
import { idempotencyKey, topicKey } from '../keys.ts';
import { toDelivery, toSubscription, type DeliveryRow, type SubscriptionRow } from '../rows.ts';
import type { ChannelRef, Claim, DeliveryRecord, PendingDelivery, Subscription } from '../types.ts';
import { inTransaction, type Db } from './connection.ts';

const KEY = 'platform = $1 AND channel = $2 AND topic_key = $3';
const ROW = `${KEY} AND local_date = $4`;
const keyOf = (s: Subscription, localDate: string) => [s.platform, s.channel, s.topicKey, localDate];
const claimKeyOf = (c: Claim) => [c.platform, c.channel, c.topicKey, c.localDate];

/**
 * Atomic across processes at READ COMMITTED: the INSERT ... ON CONFLICT DO NOTHING creates the
 * row for exactly one of any number of racing claims (the others wait for its commit, then
 * insert nothing); a claim that found the row locks it with FOR UPDATE, so of two racing
 * take-overs the second reads the row as the first left it (freshly claimed) and gets null.
 */
export function claim(pool: pg.Pool, sub: Subscription, localDate: string, now: Date, leaseMs: number): Promise<Claim | null> {
  const at = now.getTime();
  const expired = at - leaseMs;
  const base = { platform: sub.platform, channel: sub.channel, topicKey: sub.topicKey, localDate, subscriptionId: sub.id };
  return inTransaction(pool, async (client): Promise<Claim | null> => {
    const key = idempotencyKey(sub, sub.topicKey, localDate);
    const inserted = await client.query(
      `INSERT INTO deliveries (platform, channel, topic_key, local_date, subscription_id, state, attempts, idempotency_key, claimed_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, 'claimed', 1, $6, $7, $7) ON CONFLICT DO NOTHING`,
      [...keyOf(sub, localDate), sub.id, key, at],
    );
    if (inserted.rowCount === 1) {
      // An older day still waiting for a retry would arrive after this one, out of order and
      // with items this digest already carries; this digest takes its place.
      const superseded = await client.query<{ local_date: string }>(
        `UPDATE deliveries SET state = 'superseded', updated_at = $5, next_attempt_at = NULL
         WHERE ${KEY} AND local_date < $4 AND (state = 'retrying' OR (state = 'claimed' AND claimed_at <= $6))
         RETURNING local_date`,
        [...keyOf(sub, localDate), at, expired],
      );
      return { ...base, attempt: 1, idempotencyKey: key, recovered: false, superseded: superseded.rows.map((r) => r.local_date).sort() };
    }
    const { rows } = await client.query<DeliveryRow>(`SELECT * FROM deliveries WHERE ${ROW} FOR UPDATE`, keyOf(sub, localDate));
    const row = rows[0];
    if (!row) return null;
    const retryDue = row.state === 'retrying' && (row.next_attempt_at ?? 0) <= at;
    const leaseOver = row.state === 'claimed' && row.claimed_at <= expired;
    if (!retryDue && !leaseOver) return null;
    await client.query(
      `UPDATE deliveries SET state = 'claimed', attempts = attempts + 1, claimed_at = $5, updated_at = $5, next_attempt_at = NULL, subscription_id = $6
       WHERE ${ROW}`,
      [...keyOf(sub, localDate), at, sub.id],
    );
    return { ...base, attempt: row.attempts + 1, idempotencyKey: row.idempotency_key, recovered: leaseOver, superseded: [] };
  });
}

export function markPosted(pool: pg.Pool, c: Claim, now: Date, result: { itemKeys: readonly string[]; skipped?: boolean }): Promise<boolean> {
  const at = now.getTime();
  return inTransaction(pool, async (client) => {
    const updated = await client.query(
      `UPDATE deliveries SET state = $5, posted_at = $6, updated_at = $6, next_attempt_at = NULL, last_error = NULL
       WHERE ${ROW} AND state = 'claimed' AND attempts = $7`,
      [...claimKeyOf(c), result.skipped ? 'skipped' : 'posted', at, c.attempt],
    );
    // Recorded even when the claim was lost: the items did reach the channel, and must not
    // count as new tomorrow.
    if (result.itemKeys.length > 0) {
      await client.query(
        `INSERT INTO posted_items (platform, channel, topic_key, item_key, local_date, posted_at)
         SELECT $1, $2, $3, item, $4, $5 FROM unnest($6::text[]) AS item ON CONFLICT DO NOTHING`,
        [...claimKeyOf(c), at, [...result.itemKeys]],
      );
    }
    return updated.rowCount === 1;
  });
}

export async function markFailed(db: Db, c: Claim, now: Date, failure: { error: string; retryAt: Date | null }): Promise<boolean> {
  const r = await db.query(
    `UPDATE deliveries SET state = $5, next_attempt_at = $6, last_error = $7, updated_at = $8
     WHERE ${ROW} AND state = 'claimed' AND attempts = $9`,
    [...claimKeyOf(c), failure.retryAt ? 'retrying' : 'failed', failure.retryAt?.getTime() ?? null, failure.error.slice(0, 2000), now.getTime(), c.attempt],
  );
  return r.rowCount === 1;
}

/** No read first, unlike SQLite: a conflicting INSERT here takes no table-wide lock and is one round trip. */
export async function noteMissed(db: Db, sub: Subscription, localDate: string, now: Date): Promise<boolean> {
  const r = await db.query(
    `INSERT INTO deliveries (platform, channel, topic_key, local_date, subscription_id, state, attempts, idempotency_key, claimed_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, 'missed', 0, $6, $7, $7) ON CONFLICT DO NOTHING`,
    [...keyOf(sub, localDate), sub.id, idempotencyKey(sub, sub.topicKey, localDate), now.getTime()],
  );
  return r.rowCount === 1;
}

export async function pendingRetries(db: Db, now: Date, leaseMs: number): Promise<PendingDelivery[]> {
  const { rows } = await db.query<SubscriptionRow & { d_local_date: string; d_state: 'claimed' | 'retrying'; d_attempts: number }>(
    `SELECT s.*, d.local_date AS d_local_date, d.state AS d_state, d.attempts AS d_attempts
     FROM deliveries d JOIN subscriptions s USING (platform, channel, topic_key)
     WHERE (d.state = 'retrying' AND d.next_attempt_at <= $1) OR (d.state = 'claimed' AND d.claimed_at <= $2)
     ORDER BY d.local_date, s.id`,
    [now.getTime(), now.getTime() - leaseMs],
  );
  return rows.map((r) => ({ subscription: toSubscription(r), localDate: r.d_local_date, state: r.d_state, attempts: r.d_attempts }));
}

export async function postedItemKeys(db: Db, ref: ChannelRef, topic: string): Promise<Set<string>> {
  const { rows } = await db.query<{ item_key: string }>(`SELECT item_key FROM posted_items WHERE ${KEY}`, [ref.platform, ref.channel, topicKey(topic)]);
  return new Set(rows.map((r) => r.item_key));
}

export async function deliveryHistory(db: Db, ref: ChannelRef, topic: string, limit: number): Promise<DeliveryRecord[]> {
  const { rows } = await db.query<DeliveryRow>(`SELECT * FROM deliveries WHERE ${KEY} ORDER BY local_date DESC LIMIT $4`, [ref.platform, ref.channel, topicKey(topic), limit]);
  return rows.map(toDelivery);
}
