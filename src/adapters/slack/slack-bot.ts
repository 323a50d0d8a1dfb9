import type { AddressInfo } from 'node:net';
import { App, SocketModeReceiver } from '@slack/bolt';
import type { Logger } from 'pino';
import type { CommandDeps } from '../../commands/types.ts';
import type { Publisher } from '../../ports/publisher.ts';
import { boltLogger } from './bolt-logger.ts';
import { registerCommands } from './command-listeners.ts';
import { RESPONSE_POLICY, type ResponsePolicy } from './response-url.ts';
import { createSlackPublisher } from './slack-publisher.ts';
import { SLACK_SOCKET, superviseSocket, type SocketPolicy } from './socket-mode.ts';

export interface SlackBotOptions {
  /** `xoxb-…`: posts messages and answers commands. */
  botToken: string;
  /** HTTP mode: verifies that requests to /slack/events come from Slack. */
  signingSecret?: string;
  /** `xapp-…`: when set, Socket Mode instead of HTTP (no public URL needed). */
  appToken?: string;
  /** HTTP mode's port; 0 picks a free one (see `SlackBot.port`). */
  port: number;
  /** Slack Web API base URL, `https://slack.com/api/` unless a test or proxy says otherwise. */
  apiUrl: string;
  /** User ids allowed to run admin commands. */
  adminIds: readonly string[];
  deps: CommandDeps;
  logger: Logger;
  /**
   * Overrides of SLACK_WEB_API (Web API calls), RESPONSE_POLICY (answers to commands) and
   * SLACK_SOCKET (Socket Mode reconnects); tests shorten the waits.
   */
  network?: { webApi?: Partial<WebApiPolicy>; response?: Partial<ResponsePolicy>; socket?: Partial<SocketPolicy> };
}

/** How Web API calls (chat.postMessage) are timed out and retried. */
export interface WebApiPolicy {
  timeoutMs: number;
  /** Further attempts after a 429 (waited out as its Retry-After says), a 5xx, a network error or a timeout. */
  retries: number;
  minBackoffMs: number;
  maxBackoffMs: number;
  /**
   * A rate-limited call (HTTP 429) whose Retry-After is at most this long is waited out and made
   * once more; a longer one, or a second 429, fails the call at once (the scheduler retries the
   * digest with its own backoff). The Web API client's default would wait any Retry-After, with
   * every other call of the client paused behind it.
   */
  maxRetryAfterMs: number;
}

/**
 * Few, quick retries: the scheduler retries a failed digest itself, with backoff, and a client
 * that waited half an hour (the Web API client's default: ten retries) would outlive the
 * scheduler's publish timeout, posting after the scheduler had counted the post failed.
 */
export const SLACK_WEB_API: WebApiPolicy = { timeoutMs: 10_000, retries: 2, minBackoffMs: 200, maxBackoffMs: 1000, maxRetryAfterMs: 10_000 };

/** A running Slack app. */
export interface SlackBot {
  /** Posts scheduled digests to Slack channels. */
  publisher: Publisher;
  /** Stops taking commands (closes the HTTP server or the socket), then waits for answers in progress. */
  stop(): Promise<void>;
  /** The bound HTTP port in HTTP mode. */
  port?: number;
  /** Taking commands now: the HTTP server is listening, or the Socket Mode connection is open. */
  connected(): boolean;
}

/**
 * Starts the Slack app: checks the bot token with Slack (auth.test) before anything listens, so
 * a bad token fails start-up instead of every command, then listens for the slash commands in
 * HTTP mode (the signing secret) or Socket Mode (the app token).
 */
export async function startSlackBot(options: SlackBotOptions): Promise<SlackBot> {
  const logger = options.logger.child({ component: 'slack' });
  const secrets = [options.botToken, options.signingSecret, options.appToken].filter((s): s is string => Boolean(s));
  const bolt = boltLogger(logger.child({ source: 'bolt' }), secrets);
  const web = { ...SLACK_WEB_API, ...options.network?.webApi };
  const clientOptions = {
    slackApiUrl: options.apiUrl,
    timeout: web.timeoutMs,
    retryConfig: { retries: web.retries, minTimeout: web.minBackoffMs, maxTimeout: web.maxBackoffMs },
    // A 429 rejects at once (WebAPIRateLimitedError with its retryAfter); callers decide whether to wait.
    rejectRateLimitedCalls: true,
  };

  let receiver: SocketModeReceiver | undefined;
  if (options.appToken) {
    // Bolt's own reconnect is off: superviseSocket reconnects (see there for why).
    receiver = new SocketModeReceiver({ appToken: options.appToken, logger: bolt, autoReconnectEnabled: false, installerOptions: { clientOptions } });
  } else if (!options.signingSecret) {
    throw new Error('Slack: a signing secret (HTTP mode) or an app token (Socket Mode) is required');
  }
  const app = new App({
    token: options.botToken,
    ...(receiver ? { receiver } : { signingSecret: options.signingSecret }),
    logger: bolt,
    clientOptions,
    // auth.test runs in init(), where a failure rejects here instead of crashing the process.
    deferInitialization: true,
  });
  app.error(async (error) => {
    logger.error({ err: error }, 'unhandled error in a Slack listener');
  });
  await app.init();
  const response = { ...RESPONSE_POLICY, ...options.network?.response };
  const commands = registerCommands(app, { deps: options.deps, adminIds: options.adminIds, logger, response });

  const publisher = createSlackPublisher(app.client, { maxRetryAfterMs: web.maxRetryAfterMs });
  if (receiver) {
    const socket = superviseSocket(receiver, logger, { ...SLACK_SOCKET, ...options.network?.socket });
    try {
      await app.start();
    } catch (err) {
      await socket.stop();
      throw err;
    }
    logger.debug('listening for slash commands over Socket Mode');
    return {
      publisher,
      connected: socket.connected,
      async stop() {
        await socket.stop();
        await commands.settled();
      },
    };
  }
  const server = await app.start(options.port);
  const port = (server.address() as AddressInfo).port;
  logger.debug({ port }, 'listening for slash commands on /slack/events');
  return {
    publisher,
    port,
    connected: () => server.listening,
    async stop() {
      await app.stop();
      await commands.settled();
    },
  };
}
