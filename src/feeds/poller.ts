import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { FeedPollSupersededError } from '../store/errors.ts';
import type { FeedRecord, FeedStore } from '../store/feed-types.ts';
import type { StoreReachability } from '../store/types.ts';
import { ItemCompleter, type CompleteText } from './complete-items.ts';
import { FetchSlots } from './fetch-slots.ts';
import { handOver, pollFeed, type OnArticles, type PollContext, type PolledFeed, type PollFetchOptions, type PollReport } from './poll-feed.ts';
import { isDue } from './poll-schedule.ts';
import { OtherLeases, waitForOtherPoll } from './other-leases.ts';
import { OutageNotice } from './outage-notice.ts';

export type { CompleteText } from './complete-items.ts';
export type { OnArticles, PollFetchOptions, PollReport } from './poll-feed.ts';

export interface FeedPollerOptions {
  store: FeedStore;
  fetchOptions: PollFetchOptions;
  /** Consecutive failures after which a feed is paused (FEEDS_MAX_FAILURES). */
  maxFailures: number;
  /** Items published longer ago than this are not taken (ARTICLE_MAX_AGE_DAYS); absent: any age. */
  maxAgeMs?: number;
  /** Fetches at once, overall (FEEDS_CONCURRENCY) and per host (FEEDS_PER_HOST). */
  concurrency: number;
  perHost: number;
  /** Called with what a poll added or changed, after it is stored. */
  onArticles: OnArticles;
  logger: Logger;
  now?: () => Date;
  random?: () => number;
  /** The full-text step for teaser-only items (full-text.ts); without it the feed's text is kept. */
  completeText?: CompleteText;
  /** This process's name in the feeds' poll leases; by default host, pid and a random tag. */
  holder?: string;
  /** How long a poll lease lasts without renewal (FEEDS_LEASE_SECONDS): how soon a dead process's polls are taken over. */
  leaseMs: number;
  /** The store's reachability, when it is on a server: store failures it calls an outage are logged at debug (see OutageNotice). */
  reachability?: Pick<StoreReachability, 'noteFailure'> | undefined;
}

/** A name for this process in poll leases and change records: unique, and telling in the database. */
export const processName = () => `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

/** Feeds added, removed, resumed or polled by other processes are read again at least this often. */
export const REFRESH_EVERY_MS = 30_000;

/** The timer wakes at the earliest next poll, but at least this often, to notice feeds made due by others… */
export const MAX_SLEEP_MS = 60_000;
/** …and never more often than this, however many feeds are due. */
export const MIN_SLEEP_MS = 1_000;

const hostOf = (url: string) => {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return url;
  }
};

/**
 * Polls the store's feeds on their schedule. Owns its timer and its fetches: stop() cancels
 * both and resolves once nothing of it runs any more. A round starts every due feed at once
 * and does not wait for them: the fetch caps queue them, so a slow feed holds up only what
 * shares its slots. Several pollers (processes) may share one store: each poll first takes the
 * feed's lease in the store (see pollFeed), so a feed is polled by one of them at a time and once
 * per interval, and what a refused lease tells of the feed corrects this poller's copy.
 */
export class FeedPoller {
  private feeds = new Map<number, FeedRecord>();
  private readonly otherLeases = new OtherLeases();
  private readonly holder: string;
  private readonly storeNotice: OutageNotice;
  /** When the feeds were last read from the store, by the real clock. */
  private refreshedAt = -Infinity;
  private readonly inFlight = new Map<number, Promise<PollReport>>();
  private readonly slots: FetchSlots;
  private readonly completer: ItemCompleter | undefined;
  private readonly now: () => Date;
  private readonly random: () => number;
  private stopping = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  /** When the timer fires, by the real clock (the injected `now` may stand still in tests). */
  private timerAt = Infinity;
  private running = false;

  constructor(private readonly options: FeedPollerOptions) {
    this.slots = new FetchSlots(options.concurrency, options.perHost);
    this.completer = options.completeText ? new ItemCompleter(options.completeText, options.logger) : undefined;
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
    this.holder = options.holder ?? processName();
    this.storeNotice = new OutageNotice(options.logger, 'the feed store', options.reachability);
  }

  /** Loads the feeds and starts polling those due; later rounds follow by timer. */
  async start(): Promise<void> {
    if (this.running) return;
    if (this.stopping.signal.aborted) this.stopping = new AbortController();
    const stopping = this.stopping.signal;
    await this.refresh();
    if (this.completer) this.completer.remember(await this.options.store.feedArticles());
    if (stopping.aborted) return;
    this.running = true;
    this.tick();
  }

  /** Cancels the timer and every fetch, and resolves once every poll has ended (none is recorded half). */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
    this.stopping.abort();
    await Promise.allSettled([...this.inFlight.values()]);
  }

  /**
   * Re-reads the feeds from the store: feeds added, removed, resumed or edited since. A poll that
   * ended after the store was read is newer than what was read, and is kept.
   */
  async refresh(): Promise<void> {
    const stored = await this.options.store.listFeeds();
    this.refreshedAt = Date.now();
    const next = new Map<number, FeedRecord>();
    for (const feed of stored) {
      const known = this.feeds.get(feed.id);
      const keepKnown = (known?.state.lastFetchAt?.getTime() ?? -Infinity) > (feed.state.lastFetchAt?.getTime() ?? -Infinity);
      next.set(feed.id, keepKnown && known ? { ...feed, state: known.state } : feed);
    }
    for (const id of this.feeds.keys()) if (!next.has(id)) this.forget(id);
    this.feeds = next;
    this.schedule();
  }

  /**
   * Polls one feed now, due, paused or not (after `/feed add`), within the fetch caps; joins a poll
   * of this process already running. While another process polls it, waits for that poll to end.
   */
  async pollNow(feedId: number): Promise<PollReport> {
    for (;;) {
      const running = this.inFlight.get(feedId);
      let report = running ? await running : undefined;
      if (!report) {
        await this.refresh();
        const feed = this.feeds.get(feedId);
        if (!feed) return { status: 'unknown-feed' };
        report = await (this.inFlight.get(feedId) ?? this.startPoll(feed, true));
      }
      // A joined round's poll may have found the feed not due: this poll is forced, so go again.
      if (report.status !== 'skipped' || this.stopping.signal.aborted) return report;
      if (!running) await waitForOtherPoll();
    }
  }

  /**
   * One round: starts every unpaused feed that is due or never polled, joins those being polled
   * already, and resolves when all of them have ended.
   */
  pollDue(): Promise<PollReport[]> {
    const now = this.now();
    const due = [...this.feeds.values()].filter((f) => this.inFlight.has(f.id) || (isDue(f.state, now) && !this.otherLeases.holds(f.id, now.getTime())));
    // Never-polled feeds first, then the most overdue: the order the slots hand out.
    due.sort((a, b) => (a.state.nextPollAt?.getTime() ?? -Infinity) - (b.state.nextPollAt?.getTime() ?? -Infinity));
    return Promise.all(due.map((f) => this.inFlight.get(f.id) ?? this.startPoll(f)));
  }

  /** Feeds known, as of the last refresh and the polls since. */
  knownFeeds(): FeedRecord[] {
    return [...this.feeds.values()];
  }

  private forget(feedId: number): void {
    this.feeds.delete(feedId);
    this.otherLeases.forget(feedId);
    this.completer?.forget(feedId);
  }

  private startPoll(feed: FeedRecord, force = false): Promise<PollReport> {
    const poll = this.slots
      .run(hostOf(feed.url), () => pollFeed(feed, this.context(), { force }))
      .catch((err: unknown): PolledFeed => {
        // pollFeed does not throw; should a parser surprise it, the feed waits a full interval
        // instead of being retried on every tick.
        this.options.logger.error({ feed: feed.url, err }, 'feed poll failed unexpectedly');
        return { report: { status: 'not-recorded', reason: (err as Error).message }, state: { ...feed.state, nextPollAt: new Date(this.now().getTime() + feed.intervalMs) } };
      })
      .then(async ({ report, state, storeError, changes, feed: claimed, refused }) => {
        const current = this.feeds.get(feed.id);
        this.noteStore(feed, current !== undefined, storeError);
        // Which process fetched which feed, for an operator running several.
        if (claimed) this.options.logger.debug({ feed: feed.url, status: report.status }, 'feed polled');
        if (refused) this.learn(feed.id, refused.feed, refused.leasedUntil);
        else if (current && state) this.feeds.set(feed.id, { ...(claimed ?? current), state });
        // Outside the fetch slot, and still in flight, so stop() and pollNow wait for it.
        if (changes && state) await handOver(changes, { ...feed, state }, this.options);
        this.inFlight.delete(feed.id);
        this.schedule();
        return report;
      });
    this.inFlight.set(feed.id, poll);
    return poll;
  }

  /** What a refused lease told of the feed: gone, polled since, or being polled by another process. */
  private learn(feedId: number, stored: FeedRecord | undefined, leasedUntil: Date | undefined): void {
    if (!stored) return this.forget(feedId);
    this.feeds.set(feedId, stored);
    this.otherLeases.note(feedId, leasedUntil);
  }

  private noteStore(feed: FeedRecord, known: boolean, storeError: unknown): void {
    const { logger } = this.options;
    if (storeError === undefined) return this.storeNotice.worked();
    if (storeError instanceof FeedPollSupersededError) logger.info({ feed: feed.url }, 'another process took this feed poll over after its lease ran out; this poll is dropped');
    else if (!known) logger.info({ feed: feed.url }, 'feed removed while it was polled; the poll is dropped');
    // Per feed, with its URL: a write one feed's poll cannot make is not the whole store's outage.
    else if (!this.storeNotice.outage(storeError, { feed: feed.url })) logger.error({ feed: feed.url, err: storeError }, 'could not store a feed poll');
  }

  private context(): PollContext {
    const { store, fetchOptions, maxFailures, maxAgeMs, onArticles, logger } = this.options;
    return {
      store, fetchOptions, maxFailures, maxAgeMs, onArticles, logger, now: this.now, random: this.random, completer: this.completer, signal: this.stopping.signal,
      holder: this.holder, leaseMs: this.options.leaseMs,
    };
  }

  private tick(): void {
    this.timer = undefined;
    this.timerAt = Infinity;
    if (!this.running) return;
    void this.round();
  }

  /** Reads the feeds again when it is time (others may have added, removed or resumed some), then polls what is due. */
  private async round(): Promise<void> {
    try {
      if (Date.now() - this.refreshedAt >= REFRESH_EVERY_MS) {
        try {
          await this.refresh();
          this.storeNotice.worked();
        } catch (err) {
          this.storeNotice.failed(err);
          this.refreshedAt = Date.now();
        }
      }
      if (this.running) void this.pollDue();
    } finally {
      // Whatever the read did (a query that timed out rejects, see openPool), the next round is
      // set: nothing else would, and polling would stop for good.
      this.schedule();
    }
  }

  /**
   * Sets the timer for the earliest next poll of a feed not being polled, or the next refresh,
   * within the sleep bounds. It only ever moves the timer earlier: polls ending all the time must
   * not keep pushing the next round out.
   */
  private schedule(): void {
    if (!this.running) return;
    let earliest = Infinity;
    for (const f of this.feeds.values()) {
      if (this.inFlight.has(f.id) || f.state.paused) continue;
      earliest = Math.min(earliest, Math.max(f.state.nextPollAt?.getTime() ?? -Infinity, this.otherLeases.endOf(f.id)));
    }
    const toRefresh = this.refreshedAt + REFRESH_EVERY_MS - Date.now();
    const sleep = Math.min(MAX_SLEEP_MS, Math.max(MIN_SLEEP_MS, Math.min(earliest - this.now().getTime(), toRefresh)));
    const fireAt = Date.now() + sleep;
    if (this.timer && this.timerAt <= fireAt) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), sleep);
    this.timerAt = fireAt;
  }
}
