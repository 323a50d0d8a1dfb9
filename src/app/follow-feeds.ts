import type { Logger } from 'pino';
import type { Config } from '../config/env.ts';
import { DEFAULT_INTERVAL_MS, type FeedConfig } from '../config/feeds-file.ts';
import type { LiveCorpus } from '../core/index/live-corpus.ts';
import { corpusArticle } from '../feeds/corpus-article.ts';
import { OutageNotice } from '../feeds/outage-notice.ts';
import { FeedPoller, processName, type CompleteText } from '../feeds/poller.ts';
import { pollSettingsFrom } from '../feeds/poll-settings.ts';
import { fullTextHook } from '../feeds/full-text-hook.ts';
import type { FeedAddResult, FeedControl, FeedRemoveResult } from '../ports/feed-control.ts';
import type { FeedArticle, FeedRecord, FeedStore } from '../store/feed-types.ts';
import type { StoreReachability } from '../store/types.ts';
import type { FeedHealth } from './metrics.ts';

export interface FollowFeedsOptions {
  config: Config;
  /** The feeds file's list, read at start. */
  feeds: readonly FeedConfig[];
  store: FeedStore;
  /** The store's reachability, when it is on a server: failures that are its outage are logged at debug, as run-bot logs the outage once. */
  reachability?: Pick<StoreReachability, 'noteFailure'> | undefined;
  corpus: LiveCorpus;
  logger: Logger;
  now: () => Date;
  /** The full-text step; by default an item's page is read when the feed gives a teaser. */
  completeText?: CompleteText;
  /** This process's name in poll leases and change records; by default host, pid and a random tag. */
  processName?: string;
}

/** The running feeds: what `/feed` controls, and a stop for shutdown. */
export interface FollowedFeeds extends FeedControl {
  /** How many feeds are fine, failing and paused, as the poller knows them now (for metrics). */
  health(): FeedHealth;
  stop(): Promise<void>;
}

const DAY_MS = 86_400_000;
/** Retention runs this often; an article a little past its age for an hour harms no digest. */
const PRUNE_EVERY_MS = 3_600_000;

const displayName = (feed: FeedRecord) => feed.name ?? feed.state.title ?? feed.url;

/** The feeds file is the truth for its feeds: those listed are saved, those no longer listed are removed. */
async function syncFeedsFile(store: FeedStore, feeds: readonly FeedConfig[], now: Date, by: string): Promise<string[]> {
  const listed = new Set(feeds.map((f) => f.url));
  for (const f of feeds) await store.saveFeed({ url: f.url, ...(f.name ? { name: f.name } : {}), intervalMs: f.intervalMs, fullText: f.fullText, origin: 'config' }, now);
  const removedArticles: string[] = [];
  for (const stored of await store.listFeeds()) {
    if (stored.origin !== 'config' || listed.has(stored.url)) continue;
    removedArticles.push(...((await store.removeFeed(stored.id, now, { by }))?.removedArticles ?? []));
  }
  return removedArticles;
}

/** A URL as feeds are stored: parsed and printed back, so `HTTP://Example.com/rss` and `http://example.com/rss` are one feed. */
function feedUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** The later of two states of one feed: the store's, or the poller's when it polled since (or could not store its poll). */
const newer = (stored: FeedRecord, polled: FeedRecord | undefined): FeedRecord =>
  (polled?.state.lastFetchAt?.getTime() ?? -Infinity) > (stored.state.lastFetchAt?.getTime() ?? -Infinity) ? { ...stored, state: polled!.state } : stored;

/**
 * Follows the feeds: brings the feeds file into the store, hands the stored feed articles to
 * the corpus, polls, and drops articles past ARTICLE_MAX_AGE_DAYS every hour. New and edited
 * articles reach the corpus as each poll stores them; those other processes sharing the store
 * wrote arrive within FEEDS_SYNC_SECONDS.
 */
export async function followFeeds(options: FollowFeedsOptions): Promise<FollowedFeeds> {
  const { config, store, corpus, logger, now, reachability } = options;
  const by = options.processName ?? processName();
  const toCorpus = (articles: readonly FeedArticle[], remove: readonly string[] = []) => corpus.update({ upsert: articles.map(corpusArticle), remove });
  const maxAgeMs = config.ARTICLE_MAX_AGE_DAYS * DAY_MS;

  async function prune(): Promise<string[]> {
    const at = now();
    const removed = await store.pruneFeedArticles(new Date(at.getTime() - maxAgeMs), at, { by });
    if (removed.length > 0) logger.info({ articles: removed.length, maxAgeDays: config.ARTICLE_MAX_AGE_DAYS }, 'dropped feed articles past their age');
    return removed;
  }

  const removedFromFile = await syncFeedsFile(store, options.feeds, now(), by);
  const expired = await prune();
  // Read before the articles: a change stored between the two reads is applied again, never missed.
  let seen = await store.feedChangeNumber();
  const stored = await store.feedArticles();
  const loaded = await toCorpus(stored, [...removedFromFile, ...expired]);
  logger.info({ articles: loaded.upserted, feeds: (await store.listFeeds()).length }, 'feed articles loaded');

  const settings = pollSettingsFrom(config);
  const poller = new FeedPoller({
    store,
    ...settings,
    onArticles: async (changes) => {
      const report = await toCorpus([...changes.added, ...changes.changed]);
      if (!report.ok) throw new Error(report.error);
    },
    logger,
    now,
    completeText: options.completeText ?? fullTextHook(settings.fetchOptions, logger),
    holder: by,
    reachability,
  });
  await poller.start();

  // Other processes' writes reach this corpus through a high-water mark over the store's change
  // numbers, read every FEEDS_SYNC_SECONDS, rather than PostgreSQL's LISTEN/NOTIFY: it works the
  // same on SQLite, needs no connection held open, and a process that missed a moment (a dropped
  // connection, a database restart) catches up at its next read, as the mark is its own. Its own
  // writes are left out: its corpus had them when it wrote them.
  const syncNotice = new OutageNotice(logger, 'reading the feed articles other processes stored', reachability);
  async function syncOthers(): Promise<void> {
    const changes = await store.feedChangesSince(seen, { except: by });
    if (changes.upserted.length > 0 || changes.removed.length > 0) {
      const report = await toCorpus(changes.upserted, changes.removed);
      if (!report.ok) throw new Error(report.error);
      logger.info({ upserted: changes.upserted.length, removed: changes.removed.length }, 'feed articles from other processes');
    }
    seen = changes.through;
  }
  let syncing: Promise<void> | undefined;
  const syncTimer = setInterval(() => {
    syncing ??= syncOthers()
      .then(() => syncNotice.worked(), (err: unknown) => syncNotice.failed(err))
      .finally(() => (syncing = undefined));
  }, config.FEEDS_SYNC_SECONDS * 1000);
  syncTimer.unref();

  const pruneNotice = new OutageNotice(logger, 'dropping old feed articles', reachability);
  const pruneTimer = setInterval(() => {
    prune()
      .then((removed) => (removed.length > 0 ? toCorpus([], removed) : undefined))
      .catch((err: unknown) => pruneNotice.outage(err) || logger.error({ err }, 'could not drop old feed articles'));
  }, PRUNE_EVERY_MS);
  pruneTimer.unref();

  /** The feeds as last listed, for autocomplete, which must answer without waiting. */
  let known: FeedRecord[] = await store.listFeeds();
  const list = async () => {
    const polled = new Map(poller.knownFeeds().map((f) => [f.id, f]));
    known = (await store.listFeeds()).map((f) => newer(f, polled.get(f.id)));
    return known;
  };

  async function add(url: string, { name, addedBy }: { name?: string; addedBy: string }): Promise<FeedAddResult> {
    const href = feedUrl(url);
    if (!href) return { ok: false, reason: `${url} is not an http or https address` };
    const before = (await store.listFeeds()).find((f) => f.url === href);
    const { feed, created } = await store.saveFeed(
      {
        url: href,
        ...((name ?? before?.name) ? { name: name ?? before!.name! } : {}),
        intervalMs: before?.intervalMs ?? DEFAULT_INTERVAL_MS,
        fullText: before?.fullText ?? 'auto',
        // A feed from the feeds file stays the file's: removing it there still removes it.
        origin: before?.origin ?? 'chat',
        addedBy,
      },
      now(),
      { resume: true },
    );
    const polled = await poller.pollNow(feed.id);
    if (polled.status === 'ok' || polled.status === 'not-modified') {
      const current = (await list()).find((f) => f.id === feed.id) ?? feed;
      const title = polled.status === 'ok' ? polled.title : (current.state.title ?? displayName(current));
      const items = polled.status === 'ok' ? polled.items : current.items;
      const added = polled.status === 'ok' ? polled.added : 0;
      return { ok: true, feed: current, created, resumed: Boolean(before?.state.paused), title, items, added };
    }
    // A URL that does not read as a feed is not followed: the operator gets the reason instead.
    if (created) {
      await store.removeFeed(feed.id, now(), { by });
      await poller.refresh();
    }
    const reason = polled.status === 'unknown-feed' ? 'the feed was removed meanwhile' : polled.reason;
    return { ok: false, reason };
  }

  async function remove(ref: string): Promise<FeedRemoveResult> {
    const feeds = await list();
    const wanted = ref.trim().toLowerCase();
    const feed =
      feeds.find((f) => String(f.id) === wanted || f.url.toLowerCase() === wanted || feedUrl(ref)?.toLowerCase() === f.url.toLowerCase()) ??
      feeds.find((f) => f.name?.toLowerCase() === wanted || f.state.title?.toLowerCase() === wanted);
    const names = feeds.map(displayName);
    if (!feed) return { ok: false, code: 'not-found', known: names };
    if (feed.origin === 'config') return { ok: false, code: 'in-config', feed, known: names };
    const removed = await store.removeFeed(feed.id, now(), { by });
    await poller.refresh();
    if (!removed) return { ok: false, code: 'not-found', known: names };
    await toCorpus([], removed.removedArticles);
    known = known.filter((f) => f.id !== feed.id);
    logger.info({ feed: feed.url, articles: removed.removedArticles.length }, 'feed removed');
    return { ok: true, feed, articlesRemoved: removed.removedArticles.length };
  }

  function choices(typed: string, max: number): string[] {
    const q = typed.trim().toLowerCase();
    const names = [...new Set(known.map(displayName))];
    const starts = names.filter((n) => n.toLowerCase().startsWith(q));
    const contains = names.filter((n) => !n.toLowerCase().startsWith(q) && n.toLowerCase().includes(q));
    return [...starts, ...contains].slice(0, max);
  }

  function health(): FeedHealth {
    const counts = { ok: 0, failing: 0, paused: 0 };
    for (const { state } of poller.knownFeeds()) counts[state.paused ? 'paused' : state.failures > 0 ? 'failing' : 'ok']++;
    return counts;
  }

  return {
    add,
    remove,
    list,
    choices,
    health,
    async stop() {
      clearInterval(pruneTimer);
      clearInterval(syncTimer);
      await poller.stop();
      await syncing;
    },
  };
}
