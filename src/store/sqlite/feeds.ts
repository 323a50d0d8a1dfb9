import type Database from 'better-sqlite3';
import type { FeedArticle, FeedArticleChanges, FeedArticleInput, FeedRecord, FeedState, NewFeed } from '../feed-types.ts';
import { feedArticleParams, feedStateParams, toFeedArticle, toFeedRecord, type FeedArticleRow, type FeedRow } from '../feed-rows.ts';
import type { Sql } from './statements.ts';

// A correlated count rather than a join and GROUP BY: feed_articles_feed answers it per feed.
const FEED_WITH_ITEMS = 'SELECT f.*, (SELECT COUNT(*) FROM feed_articles a WHERE a.feed_id = f.id) AS items FROM feeds f';

export function listFeeds(sql: Sql): FeedRecord[] {
  return (sql(`${FEED_WITH_ITEMS} ORDER BY f.id`).all() as FeedRow[]).map(toFeedRecord);
}

function feedById(sql: Sql, id: number): FeedRecord {
  return toFeedRecord(sql(`${FEED_WITH_ITEMS} WHERE f.id = ?`).get(id) as FeedRow);
}

/** An update keeps the poll state, `added_by` and `added_at`: the feed is still the one first added. */
export function saveFeed(db: Database.Database, sql: Sql, feed: NewFeed, now: Date, options: { resume?: boolean }): { feed: FeedRecord; created: boolean } {
  const run = db.transaction(() => {
    const existing = sql('SELECT id FROM feeds WHERE url = ?').get(feed.url);
    const { id } = sql(
      `INSERT INTO feeds (url, name, interval_ms, full_text, origin, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (url) DO UPDATE SET
         name = excluded.name, interval_ms = excluded.interval_ms, full_text = excluded.full_text, origin = excluded.origin
       RETURNING id`,
    ).get(feed.url, feed.name ?? null, feed.intervalMs, feed.fullText, feed.origin, feed.addedBy ?? null, now.getTime()) as { id: number };
    if (options.resume) {
      sql('UPDATE feeds SET paused = 0, failures = 0, next_poll_at = ?, last_error = NULL WHERE id = ?').run(now.getTime(), id);
    }
    return { feed: feedById(sql, id), created: existing === undefined };
  });
  return run.immediate();
}

/** Deletes the articles itself rather than by cascade: their keys are the answer. */
export function removeFeed(db: Database.Database, sql: Sql, id: number): { removedArticles: string[] } | null {
  const run = db.transaction(() => {
    const keys = sql('DELETE FROM feed_articles WHERE feed_id = ? RETURNING key').all(id) as { key: string }[];
    if (sql('DELETE FROM feeds WHERE id = ?').run(id).changes === 0) return null;
    return { removedArticles: keys.map((k) => k.key).sort() };
  });
  return run.immediate();
}

type Stored = { added: boolean; article: FeedArticle } | null;

/** Inserts a new key, replaces an edited one (keeping when it was first seen), leaves an unchanged one alone (null). */
function storeArticle(sql: Sql, feedId: number, input: FeedArticleInput, now: Date): Stored {
  const stored = sql('SELECT content_hash FROM feed_articles WHERE key = ?').get(input.key) as { content_hash: string } | undefined;
  if (stored?.content_hash === input.contentHash) return null;
  const params = feedArticleParams(input, feedId, now);
  const row = stored
    ? sql(
        `UPDATE feed_articles SET feed_id = @feed_id, item_id = @item_id, title = @title, link = @link, outlet = @outlet,
           published = @published, published_at = @published_at, text = @text, content_hash = @content_hash, updated_at = @now
         WHERE key = @key RETURNING *`,
      ).get(params)
    : sql(
        `INSERT INTO feed_articles (key, feed_id, item_id, title, link, outlet, published, published_at, text, content_hash, first_seen_at, updated_at)
         VALUES (@key, @feed_id, @item_id, @title, @link, @outlet, @published, @published_at, @text, @content_hash, @now, @now) RETURNING *`,
      ).get(params);
  return { added: !stored, article: toFeedArticle(row as FeedArticleRow) };
}

function writeFeedState(sql: Sql, feedId: number, state: FeedState): void {
  const found = sql(
    `UPDATE feeds SET title = @title, etag = @etag, last_modified = @last_modified, last_fetch_at = @last_fetch_at,
       last_success_at = @last_success_at, last_new_item_at = @last_new_item_at, next_poll_at = @next_poll_at,
       failures = @failures, paused = @paused, last_error = @last_error
     WHERE id = @id`,
  ).run({ ...feedStateParams(state), id: feedId }).changes > 0;
  // Most likely removed by a chat command while its poll was in flight.
  if (!found) throw new Error(`cannot record a poll of feed ${feedId}: there is no such feed`);
}

export function recordPoll(db: Database.Database, sql: Sql, feedId: number, poll: { state: FeedState; articles: readonly FeedArticleInput[] }, now: Date): FeedArticleChanges {
  const run = db.transaction(() => {
    writeFeedState(sql, feedId, poll.state);
    // By key: a feed listing one key twice must not hand the corpus the article as both added and changed.
    const added = new Map<string, FeedArticle>();
    const changed = new Map<string, FeedArticle>();
    for (const input of poll.articles) {
      const stored = storeArticle(sql, feedId, input, now);
      if (stored) (stored.added || added.has(input.key) ? added : changed).set(input.key, stored.article);
    }
    // Only here is it known which items are new, so here the feed's last-new-item time is set.
    if (added.size > 0) sql('UPDATE feeds SET last_new_item_at = ? WHERE id = ?').run(now.getTime(), feedId);
    return { added: [...added.values()], changed: [...changed.values()] };
  });
  return run.immediate();
}

export function feedArticles(sql: Sql): FeedArticle[] {
  return (sql('SELECT * FROM feed_articles ORDER BY first_seen_at, key').all() as FeedArticleRow[]).map(toFeedArticle);
}

/** The expression is feed_articles_age's, so the index serves the delete. */
export function pruneFeedArticles(sql: Sql, before: Date): string[] {
  const rows = sql('DELETE FROM feed_articles WHERE COALESCE(published_at, first_seen_at) < ? RETURNING key').all(before.getTime()) as { key: string }[];
  return rows.map((r) => r.key).sort();
}
