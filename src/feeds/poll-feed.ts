import type { Logger } from 'pino';
import type { FeedArticleChanges, FeedArticleInput, FeedRecord, FeedState, FeedStore } from '../store/feed-types.ts';
import type { ItemCompleter } from './complete-items.ts';
import { feedArticleOf } from './feed-article.ts';
import type { FetchFeedOptions } from './fetch-feed.ts';
import { nextFeedState, type PollOutcome } from './poll-schedule.ts';
import { readFeed, type FeedRead } from './read-feed.ts';

/** How the poller fetches: the address policy, limits and User-Agent (validators come from the feed's state). */
export type PollFetchOptions = Omit<FetchFeedOptions, 'etag' | 'lastModified' | 'signal'>;

export type OnArticles = (changes: FeedArticleChanges, feed: FeedRecord) => Promise<void> | void;

/** What one poll did, for `/feed add` to answer with and for the logs. */
export type PollReport =
  | { status: 'ok'; title: string; items: number; added: number; changed: number }
  | { status: 'not-modified' }
  | { status: 'error'; reason: string; paused: boolean }
  /** Stopped, or the store failed: nothing was recorded and the feed keeps its state. */
  | { status: 'not-recorded'; reason: string }
  | { status: 'unknown-feed' };

export interface PollContext {
  store: FeedStore;
  fetchOptions: PollFetchOptions;
  maxFailures: number;
  maxAgeMs?: number | undefined;
  onArticles: OnArticles;
  logger: Logger;
  now: () => Date;
  random: () => number;
  completer?: ItemCompleter;
  signal: AbortSignal;
}

export interface PolledFeed {
  report: PollReport;
  state?: FeedState;
  storeError?: unknown;
  /** What the poll stored that is new or edited, for the corpus (see handOver). */
  changes?: FeedArticleChanges;
}

function outcomeOf(read: FeedRead): PollOutcome {
  const { etag, lastModified, maxAgeMs } = read.fetch;
  if (read.status === 'ok') return { ok: true, modified: true, title: read.feed.title, etag, lastModified, maxAgeMs, ttlMs: read.feed.ttlMs };
  if (read.status === 'not-modified') return { ok: true, modified: false, etag, lastModified, maxAgeMs };
  return { ok: false, reason: read.reason, retryAfterMs: read.fetch.retryAfterMs };
}

async function articlesOf(read: FeedRead, feed: FeedRecord, ctx: PollContext): Promise<FeedArticleInput[]> {
  if (read.status !== 'ok') return [];
  // An item past the retention age would be dropped by the next pruning and taken again by the
  // poll after it, over and over: it is not taken at all. Undated items are taken (first seen now).
  const cutoff = ctx.maxAgeMs === undefined ? -Infinity : ctx.now().getTime() - ctx.maxAgeMs;
  const recent = read.feed.items.filter((item) => item.published === undefined || Date.parse(item.published) >= cutoff);
  const pairs = recent.map((item) => ({ item, article: feedArticleOf(item, feed.url) }));
  return ctx.completer ? ctx.completer.completeAll(feed, pairs, ctx.signal) : pairs.map((p) => p.article);
}

function logFailure(feed: FeedRecord, state: FeedState, logger: Logger): void {
  logger.warn({ feed: feed.url, reason: state.lastError, failures: state.failures }, 'feed poll failed');
  if (state.paused && !feed.state.paused) {
    logger.warn({ feed: feed.url, failures: state.failures }, `feed paused after ${state.failures} failures; /feed add ${feed.url} resumes it`);
  }
}

/**
 * Polls one feed: a conditional fetch, its items as articles, and the new state and articles
 * written in one store call, so a process killed mid-poll loses nothing and stores nothing
 * twice. Never throws: every problem is a report. `state` is what the poller should remember
 * of the feed, absent when the poll was stopped; `storeError` is left to the poller to log, as
 * only it knows whether the feed was removed meanwhile.
 */
export async function pollFeed(feed: FeedRecord, ctx: PollContext): Promise<PolledFeed> {
  const { store, logger, signal } = ctx;
  if (signal.aborted) return { report: { status: 'not-recorded', reason: 'stopped' } };
  const { etag, lastModified } = feed.state;
  const read = await readFeed(feed.url, { ...ctx.fetchOptions, etag, lastModified, name: feed.name, signal });
  const articles = await articlesOf(read, feed, ctx);
  // Our own stop is not the feed's failure: leave its state for the next start.
  if (signal.aborted) return { report: { status: 'not-recorded', reason: 'stopped' } };
  const now = ctx.now();
  let state = nextFeedState(feed.state, outcomeOf(read), { intervalMs: feed.intervalMs, maxFailures: ctx.maxFailures, now, random: ctx.random });
  let changes: FeedArticleChanges;
  try {
    changes = await store.recordPoll(feed.id, { state, articles }, now);
  } catch (err) {
    // Remembered, not stored: the old validators (its items were not kept), but the new wait,
    // so a failing store is not hammered by the same feed every second.
    return { report: { status: 'not-recorded', reason: `store failed: ${(err as Error).message}` }, state: { ...feed.state, nextPollAt: state.nextPollAt }, storeError: err };
  }
  // The store set the last-new-item time with the items; the poller's copy follows it.
  if (changes.added.length > 0) state = { ...state, lastNewItemAt: now };
  if (read.status === 'ok') ctx.completer?.stored(feed.id, articles);
  if (read.status === 'error') {
    logFailure(feed, state, logger);
    return { report: { status: 'error', reason: read.reason, paused: state.paused }, state };
  }
  const brought = changes.added.length > 0 || changes.changed.length > 0 ? { changes } : {};
  if (read.status === 'not-modified') return { report: { status: 'not-modified' }, state, ...brought };
  return { report: { status: 'ok', title: read.feed.title, items: articles.length, added: changes.added.length, changed: changes.changed.length }, state, ...brought };
}

/**
 * Hands what a poll stored to the corpus. Called by the poller after the poll has given back its
 * fetch slot: the corpus merges hand-overs that arrive while it builds, which it only can when
 * other polls go on fetching meanwhile.
 */
export async function handOver(changes: FeedArticleChanges, feed: FeedRecord, ctx: Pick<PollContext, 'onArticles' | 'logger'>): Promise<void> {
  ctx.logger.info({ feed: feed.url, added: changes.added.length, changed: changes.changed.length }, 'feed brought articles');
  try {
    await ctx.onArticles(changes, feed);
  } catch (err) {
    // They are stored: the corpus gets them at its next load even if this hand-over failed.
    ctx.logger.error({ feed: feed.url, err }, 'could not hand new feed articles to the corpus');
  }
}
