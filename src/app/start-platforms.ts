import type { Logger } from 'pino';
import { platformsOf, type Config } from '../config/env.ts';
import type { CommandDeps } from '../commands/types.ts';
import { createConsolePublisher } from '../adapters/console/publisher.ts';
import type { Publisher } from '../ports/publisher.ts';
import type { Platform } from '../store/types.ts';

/** Where the terminal's text goes: stdout, or a screen that keeps the prompt below it. */
export interface TextOutput {
  write(text: string): unknown;
}

export interface PlatformHandle {
  publisher: Publisher;
  stop(): Promise<void>;
  /** Connected to the platform now; assumed so when a platform cannot tell. */
  connected?: () => boolean;
}

export interface Platforms {
  handles: ReadonlyMap<Platform, PlatformHandle>;
  /** The bound port of Slack's /slack/events in HTTP mode. */
  slackPort?: number;
  /** Disconnects every platform; never rejects. */
  stop(): Promise<void>;
}

function discordShards(config: Config) {
  if (config.DISCORD_SHARDS === undefined) return {};
  return { shards: { count: config.DISCORD_SHARDS, ...(config.DISCORD_SHARD_IDS ? { ids: config.DISCORD_SHARD_IDS } : {}) } };
}

/**
 * Connects Discord and/or Slack when their tokens are set, else the terminal's publisher.
 * Platform libraries are imported only when used, so the terminal session starts fast. If one
 * platform fails to start, those already started are stopped before the error is passed on.
 */
export async function startPlatforms(config: Config, deps: CommandDeps, logger: Logger, consoleOutput: TextOutput): Promise<Platforms> {
  const handles = new Map<Platform, PlatformHandle>();
  const stop = async () => void (await Promise.allSettled([...handles.values()].map((h) => h.stop())));
  let slackPort: number | undefined;
  try {
    const wanted = platformsOf(config);
    if (wanted.discord) {
      const { startDiscordBot } = await import('../adapters/discord/discord-bot.ts');
      const discord = await startDiscordBot({ token: config.DISCORD_TOKEN!, applicationId: config.DISCORD_APPLICATION_ID!, apiUrl: config.DISCORD_API_URL, requestsPerSecond: config.DISCORD_REQUESTS_PER_SECOND, deps, logger, ...discordShards(config) });
      handles.set('discord', discord);
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
  } catch (err) {
    await stop();
    throw err;
  }
  if (handles.size === 0) {
    handles.set('console', { publisher: createConsolePublisher(consoleOutput), stop: async () => {} });
  }
  return { handles, ...(slackPort === undefined ? {} : { slackPort }), stop };
}
