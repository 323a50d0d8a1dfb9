/**
 * The store's port for feeds: which feeds are followed, what the poller knows about each between
 * polls, and the articles they brought. Kept in the store (not in memory, not as files in
 * `articles/`) so a restart does not refetch everything and several processes can share them.
 */

import type { FullTextMode } from '../config/feeds-file.ts';

/** Where a feed was added: the feeds file (changed by editing the file) or a chat command. */
export type FeedOrigin = 'config' | 'chat';

/** A feed to follow, as the feeds file or `/feed add` gives it. */
export interface NewFeed {
  url: string;
  /** The outlet shown in digests; when absent, the feed's own title. */
  name?: string;
  /** How often to poll, in ms; the feed's own ttl, max-age or Retry-After can make it longer. */
  intervalMs: number;
  fullText: FullTextMode;
  origin: FeedOrigin;
  /** Who added it in chat, as `platform:userId`. */
  addedBy?: string;
}

/** What the poller knows about a feed between polls. */
export interface FeedState {
  /** The feed's own title, from its last successful read. */
  title?: string;
  /** Validators for the next conditional GET. */
  etag?: string;
  lastModified?: string;
  lastFetchAt?: Date;
  lastSuccessAt?: Date;
  /** When a poll last brought an item not seen before. */
  lastNewItemAt?: Date;
  nextPollAt?: Date;
  /** Consecutive failed polls; 0 after a success. */
  failures: number;
  /** Stopped after too many consecutive failures, until an operator adds the feed again. */
  paused: boolean;
  lastError?: string;
}

export interface FeedRecord extends NewFeed {
  id: number;
  addedAt: Date;
  state: FeedState;
  /** How many articles the store holds from this feed. */
  items: number;
}

/** One feed item as an article, ready to store and to analyse. */
export interface FeedArticleInput {
  /**
   * The article's identity across feeds: its canonical link, else `<feed url>#<item id>`. Two
   * feeds syndicating one story under the same canonical link give one article.
   */
  key: string;
  /** The item's identity within its feed: guid, else canonical link, else a hash of title and date. */
  itemId: string;
  title: string;
  link?: string;
  outlet: string;
  /** ISO 8601. */
  published?: string;
  /** Plain text, paragraphs separated by blank lines. Untrusted, like any article file. */
  text: string;
  /** Hash of title and text: a different hash under the same key means the item was edited. */
  contentHash: string;
}

export interface FeedArticle extends FeedArticleInput {
  /** The feed that last stored it. */
  feedId: number;
  firstSeenAt: Date;
  updatedAt: Date;
}

/**
 * A poll lease asked for (`claimFeedPoll`): won, with the feed's stored record to poll from, or
 * refused, with the stored record to schedule by (absent when the feed was removed) and, when
 * another process polls it now, until when its lease runs.
 */
export type FeedClaim = { claimed: true; feed: FeedRecord } | { claimed: false; feed?: FeedRecord; leasedUntil?: Date };

/** What other processes changed in the feed articles since a change number (`feedChangesSince`). */
export interface FeedArticleChangesSince {
  /** The change number read up to: the `since` of the next call. */
  through: number;
  /** Articles stored or edited meanwhile, as they are now. */
  upserted: FeedArticle[];
  /** Keys removed meanwhile (a feed removed, retention) and not stored again since. */
  removed: string[];
}

/** The articles one write added and changed, to hand to the corpus. */
export interface FeedArticleChanges {
  added: FeedArticle[];
  changed: FeedArticle[];
}

export interface FeedStore {
  /** Every feed followed, by id. */
  listFeeds(): Promise<FeedRecord[]>;
  /**
   * Adds a feed, or updates the name, interval, full-text mode and origin of the feed with the
   * same URL. With `resume`, a paused feed is unpaused, its failures reset and its next poll set
   * to now (what `/feed add` of a known feed does).
   */
  saveFeed(feed: NewFeed, now: Date, options?: { resume?: boolean }): Promise<{ feed: FeedRecord; created: boolean }>;
  /**
   * Removes the feed and the articles it stored; the removed articles' keys, or null when there
   * was no such feed. `by` names the writing process (see `feedChangesSince`); the removals are
   * recorded at `now`, the app's clock, which pruning compares them with.
   */
  removeFeed(id: number, now: Date, options?: { by?: string }): Promise<{ removedArticles: string[] } | null>;
  /**
   * Takes the feed's poll lease for `holder` until `now + leaseMs`, atomically across processes:
   * won when the feed is due (never polled, or its next poll is not after `now`) and not paused,
   * or `force` (a poll an operator asked for), and no other holder's lease is live. Of two
   * processes claiming one feed at once exactly one wins, and a feed another process has just
   * polled is no longer due, so it is fetched once per interval whichever process polls it.
   * A lease that ran out (its holder died or hung) is taken over.
   */
  claimFeedPoll(feedId: number, holder: string, now: Date, leaseMs: number, options?: { force?: boolean }): Promise<FeedClaim>;
  /**
   * Extends the holder's lease to `now + leaseMs` while its poll runs (0 gives it back); false
   * when another holder took it over or the feed is gone.
   */
  renewFeedPoll(feedId: number, holder: string, now: Date, leaseMs: number): Promise<boolean>;
  /**
   * Saves one poll in one transaction: the feed's whole new state and its items, so a process
   * killed mid-poll leaves either both or neither (the next poll then fetches the items again,
   * and none is stored twice). An item whose key is stored with the same content hash is left
   * alone; with another hash it is replaced. When an item was added, the state's
   * `lastNewItemAt` becomes `now`. It ends the feed's poll lease. With `by` (the lease holder),
   * it is written only while `by` still holds the lease: a holder whose lease ran out and was
   * taken over gets a FeedPollSupersededError and writes nothing, so it never overwrites the
   * newer poll of the process that took over (whose lease may even be over already).
   */
  recordPoll(feedId: number, poll: { state: FeedState; articles: readonly FeedArticleInput[] }, now: Date, options?: { by?: string }): Promise<FeedArticleChanges>;
  /** Every stored feed article, oldest first: what the corpus loads at start. */
  feedArticles(): Promise<FeedArticle[]>;
  /**
   * Deletes feed articles published (or, without a date, first seen) before `before`; their
   * keys. Removal records (see `feedChangesSince`) older than `before` go too; this prune's are
   * recorded at `now`.
   */
  pruneFeedArticles(before: Date, now: Date, options?: { by?: string }): Promise<string[]>;
  /**
   * The feed articles' change number now. Every write of feed articles takes the next number
   * (in commit order) and removals leave a removal record under theirs, so a process that loaded
   * every article after reading this number learns every later change from `feedChangesSince`.
   */
  feedChangeNumber(): Promise<number>;
  /**
   * What changed after change number `since`, up to `through`, leaving out what the process
   * `except` wrote itself (it handed that to its corpus when it wrote it). Reads only rows past
   * `since`, by index. Removal records are kept as long as articles are (ARTICLE_MAX_AGE_DAYS).
   */
  feedChangesSince(since: number, options?: { except?: string }): Promise<FeedArticleChangesSince>;
}
