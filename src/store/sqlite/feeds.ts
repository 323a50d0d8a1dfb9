import type Database from 'better-sqlite3';
import { pollNotRecorded } from '../errors.ts';
import type { FeedArticle, FeedArticleChanges, FeedArticleChangesSince, FeedArticleInput, FeedClaim, FeedRecord, FeedState, NewFeed } from '../feed-types.ts';
import { feedArticleParams, feedClaimOf, feedStateParams, toFeedArticle, toFeedRecord, type FeedArticleRow, type FeedRow, type LeasedFeedRow } from '../feed-rows.ts';
import type { Sql } from './statements.ts';

// A correlated count rather than a join and GROUP BY: feed_articles_feed answers it per feed.
const FEED_WITH_ITEMS = 'SELECT f.*, (SELECT COUNT(*) FROM feed_articles a WHERE a.feed_id = f.id) AS items FROM feeds f';

export function listFeeds(sql: Sql): FeedRecord[] {
  return (sql(`${FEED_WITH_ITEMS} ORDER BY f.id`).all() as FeedRow[]).map(toFeedRecord);
}

function feedById(sql: Sql, id: number): FeedRecord {
  return toFeedRecord(sql(`${FEED_WITH_ITEMS} WHERE f.id = ?`).get(id) as FeedRow);
}

/** The next change number; the write transaction it runs in keeps other writers out until commit. */
const nextChange = (sql: Sql): number => (sql('UPDATE feed_changes SET last = last + 1 RETURNING last').get() as { last: number }).last;

/** Records removals under one new change number, for other processes' corpora; at `now`, the clock pruning compares with. */
function recordRemovals(sql: Sql, keys: readonly string[], by: string | undefined, now: Date): void {
  if (keys.length === 0) return;
  const change = nextChange(sql);
  const insert = sql('INSERT INTO feed_article_removals (change_no, key, removed_by, removed_at) VALUES (?, ?, ?, ?)');
  for (const key of keys) insert.run(change, key, by ?? null, now.getTime());
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
export function removeFeed(db: Database.Database, sql: Sql, id: number, now: Date, by: string | undefined): { removedArticles: string[] } | null {
  const run = db.transaction(() => {
    const keys = (sql('DELETE FROM feed_articles WHERE feed_id = ? RETURNING key').all(id) as { key: string }[]).map((k) => k.key).sort();
    if (sql('DELETE FROM feeds WHERE id = ?').run(id).changes === 0) return null;
    recordRemovals(sql, keys, by, now);
    return { removedArticles: keys };
  });
  return run.immediate();
}

/** One immediate transaction: of two processes claiming at once, the second sees the first's lease. */
export function claimFeedPoll(db: Database.Database, sql: Sql, feedId: number, holder: string, now: Date, leaseMs: number, force: boolean): FeedClaim {
  const run = db.transaction((): FeedClaim => {
    const won = sql(
      `UPDATE feeds SET poll_holder = @holder, poll_lease_until = @now + @lease
       WHERE id = @id AND (poll_lease_until IS NULL OR poll_lease_until <= @now)
         AND (@force = 1 OR (paused = 0 AND (next_poll_at IS NULL OR next_poll_at <= @now)))`,
    ).run({ id: feedId, holder, now: now.getTime(), lease: leaseMs, force: force ? 1 : 0 }).changes > 0;
    return feedClaimOf(sql(`${FEED_WITH_ITEMS} WHERE f.id = ?`).get(feedId) as LeasedFeedRow | undefined, won, now);
  });
  return run.immediate();
}

export function renewFeedPoll(sql: Sql, feedId: number, holder: string, now: Date, leaseMs: number): boolean {
  return sql('UPDATE feeds SET poll_lease_until = ? WHERE id = ? AND poll_holder = ?').run(now.getTime() + leaseMs, feedId, holder).changes > 0;
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

/** Writes the state and ends the lease; with `by`, only while `by` holds the lease. */
function writeFeedState(sql: Sql, feedId: number, state: FeedState, by: string | undefined): void {
  const found = sql(
    `UPDATE feeds SET title = @title, etag = @etag, last_modified = @last_modified, last_fetch_at = @last_fetch_at,
       last_success_at = @last_success_at, last_new_item_at = @last_new_item_at, next_poll_at = @next_poll_at,
       failures = @failures, paused = @paused, last_error = @last_error, poll_holder = NULL, poll_lease_until = NULL
     WHERE id = @id AND (@by IS NULL OR poll_holder = @by)`,
  ).run({ ...feedStateParams(state), id: feedId, by: by ?? null }).changes > 0;
  if (!found) throw pollNotRecorded(feedId, sql('SELECT 1 FROM feeds WHERE id = ?').get(feedId) !== undefined);
}

export function recordPoll(db: Database.Database, sql: Sql, feedId: number, poll: { state: FeedState; articles: readonly FeedArticleInput[] }, now: Date, by: string | undefined): FeedArticleChanges {
  const run = db.transaction(() => {
    writeFeedState(sql, feedId, poll.state, by);
    // By key: a feed listing one key twice must not hand the corpus the article as both added and changed.
    const added = new Map<string, FeedArticle>();
    const changed = new Map<string, FeedArticle>();
    for (const input of poll.articles) {
      const stored = storeArticle(sql, feedId, input, now);
      if (stored) (stored.added || added.has(input.key) ? added : changed).set(input.key, stored.article);
    }
    // Only here is it known which items are new, so here the feed's last-new-item time is set.
    if (added.size > 0) sql('UPDATE feeds SET last_new_item_at = ? WHERE id = ?').run(now.getTime(), feedId);
    const keys = [...added.keys(), ...changed.keys()];
    if (keys.length > 0) {
      sql('UPDATE feed_articles SET change_no = ?, changed_by = ? WHERE key IN (SELECT value FROM json_each(?))').run(nextChange(sql), by ?? null, JSON.stringify(keys));
    }
    return { added: [...added.values()], changed: [...changed.values()] };
  });
  return run.immediate();
}

export function feedArticles(sql: Sql): FeedArticle[] {
  return (sql('SELECT * FROM feed_articles ORDER BY first_seen_at, key').all() as FeedArticleRow[]).map(toFeedArticle);
}

/** The expression is feed_articles_age's, so the index serves the delete. */
export function pruneFeedArticles(db: Database.Database, sql: Sql, before: Date, now: Date, by: string | undefined): string[] {
  const run = db.transaction(() => {
    const keys = (sql('DELETE FROM feed_articles WHERE COALESCE(published_at, first_seen_at) < ? RETURNING key').all(before.getTime()) as { key: string }[]).map((r) => r.key).sort();
    sql('DELETE FROM feed_article_removals WHERE removed_at < ?').run(before.getTime());
    recordRemovals(sql, keys, by, now);
    return keys;
  });
  return run.immediate();
}

export function feedChangeNumber(sql: Sql): number {
  return (sql('SELECT last FROM feed_changes').get() as { last: number }).last;
}

/** In one read transaction, so the counter and the rows are one snapshot. */
export function feedChangesSince(db: Database.Database, sql: Sql, since: number, except: string | undefined): FeedArticleChangesSince {
  const run = db.transaction((): FeedArticleChangesSince => {
    const through = feedChangeNumber(sql);
    if (through <= since) return { through, upserted: [], removed: [] };
    const range = { since, through, except: except ?? null };
    // Without `except`, every row, those written by no named process (changed_by NULL) too.
    const upserted = sql('SELECT * FROM feed_articles WHERE change_no > @since AND change_no <= @through AND (@except IS NULL OR changed_by IS NOT @except) ORDER BY change_no, key').all(range) as FeedArticleRow[];
    const removed = sql(
      `SELECT DISTINCT r.key FROM feed_article_removals r
       WHERE r.change_no > @since AND r.change_no <= @through AND (@except IS NULL OR r.removed_by IS NOT @except)
         AND NOT EXISTS (SELECT 1 FROM feed_articles a WHERE a.key = r.key) ORDER BY r.key`,
    ).all(range) as { key: string }[];
    return { through, upserted: upserted.map(toFeedArticle), removed: removed.map((r) => r.key) };
  });
  return run.deferred();
}
