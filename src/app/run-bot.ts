import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { digestTopic } from '../core/digest.ts';
import { platformsOf } from '../config/env.ts';
import { createScheduler, type ScheduleFn } from '../scheduler/scheduler.ts';
import { createConsolePublisher } from '../scheduler/console-publisher.ts';
import type { Clock } from '../scheduler/options.ts';
import type { Publisher } from '../scheduler/publisher.ts';
import { defaultDatabasePath, openStore } from '../store/open-store.ts';
import type { Platform } from '../store/types.ts';
import { renderDigestText } from '../adapters/console/render-text.ts';
import { RateLimiter } from '../commands/rate-limit.ts';
import { watchArticles } from './watch-articles.ts';
import { createMetrics } from './metrics.ts';
import { startOpsServer } from './ops-server.ts';
import type { App } from './bootstrap.ts';

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
  consoleOutput?: Writable;
  clock?: Clock;
  schedule?: ScheduleFn;
}

interface PlatformHandle {
  publisher: Publisher;
  stop(): Promise<void>;
  /** Connected to the platform now; assumed so when a platform cannot tell. */
  connected?: () => boolean;
}

/**
 * Starts what the config asks for: Discord and/or Slack when their tokens are set, else the
 * terminal's publisher; then the daily-digest scheduler and the articles watcher. Platform
 * libraries are imported only when used, so the terminal session starts fast.
 */
export async function startBot(app: App, options: RunOptions = {}): Promise<RunningBot> {
  const { config, logger, deps } = app;
  const clock = options.clock ?? { now: () => new Date() };
  const store = openStore({ path: defaultDatabasePath(resolve(config.DATA_DIR)) });
  deps.subscriptions = { store, defaultTimeZone: config.DEFAULT_TIME_ZONE, now: () => clock.now() };

  const handles = new Map<Platform, PlatformHandle>();
  let slackPort: number | undefined;
  const stopPlatforms = () => Promise.allSettled([...handles.values()].map((h) => h.stop()));
  try {
    const wanted = platformsOf(config);
    if (wanted.discord || wanted.slack) {
      deps.rateLimiter = new RateLimiter({
        perUser: config.SUMMARY_LIMIT_PER_USER,
        perChannel: config.SUMMARY_LIMIT_PER_CHANNEL,
        windowMs: config.RATE_WINDOW_SECONDS * 1000,
      });
    }
    if (wanted.discord) {
      const { startDiscordBot } = await import('../adapters/discord/discord-bot.ts');
      handles.set(
        'discord',
        await startDiscordBot({ token: config.DISCORD_TOKEN!, applicationId: config.DISCORD_APPLICATION_ID!, apiUrl: config.DISCORD_API_URL, deps, logger }),
      );
      logger.info('Discord connected');
    }
    if (wanted.slack) {
      const { startSlackBot } = await import('../adapters/slack/slack-bot.ts');
      const slack = await startSlackBot({
        botToken: config.SLACK_BOT_TOKEN!,
        ...(config.SLACK_SIGNING_SECRET ? { signingSecret: config.SLACK_SIGNING_SECRET } : {}),
        ...(config.SLACK_APP_TOKEN ? { appToken: config.SLACK_APP_TOKEN } : {}),
        port: config.SLACK_PORT,
        apiUrl: config.SLACK_API_URL,
        adminIds: config.SLACK_ADMIN_IDS,
        deps,
        logger,
      });
      handles.set('slack', slack);
      slackPort = slack.port;
      logger.info(config.SLACK_APP_TOKEN ? 'Slack connected in Socket Mode' : `Slack listening on port ${slack.port ?? config.SLACK_PORT}`);
    }
    if (handles.size === 0) {
      const output = options.consoleOutput ?? process.stdout;
      handles.set('console', { publisher: createConsolePublisher({ render: renderDigestText, write: (t) => output.write(t) }), stop: async () => {} });
    }
  } catch (err) {
    await stopPlatforms();
    await store.close();
    throw err;
  }

  const platforms = [...handles.keys()];
  const metrics = config.OPS_PORT === undefined ? undefined : createMetrics({ articlesLoaded: () => (deps.corpus.loaded ? deps.corpus.current.articles.length : 0) });
  if (metrics) deps.observer = metrics;
  const publisher: Publisher = {
    async publish(subscription, digest, context) {
      const handle = handles.get(subscription.platform);
      if (!handle) throw new Error(`${subscription.platform} is not running in this process`);
      try {
        await handle.publisher.publish(subscription, digest, context);
        metrics?.digestPublished(subscription.platform, true);
      } catch (err) {
        metrics?.digestPublished(subscription.platform, false);
        throw err;
      }
    },
    async findPosted(subscription, context) {
      const platform = handles.get(subscription.platform)?.publisher;
      return platform?.findPosted ? platform.findPosted(subscription, context) : null;
    },
  };
  const scheduler = createScheduler({
    store,
    clock,
    publisher,
    buildDigest: (topic) => digestTopic(deps.corpus.current, topic, deps.budgets.medium),
    logger,
    platforms,
    options: { catchUpMinutes: config.CATCH_UP_MINUTES, whenNothingNew: config.WHEN_NOTHING_NEW },
    ...(options.schedule ? { schedule: options.schedule } : {}),
  });
  const watcher = config.WATCH_ARTICLES
    ? watchArticles(resolve(config.ARTICLES_DIR), {
        debounceMs: config.RELOAD_DEBOUNCE_MS,
        reload: () => deps.corpus.reload(),
        logger,
        onReload: (report) => metrics?.reloaded(report),
      })
    : undefined;
  const ops = metrics
    ? await startOpsServer({
        port: config.OPS_PORT!,
        host: config.OPS_HOST,
        metrics,
        logger,
        health: () => {
          const status = Object.fromEntries([...handles].map(([name, h]) => [name, h.connected?.() ?? true]));
          const corpusLoaded = deps.corpus.loaded;
          return { ready: corpusLoaded && Object.values(status).every(Boolean), corpusLoaded, platforms: status };
        },
      })
    : undefined;
  await scheduler.start();

  let stopping: Promise<void> | undefined;
  return {
    platforms,
    ...(ops ? { opsPort: ops.port } : {}),
    ...(slackPort === undefined ? {} : { slackPort }),
    tick: async () => void (await scheduler.tick()),
    stop() {
      stopping ??= (async () => {
        await watcher?.close();
        // The scheduler first: its in-flight posts need the platforms still connected.
        await scheduler.stop();
        await stopPlatforms();
        await ops?.close();
        await store.close();
        logger.info('stopped cleanly');
      })();
      return stopping;
    },
  };
}
