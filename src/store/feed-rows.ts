import type { FullTextMode } from '../config/feeds-file.ts';
import type { FeedArticle, FeedArticleInput, FeedClaim, FeedOrigin, FeedRecord, FeedState } from './feed-types.ts';

/** A feeds row with its article count, as `SELECT f.*, … AS items` gives it. */
export interface FeedRow {
  id: number;
  url: string;
  name: string | null;
  interval_ms: number;
  full_text: FullTextMode;
  origin: FeedOrigin;
  added_by: string | null;
  added_at: number;
  title: string | null;
  etag: string | null;
  last_modified: string | null;
  last_fetch_at: number | null;
  last_success_at: number | null;
  last_new_item_at: number | null;
  next_poll_at: number | null;
  failures: number;
  /** 0 or 1 in SQLite, a boolean in PostgreSQL. */
  paused: number | boolean;
  last_error: string | null;
  items: number;
}

function toFeedState(row: FeedRow): FeedState {
  return {
    ...(row.title === null ? {} : { title: row.title }),
    ...(row.etag === null ? {} : { etag: row.etag }),
    ...(row.last_modified === null ? {} : { lastModified: row.last_modified }),
    ...(row.last_fetch_at === null ? {} : { lastFetchAt: new Date(row.last_fetch_at) }),
    ...(row.last_success_at === null ? {} : { lastSuccessAt: new Date(row.last_success_at) }),
    ...(row.last_new_item_at === null ? {} : { lastNewItemAt: new Date(row.last_new_item_at) }),
    ...(row.next_poll_at === null ? {} : { nextPollAt: new Date(row.next_poll_at) }),
    failures: row.failures,
    paused: row.paused === 1 || row.paused === true,
    ...(row.last_error === null ? {} : { lastError: row.last_error }),
  };
}

export function toFeedRecord(row: FeedRow): FeedRecord {
  return {
    id: row.id,
    url: row.url,
    ...(row.name === null ? {} : { name: row.name }),
    intervalMs: row.interval_ms,
    fullText: row.full_text,
    origin: row.origin,
    ...(row.added_by === null ? {} : { addedBy: row.added_by }),
    addedAt: new Date(row.added_at),
    state: toFeedState(row),
    items: row.items,
  };
}

/** A feeds row as a poll claim reads it back: with its lease. */
export type LeasedFeedRow = FeedRow & { poll_lease_until: number | null };

/**
 * A claim's answer from the row read after its conditional UPDATE (`won`): the feed to poll, or
 * refused with the stored record (none when the feed is gone) and, while another process's lease
 * runs, until when.
 */
export function feedClaimOf(row: LeasedFeedRow | undefined, won: boolean, now: Date): FeedClaim {
  if (!row) return { claimed: false };
  if (won) return { claimed: true, feed: toFeedRecord(row) };
  const live = row.poll_lease_until !== null && row.poll_lease_until > now.getTime();
  return { claimed: false, feed: toFeedRecord(row), ...(live ? { leasedUntil: new Date(row.poll_lease_until!) } : {}) };
}

/** The state as named parameters for the feeds columns of the same names. */
export function feedStateParams(state: FeedState) {
  return {
    title: state.title ?? null,
    etag: state.etag ?? null,
    last_modified: state.lastModified ?? null,
    last_fetch_at: state.lastFetchAt?.getTime() ?? null,
    last_success_at: state.lastSuccessAt?.getTime() ?? null,
    last_new_item_at: state.lastNewItemAt?.getTime() ?? null,
    next_poll_at: state.nextPollAt?.getTime() ?? null,
    failures: state.failures,
    paused: state.paused ? 1 : 0,
    last_error: state.lastError ?? null,
  };
}

export interface FeedArticleRow {
  key: string;
  feed_id: number;
  item_id: string;
  title: string;
  link: string | null;
  outlet: string;
  published: string | null;
  published_at: number | null;
  text: string;
  content_hash: string;
  first_seen_at: number;
  updated_at: number;
}

export function toFeedArticle(row: FeedArticleRow): FeedArticle {
  return {
    key: row.key,
    itemId: row.item_id,
    title: row.title,
    ...(row.link === null ? {} : { link: row.link }),
    outlet: row.outlet,
    ...(row.published === null ? {} : { published: row.published }),
    text: row.text,
    contentHash: row.content_hash,
    feedId: row.feed_id,
    firstSeenAt: new Date(row.first_seen_at),
    updatedAt: new Date(row.updated_at),
  };
}

/**
 * The article as named parameters for the feed_articles columns, with `now` for the times.
 * `published` is kept as given and also as ms, NULL when unparsable, which pruning then treats
 * like an article without a date.
 */
export function feedArticleParams(article: FeedArticleInput, feedId: number, now: Date) {
  const publishedAt = article.published === undefined ? NaN : Date.parse(article.published);
  return {
    key: article.key,
    feed_id: feedId,
    item_id: article.itemId,
    title: article.title,
    link: article.link ?? null,
    outlet: article.outlet,
    published: article.published ?? null,
    published_at: Number.isNaN(publishedAt) ? null : publishedAt,
    text: article.text,
    content_hash: article.contentHash,
    now: now.getTime(),
  };
}
