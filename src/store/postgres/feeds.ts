import type pg from 'pg';
import { feedArticleParams, feedStateParams, toFeedArticle, toFeedRecord, type FeedArticleRow, type FeedRow } from '../feed-rows.ts';
import type { FeedArticle, FeedArticleChanges, FeedArticleInput, FeedRecord, FeedState, NewFeed } from '../feed-types.ts';
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

/** Deletes the articles itself rather than by cascade: their keys are the answer. */
export function removeFeed(pool: pg.Pool, id: number): Promise<{ removedArticles: string[] } | null> {
  return inTransaction(pool, async (client) => {
    const keys = await client.query<{ key: string }>('DELETE FROM feed_articles WHERE feed_id = $1 RETURNING key', [id]);
    if ((await client.query('DELETE FROM feeds WHERE id = $1', [id])).rowCount === 0) return null;
    return { removedArticles: keys.rows.map((k) => k.key).sort() };
  });
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

async function writeFeedState(client: pg.PoolClient, feedId: number, state: FeedState): Promise<void> {
  const s = feedStateParams(state);
  const r = await client.query(
    `UPDATE feeds SET title = $1, etag = $2, last_modified = $3, last_fetch_at = $4, last_success_at = $5, last_new_item_at = $6,
       next_poll_at = $7, failures = $8, paused = $9, last_error = $10
     WHERE id = $11`,
    [s.title, s.etag, s.last_modified, s.last_fetch_at, s.last_success_at, s.last_new_item_at, s.next_poll_at, s.failures, s.paused === 1, s.last_error, feedId],
  );
  // Most likely removed by a chat command while its poll was in flight.
  if (r.rowCount === 0) throw new Error(`cannot record a poll of feed ${feedId}: there is no such feed`);
}

export function recordPoll(pool: pg.Pool, feedId: number, poll: { state: FeedState; articles: readonly FeedArticleInput[] }, now: Date): Promise<FeedArticleChanges> {
  return inTransaction(pool, async (client) => {
    await writeFeedState(client, feedId, poll.state);
    // By key: a feed listing one key twice must not hand the corpus the article as both added and changed.
    const added = new Map<string, FeedArticle>();
    const changed = new Map<string, FeedArticle>();
    for (const input of poll.articles) {
      const stored = await storeArticle(client, feedId, input, now);
      if (stored) (stored.added || added.has(input.key) ? added : changed).set(input.key, stored.article);
    }
    // Only here is it known which items are new, so here the feed's last-new-item time is set.
    if (added.size > 0) await client.query('UPDATE feeds SET last_new_item_at = $1 WHERE id = $2', [now.getTime(), feedId]);
    return { added: [...added.values()], changed: [...changed.values()] };
  });
}

export async function feedArticles(db: Db): Promise<FeedArticle[]> {
  return (await db.query<FeedArticleRow>('SELECT * FROM feed_articles ORDER BY first_seen_at, key')).rows.map(toFeedArticle);
}

/** The expression is feed_articles_age's, so the index serves the delete. */
export async function pruneFeedArticles(db: Db, before: Date): Promise<string[]> {
  const { rows } = await db.query<{ key: string }>('DELETE FROM feed_articles WHERE COALESCE(published_at, first_seen_at) < $1 RETURNING key', [before.getTime()]);
  return rows.map((r) => r.key).sort();
}
