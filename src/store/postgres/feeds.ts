import type pg from 'pg';
import { feedArticleParams, feedClaimOf, feedStateParams, toFeedArticle, toFeedRecord, type FeedArticleRow, type FeedRow, type LeasedFeedRow } from '../feed-rows.ts';
import { pollNotRecorded } from '../errors.ts';
import type { FeedArticle, FeedArticleChanges, FeedArticleChangesSince, FeedArticleInput, FeedClaim, FeedRecord, FeedState, NewFeed } from '../feed-types.ts';
import { inTransaction, type Db } from './connection.ts';

// A correlated count rather than a join and GROUP BY: feed_articles_feed answers it per feed.
const FEED_WITH_ITEMS = 'SELECT f.*, (SELECT COUNT(*) FROM feed_articles a WHERE a.feed_id = f.id) AS items FROM feeds f';

export async function listFeeds(db: Db): Promise<FeedRecord[]> {
  return (await db.query<FeedRow>(`${FEED_WITH_ITEMS} ORDER BY f.id`)).rows.map(toFeedRecord);
}

async function feedById(db: Db, id: number): Promise<FeedRecord> {
  return toFeedRecord((await db.query<FeedRow>(`${FEED_WITH_ITEMS} WHERE f.id = $1`, [id])).rows[0]!);
}

/** An update keeps the poll state, `added_by` and `added_at`: the feed is still the one first added. */
export function saveFeed(pool: pg.Pool, feed: NewFeed, now: Date, options: { resume?: boolean }): Promise<{ feed: FeedRecord; created: boolean }> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ id: number; inserted: boolean }>(
      `INSERT INTO feeds (url, name, interval_ms, full_text, origin, added_by, added_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (url) DO UPDATE SET
         name = excluded.name, interval_ms = excluded.interval_ms, full_text = excluded.full_text, origin = excluded.origin
       RETURNING id, (xmax = 0) AS inserted`,
      [feed.url, feed.name ?? null, feed.intervalMs, feed.fullText, feed.origin, feed.addedBy ?? null, now.getTime()],
    );
    const { id, inserted } = rows[0]!;
    if (options.resume) {
      await client.query('UPDATE feeds SET paused = false, failures = 0, next_poll_at = $1, last_error = NULL WHERE id = $2', [now.getTime(), id]);
    }
    return { feed: await feedById(client, id), created: inserted };
  });
}

/**
 * The next change number. Its row lock is held until the transaction ends, so numbers are handed
 * out in commit order: call it last in a transaction, to hold the lock briefly.
 */
async function nextChange(client: pg.PoolClient): Promise<number> {
  return (await client.query<{ last: number }>('UPDATE feed_changes SET last = last + 1 RETURNING last')).rows[0]!.last;
}

/** Records removals under one new change number, for other processes' corpora; at `now`, the clock pruning compares with. */
async function recordRemovals(client: pg.PoolClient, keys: readonly string[], by: string | undefined, now: Date): Promise<void> {
  if (keys.length === 0) return;
  await client.query(
    `INSERT INTO feed_article_removals (change_no, key, removed_by, removed_at)
     SELECT $1, k, $2, $4::bigint FROM unnest($3::text[]) AS k`,
    [await nextChange(client), by ?? null, keys, now.getTime()],
  );
}

/** Deletes the articles itself rather than by cascade: their keys are the answer. */
export function removeFeed(pool: pg.Pool, id: number, now: Date, by: string | undefined): Promise<{ removedArticles: string[] } | null> {
  return inTransaction(pool, async (client) => {
    const keys = (await client.query<{ key: string }>('DELETE FROM feed_articles WHERE feed_id = $1 RETURNING key', [id])).rows.map((k) => k.key).sort();
    if ((await client.query('DELETE FROM feeds WHERE id = $1', [id])).rowCount === 0) return null;
    await recordRemovals(client, keys, by, now);
    return { removedArticles: keys };
  });
}

/**
 * One conditional UPDATE: of two at once, the second waits for the first's row lock, then checks
 * its condition again against the row the first wrote, finds a live lease and changes nothing.
 */
export async function claimFeedPoll(pool: pg.Pool, feedId: number, holder: string, now: Date, leaseMs: number, force: boolean): Promise<FeedClaim> {
  const won = await pool.query(
    `UPDATE feeds SET poll_holder = $2, poll_lease_until = $3::bigint + $4::bigint
     WHERE id = $1 AND (poll_lease_until IS NULL OR poll_lease_until <= $3::bigint)
       AND ($5::boolean OR (NOT paused AND (next_poll_at IS NULL OR next_poll_at <= $3::bigint)))`,
    [feedId, holder, now.getTime(), leaseMs, force],
  );
  const row = (await pool.query<LeasedFeedRow>(`${FEED_WITH_ITEMS} WHERE f.id = $1`, [feedId])).rows[0];
  return feedClaimOf(row, won.rowCount === 1, now);
}

export async function renewFeedPoll(pool: pg.Pool, feedId: number, holder: string, now: Date, leaseMs: number): Promise<boolean> {
  const r = await pool.query('UPDATE feeds SET poll_lease_until = $1 WHERE id = $2 AND poll_holder = $3', [now.getTime() + leaseMs, feedId, holder]);
  return r.rowCount === 1;
}

/**
 * Inserts a new key, replaces an edited one (keeping when it was first seen), leaves an unchanged
 * one alone (null): one statement, so two processes storing one key cannot both insert it.
 */
async function storeArticle(client: pg.PoolClient, feedId: number, input: FeedArticleInput, now: Date): Promise<{ added: boolean; article: FeedArticle } | null> {
  const p = feedArticleParams(input, feedId, now);
  const { rows } = await client.query<FeedArticleRow & { inserted: boolean }>(
    `INSERT INTO feed_articles (key, feed_id, item_id, title, link, outlet, published, published_at, text, content_hash, first_seen_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
     ON CONFLICT (key) DO UPDATE SET feed_id = excluded.feed_id, item_id = excluded.item_id, title = excluded.title, link = excluded.link,
       outlet = excluded.outlet, published = excluded.published, published_at = excluded.published_at, text = excluded.text,
       content_hash = excluded.content_hash, updated_at = excluded.updated_at
     WHERE feed_articles.content_hash <> excluded.content_hash
     RETURNING *, (xmax = 0) AS inserted`,
    [p.key, p.feed_id, p.item_id, p.title, p.link, p.outlet, p.published, p.published_at, p.text, p.content_hash, p.now],
  );
  const row = rows[0];
  return row ? { added: row.inserted, article: toFeedArticle(row) } : null;
}

/** Writes the state and ends the lease; with `by`, only while `by` holds the lease. */
async function writeFeedState(client: pg.PoolClient, feedId: number, state: FeedState, by: string | undefined): Promise<void> {
  const s = feedStateParams(state);
  const r = await client.query(
    `UPDATE feeds SET title = $1, etag = $2, last_modified = $3, last_fetch_at = $4, last_success_at = $5, last_new_item_at = $6,
       next_poll_at = $7, failures = $8, paused = $9, last_error = $10, poll_holder = NULL, poll_lease_until = NULL
     WHERE id = $11 AND ($12::text IS NULL OR poll_holder = $12::text)`,
    [s.title, s.etag, s.last_modified, s.last_fetch_at, s.last_success_at, s.last_new_item_at, s.next_poll_at, s.failures, s.paused === 1, s.last_error, feedId, by ?? null],
  );
  if (r.rowCount !== 1) throw pollNotRecorded(feedId, (await client.query('SELECT 1 FROM feeds WHERE id = $1', [feedId])).rowCount === 1);
}

export function recordPoll(pool: pg.Pool, feedId: number, poll: { state: FeedState; articles: readonly FeedArticleInput[] }, now: Date, by: string | undefined): Promise<FeedArticleChanges> {
  return inTransaction(pool, async (client) => {
    await writeFeedState(client, feedId, poll.state, by);
    // By key: a feed listing one key twice must not hand the corpus the article as both added and changed.
    const added = new Map<string, FeedArticle>();
    const changed = new Map<string, FeedArticle>();
    for (const input of poll.articles) {
      const stored = await storeArticle(client, feedId, input, now);
      if (stored) (stored.added || added.has(input.key) ? added : changed).set(input.key, stored.article);
    }
    // Only here is it known which items are new, so here the feed's last-new-item time is set.
    if (added.size > 0) await client.query('UPDATE feeds SET last_new_item_at = $1 WHERE id = $2', [now.getTime(), feedId]);
    const keys = [...added.keys(), ...changed.keys()];
    if (keys.length > 0) {
      await client.query('UPDATE feed_articles SET change_no = $1, changed_by = $2 WHERE key = ANY($3::text[])', [await nextChange(client), by ?? null, keys]);
    }
    return { added: [...added.values()], changed: [...changed.values()] };
  });
}

export async function feedArticles(db: Db): Promise<FeedArticle[]> {
  return (await db.query<FeedArticleRow>('SELECT * FROM feed_articles ORDER BY first_seen_at, key')).rows.map(toFeedArticle);
}

/** The expression is feed_articles_age's, so the index serves the delete. */
export function pruneFeedArticles(pool: pg.Pool, before: Date, now: Date, by: string | undefined): Promise<string[]> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ key: string }>('DELETE FROM feed_articles WHERE COALESCE(published_at, first_seen_at) < $1 RETURNING key', [before.getTime()]);
    const keys = rows.map((r) => r.key).sort();
    await client.query('DELETE FROM feed_article_removals WHERE removed_at < $1', [before.getTime()]);
    await recordRemovals(client, keys, by, now);
    return keys;
  });
}

export async function feedChangeNumber(db: Db): Promise<number> {
  return (await db.query<{ last: number }>('SELECT last FROM feed_changes')).rows[0]!.last;
}

/**
 * The counter is read first, then only rows up to it: numbers are handed out in commit order, so
 * every change up to it is committed and visible to the reads after it. A row written again
 * since, or removed since, is left to the next call, which sees its newer number.
 */
export async function feedChangesSince(db: Db, since: number, except: string | undefined): Promise<FeedArticleChangesSince> {
  const through = await feedChangeNumber(db);
  if (through <= since) return { through, upserted: [], removed: [] };
  const range = [since, through, except ?? null];
  const upserted = await db.query<FeedArticleRow>(
    // Without `except`, every row, those written by no named process (changed_by NULL) too.
    'SELECT * FROM feed_articles WHERE change_no > $1 AND change_no <= $2 AND ($3::text IS NULL OR changed_by IS DISTINCT FROM $3::text) ORDER BY change_no, key',
    range,
  );
  const removed = await db.query<{ key: string }>(
    `SELECT DISTINCT r.key FROM feed_article_removals r
     WHERE r.change_no > $1 AND r.change_no <= $2 AND ($3::text IS NULL OR r.removed_by IS DISTINCT FROM $3::text)
       AND NOT EXISTS (SELECT 1 FROM feed_articles a WHERE a.key = r.key) ORDER BY r.key`,
    range,
  );
  return { through, upserted: upserted.rows.map(toFeedArticle), removed: removed.rows.map((r) => r.key) };
}
