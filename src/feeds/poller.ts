import type { Logger } from 'pino';
import type { FeedRecord, FeedStore } from '../store/feed-types.ts';
import { ItemCompleter, type CompleteText } from './complete-items.ts';
import { FetchSlots } from './fetch-slots.ts';
import { handOver, pollFeed, type OnArticles, type PollContext, type PolledFeed, type PollFetchOptions, type PollReport } from './poll-feed.ts';
import { isDue } from './poll-schedule.ts';

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
}

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
 * shares its slots.
 */
export class FeedPoller {
  private feeds = new Map<number, FeedRecord>();
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
    const next = new Map<number, FeedRecord>();
    for (const feed of stored) {
      const known = this.feeds.get(feed.id);
      const keepKnown = (known?.state.lastFetchAt?.getTime() ?? -Infinity) > (feed.state.lastFetchAt?.getTime() ?? -Infinity);
      next.set(feed.id, keepKnown && known ? { ...feed, state: known.state } : feed);
    }
    for (const id of this.feeds.keys()) if (!next.has(id)) this.completer?.forget(id);
    this.feeds = next;
    this.schedule();
  }

  /** Polls one feed now, paused or not (after `/feed add`), within the fetch caps; joins a poll already running. */
  async pollNow(feedId: number): Promise<PollReport> {
    const running = this.inFlight.get(feedId);
    if (running) return running;
    await this.refresh();
    const feed = this.feeds.get(feedId);
    if (!feed) return { status: 'unknown-feed' };
    return this.inFlight.get(feedId) ?? this.startPoll(feed);
  }

  /**
   * One round: starts every unpaused feed that is due or never polled, joins those being polled
   * already, and resolves when all of them have ended.
   */
  pollDue(): Promise<PollReport[]> {
    const now = this.now();
    const due = [...this.feeds.values()].filter((f) => this.inFlight.has(f.id) || isDue(f.state, now));
    // Never-polled feeds first, then the most overdue: the order the slots hand out.
    due.sort((a, b) => (a.state.nextPollAt?.getTime() ?? -Infinity) - (b.state.nextPollAt?.getTime() ?? -Infinity));
    return Promise.all(due.map((f) => this.inFlight.get(f.id) ?? this.startPoll(f)));
  }

  /** Feeds known, as of the last refresh and the polls since. */
  knownFeeds(): FeedRecord[] {
    return [...this.feeds.values()];
  }

  private startPoll(feed: FeedRecord): Promise<PollReport> {
    const poll = this.slots
      .run(hostOf(feed.url), () => pollFeed(feed, this.context()))
      .catch((err: unknown): PolledFeed => {
        // pollFeed does not throw; should a parser surprise it, the feed waits a full interval
        // instead of being retried on every tick.
        this.options.logger.error({ feed: feed.url, err }, 'feed poll failed unexpectedly');
        return { report: { status: 'not-recorded', reason: (err as Error).message }, state: { ...feed.state, nextPollAt: new Date(this.now().getTime() + feed.intervalMs) } };
      })
      .then(async ({ report, state, storeError, changes }) => {
        const current = this.feeds.get(feed.id);
        if (storeError !== undefined) {
          if (current) this.options.logger.error({ feed: feed.url, err: storeError }, 'could not store a feed poll');
          else this.options.logger.info({ feed: feed.url }, 'feed removed while it was polled; the poll is dropped');
        }
        if (current && state) this.feeds.set(feed.id, { ...current, state });
        // Outside the fetch slot, and still in flight, so stop() and pollNow wait for it.
        if (changes && state) await handOver(changes, { ...feed, state }, this.options);
        this.inFlight.delete(feed.id);
        this.schedule();
        return report;
      });
    this.inFlight.set(feed.id, poll);
    return poll;
  }

  private context(): PollContext {
    const { store, fetchOptions, maxFailures, maxAgeMs, onArticles, logger } = this.options;
    return { store, fetchOptions, maxFailures, maxAgeMs, onArticles, logger, now: this.now, random: this.random, completer: this.completer, signal: this.stopping.signal };
  }

  private tick(): void {
    this.timer = undefined;
    this.timerAt = Infinity;
    if (!this.running) return;
    void this.pollDue();
    this.schedule();
  }

  /**
   * Sets the timer for the earliest next poll of a feed not being polled, within the sleep
   * bounds. It only ever moves the timer earlier: polls ending all the time must not keep
   * pushing the next round out.
   */
  private schedule(): void {
    if (!this.running) return;
    let earliest = Infinity;
    for (const f of this.feeds.values()) {
      if (this.inFlight.has(f.id) || f.state.paused) continue;
      earliest = Math.min(earliest, f.state.nextPollAt?.getTime() ?? -Infinity);
    }
    const sleep = Math.min(MAX_SLEEP_MS, Math.max(MIN_SLEEP_MS, earliest - this.now().getTime()));
    const fireAt = Date.now() + sleep;
    if (this.timer && this.timerAt <= fireAt) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), sleep);
    this.timerAt = fireAt;
  }
}
