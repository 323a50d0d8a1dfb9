import { resolve } from 'node:path';
import { digestTopic } from '../core/query/digest.ts';
import { platformsOf } from '../config/env.ts';
import { createScheduler, type ScheduleFn, type Scheduler } from '../scheduler/scheduler.ts';
import { DEFAULT_SCHEDULER_OPTIONS, type Clock, type SchedulerOptionsInput } from '../scheduler/options.ts';
import { defaultDatabasePath, openStore } from '../store/open-store.ts';
import type { Platform } from '../store/types.ts';
import { RateLimiter } from '../commands/rate-limit.ts';
import { watchArticles, type ArticleWatcher } from './watch-articles.ts';
import { createMetrics } from './metrics.ts';
import { startOpsServer, type OpsServer } from './ops-server.ts';
import { startPlatforms, type Platforms, type TextOutput } from './start-platforms.ts';
import type { ReloadReport } from '../core/index/live-corpus.ts';
import { routePublisher } from './route-publisher.ts';
import type { App } from './bootstrap.ts';
import { followFeeds, type FollowedFeeds } from './follow-feeds.ts';

export interface RunningBot {
  /** The platforms this process serves; `console` when no chat tokens are configured. */
  platforms: Platform[];
  /** The bound port of /healthz and /metrics, when OPS_PORT is set. */
  opsPort?: number;
  /** The bound port of Slack's /slack/events in HTTP mode (SLACK_PORT=0 picks a free one). */
  slackPort?: number;
  /** Finishes in-flight posts, disconnects the platforms and closes the database. Idempotent. */
  stop(): Promise<void>;
  /**
   * Runs one scheduler tick at the clock's time and resolves when its posts are done: for tests
   * that drive a fake clock with `schedule` set to a cron that never fires.
   */
  tick(): Promise<void>;
}

export interface RunOptions {
  /** Where the terminal's scheduled digests go when no chat platform is configured. */
  consoleOutput?: TextOutput;
  /** Told after each reload that a change in the articles folder started. */
  onArticlesReloaded?: (report: ReloadReport) => void;
  clock?: Clock;
  schedule?: ScheduleFn;
  /** Scheduler settings over those the config gives: tests shorten the lease with it. */
  scheduler?: SchedulerOptionsInput;
}

// /healthz asks the database each time; an orchestrator's probe should not wait longer than this.
const DATABASE_PING_MS = 2_000;

/**
 * Starts what the config asks for: the platforms (see startPlatforms), the daily-digest
 * scheduler, the articles watcher and, with OPS_PORT, health and metrics. A failure on the way
 * stops what had started and closes the database before it is passed on.
 */
export async function startBot(app: App, options: RunOptions = {}): Promise<RunningBot> {
  const { config, logger, deps } = app;
  const clock = options.clock ?? { now: () => new Date() };
  const store = await openStore({ path: defaultDatabasePath(resolve(config.DATA_DIR)), databaseUrl: config.DATABASE_URL });
  deps.subscriptions = { store, defaultTimeZone: config.DEFAULT_TIME_ZONE, now: () => clock.now() };
  deps.now = () => clock.now();
  const chat = platformsOf(config);
  if (chat.discord || chat.slack) {
    deps.rateLimiter = new RateLimiter({
      perUser: config.SUMMARY_LIMIT_PER_USER,
      perChannel: config.SUMMARY_LIMIT_PER_CHANNEL,
      windowMs: config.RATE_WINDOW_SECONDS * 1000,
    });
  }
  // Metrics read the feeds once they run.
  let feeds: FollowedFeeds | undefined;
  const metrics =
    config.OPS_PORT === undefined
      ? undefined
      : createMetrics({ articlesLoaded: () => (deps.corpus.loaded ? deps.corpus.current.articles.length : 0), feeds: () => feeds?.health() ?? { ok: 0, failing: 0, paused: 0 } });
  if (metrics) deps.observer = metrics;

  let platforms: Platforms | undefined;
  let ops: OpsServer | undefined;
  let watcher: ArticleWatcher | undefined;
  let scheduler: Scheduler | undefined;
  let stopping: Promise<void> | undefined;
  store.reachability?.onChange((reachable, cause) => {
    if (!reachable) {
      // The cause is a socket or server error: it names the host and port, never DATABASE_URL's password.
      logger.warn({ err: cause }, 'database unreachable; scheduled digests wait for it, /summary still answers from the articles in memory');
      return;
    }
    logger.info('database reachable again; scheduled digests catch up');
    if (!stopping) void scheduler?.tick();
  });
  const stop = () =>
    (stopping ??= (async () => {
      await watcher?.close();
      await feeds?.stop();
      // The scheduler first: its in-flight posts need the platforms still connected.
      await scheduler?.stop();
      await platforms?.stop();
      await ops?.close();
      await store.close();
      logger.info('stopped cleanly');
    })());

  try {
    feeds = await followFeeds({
      config,
      feeds: app.feeds,
      store,
      reachability: store.reachability,
      corpus: deps.corpus,
      logger,
      now: () => clock.now(),
    });
    deps.feeds = feeds;
    platforms = await startPlatforms(config, deps, logger, options.consoleOutput ?? process.stdout);
    const { handles } = platforms;
    scheduler = createScheduler({
      store,
      clock,
      publisher: routePublisher(handles, metrics),
      buildDigest: (topic, omit) => digestTopic(deps.corpus.current, topic, deps.budgets.medium, { omit }),
      logger,
      platforms: [...handles.keys()],
      reachability: store.reachability,
      options: {
        catchUpMinutes: config.CATCH_UP_MINUTES,
        whenNothingNew: config.WHEN_NOTHING_NEW,
        // More deliveries at once than this process may send requests a second only queue in
        // discord.js, where slash-command answers would wait behind them.
        ...(handles.has('discord') ? { concurrency: Math.min(DEFAULT_SCHEDULER_OPTIONS.concurrency, config.DISCORD_REQUESTS_PER_SECOND) } : {}),
        ...options.scheduler,
      },
      ...(options.schedule ? { schedule: options.schedule } : {}),
    });
    if (metrics) {
      ops = await startOpsServer({
        port: config.OPS_PORT!,
        host: config.OPS_HOST,
        metrics,
        logger,
        health: async () => {
          const status = Object.fromEntries([...handles].map(([name, h]) => [name, h.connected?.() ?? true]));
          const corpusLoaded = deps.corpus.loaded;
          // What the ping taught, not its answer: one that only took too long (a pool busy with a
          // round of digests) leaves the database up; one that failed to connect marks it down.
          await store.reachability?.ping(DATABASE_PING_MS);
          const database = store.reachability?.reachable ?? true;
          return { ready: corpusLoaded && database && Object.values(status).every(Boolean), corpusLoaded, database, platforms: status };
        },
      });
    }
    if (config.WATCH_ARTICLES) {
      watcher = watchArticles(resolve(config.ARTICLES_DIR), {
        debounceMs: config.RELOAD_DEBOUNCE_MS,
        reload: () => deps.corpus.reload(),
        logger,
        onReload: (report) => {
          metrics?.reloaded(report);
          options.onArticlesReloaded?.(report);
        },
      });
    }
    await scheduler.start();
  } catch (err) {
    await stop();
    throw err;
  }

  const running = scheduler;
  return {
    platforms: [...platforms.handles.keys()],
    ...(ops ? { opsPort: ops.port } : {}),
    ...(platforms.slackPort === undefined ? {} : { slackPort: platforms.slackPort }),
    tick: async () => void (await running.tick()),
    stop,
  };
}
