import type { Logger } from 'pino';
import type { FeedArticleChanges, FeedArticleInput, FeedClaim, FeedRecord, FeedState, FeedStore } from '../store/feed-types.ts';
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
  /** Another process polls the feed now, or has polled it since this process last looked. */
  | { status: 'skipped'; reason: string }
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
  /** This process's name in the feeds' poll leases. */
  holder: string;
  /** How long a poll lease lasts; renewed every third of it while the poll runs. */
  leaseMs: number;
}

export interface PolledFeed {
  report: PollReport;
  state?: FeedState;
  storeError?: unknown;
  /** What the poll stored that is new or edited, for the corpus (see handOver). */
  changes?: FeedArticleChanges;
  /** The feed as the store gave it with the lease: what the poll started from. */
  feed?: FeedRecord;
  /** The lease was refused: the stored record to schedule by (absent when the feed is gone), and until when another process holds it. */
  refused?: Extract<FeedClaim, { claimed: false }>;
}

/** After the store failed to grant a lease, the feed is tried again this much later, or after its interval if sooner. */
export const STORE_RETRY_MS = 60_000;

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
 * Polls one feed once it holds the feed's poll lease (`force`: even when not due or paused, as
 * `/feed add` asks). The lease is claimed just before the fetch, so the fetch starts from the
 * state the store holds now: a feed another process has polled meanwhile is not due and is not
 * fetched again, and one it polls right now is left to it. Never throws: every problem is a
 * report. `state` is what the poller should remember of the feed, absent when the poll was
 * stopped or refused; `storeError` is left to the poller to log.
 */
export async function pollFeed(known: FeedRecord, ctx: PollContext, options: { force?: boolean } = {}): Promise<PolledFeed> {
  const { store, signal } = ctx;
  if (signal.aborted) return { report: { status: 'not-recorded', reason: 'stopped' } };
  let claim: FeedClaim;
  try {
    claim = await store.claimFeedPoll(known.id, ctx.holder, ctx.now(), ctx.leaseMs, options);
  } catch (err) {
    const retryAt = new Date(ctx.now().getTime() + Math.min(known.intervalMs, STORE_RETRY_MS));
    return { report: { status: 'not-recorded', reason: `store failed: ${(err as Error).message}` }, state: { ...known.state, nextPollAt: retryAt }, storeError: err };
  }
  if (!claim.claimed) {
    const reason = claim.leasedUntil ? 'another process polls it now' : 'not due: polled by another process';
    return { report: claim.feed ? { status: 'skipped', reason } : { status: 'unknown-feed' }, refused: claim };
  }
  // A failed renewal is not fatal: should the lease be taken over meanwhile, recordPoll refuses.
  let renewal: Promise<unknown> = Promise.resolve();
  const renewing = setInterval(() => (renewal = store.renewFeedPoll(known.id, ctx.holder, ctx.now(), ctx.leaseMs).catch(() => false)), ctx.leaseMs / 3);
  let polled: PolledFeed;
  try {
    polled = await pollClaimed(claim.feed, ctx);
  } finally {
    clearInterval(renewing);
  }
  // A poll stopped or not stored gives its lease back (a lease of 0 ms): the next start or
  // another process need not wait it out. After the last renewal has landed, which would
  // otherwise take the lease again.
  if (!polled.state || polled.storeError !== undefined) {
    await renewal;
    await store.renewFeedPoll(known.id, ctx.holder, ctx.now(), 0).catch(() => false);
  }
  return { ...polled, feed: claim.feed };
}

/** The poll itself, under the lease: a failed or superseded write is reported, not thrown. */
async function pollClaimed(feed: FeedRecord, ctx: PollContext): Promise<PolledFeed> {
  const { store, logger, signal } = ctx;
  const { etag, lastModified } = feed.state;
  const read = await readFeed(feed.url, { ...ctx.fetchOptions, etag, lastModified, name: feed.name, signal });
  const articles = await articlesOf(read, feed, ctx);
  // Our own stop is not the feed's failure: leave its state for the next start.
  if (signal.aborted) return { report: { status: 'not-recorded', reason: 'stopped' } };
  const now = ctx.now();
  let state = nextFeedState(feed.state, outcomeOf(read), { intervalMs: feed.intervalMs, maxFailures: ctx.maxFailures, now, random: ctx.random });
  let changes: FeedArticleChanges;
  try {
    changes = await store.recordPoll(feed.id, { state, articles }, now, { by: ctx.holder });
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
