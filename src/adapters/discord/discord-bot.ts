import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, MessageFlags, Status, type Interaction, type RateLimitData } from 'discord.js';
import type { Logger } from 'pino';
import type { CommandDeps } from '../../commands/types.ts';
import { errorText } from '../../commands/messages.ts';
import type { Publisher } from '../../ports/publisher.ts';
import { answerAutocomplete } from './autocomplete.ts';
import { answerCommand, type CommandContext } from './chat-command.ts';
import { explainDiscordError, isUndeliverable, loggableError } from './errors.ts';
import { NO_MENTIONS } from './limits.ts';
import { createDiscordPublisher } from './publisher.ts';
import { within } from './within.ts';

export interface DiscordBotOptions {
  token: string;
  applicationId: string;
  /** Discord's REST base (`DISCORD_API_URL`); the gateway URL is whatever that API names. */
  apiUrl: string;
  deps: CommandDeps;
  logger: Logger;
  /** Overrides of `DISCORD_REST` (tests shorten the timeout, or turn retries off to fail fast). */
  rest?: { retries?: number; timeout?: number };
  /**
   * This process's share of Discord's 50 requests a second per bot (DISCORD_REQUESTS_PER_SECOND):
   * each discord.js client keeps to its own count, so processes sharing one bot must split it.
   */
  requestsPerSecond?: number;
  /** How long a command may take before its answer is deferred (Discord allows 3 s); 0 defers every answer. */
  deferAfterMs?: number;
  /** The shards this process runs (`DISCORD_SHARDS`, `DISCORD_SHARD_IDS`); none: one connection. */
  shards?: DiscordShards;
}

/** `count` shards across all processes (or Discord's recommendation), of which this process runs `ids` (default: all). */
export interface DiscordShards {
  count: number | 'auto';
  ids?: readonly number[];
}

/**
 * discord.js's options for them. With `auto` its WebSocketManager asks GET /gateway/bot for the
 * recommended count and runs all of those shards; with a count, Discord sends each shard the
 * servers whose (id >> 22) % count is its id.
 */
function shardOptions(shards: DiscordShards | undefined): { shards?: number[] | 'auto'; shardCount?: number } {
  if (!shards) return {};
  if (shards.count === 'auto') return { shards: 'auto' };
  return { shards: shards.ids ? [...shards.ids] : Array.from({ length: shards.count }, (_, i) => i), shardCount: shards.count };
}

/** A connected bot: the scheduler's way to post, and a clean shutdown. */
export interface DiscordBot {
  publisher: Publisher;
  /** Lets answers in flight finish (briefly), then disconnects. Idempotent. */
  stop(): Promise<void>;
  /** Every shard's gateway session is up (ready or resumed) now; false while one reconnects and after stop. */
  connected(): boolean;
}

const STOP_GRACE_MS = 3000;

/** A rate-limit wait longer than this fails the request instead of holding it (and the caller) that long. */
export const MAX_RATE_LIMIT_WAIT_MS = 30_000;

/**
 * How the bot talks to Discord's REST API. A 429 is waited out as its Retry-After says (that
 * does not use up a retry) unless the wait exceeds MAX_RATE_LIMIT_WAIT_MS; a 5xx, a reset
 * connection or a request with no answer after `timeout` is tried again `retries` times.
 * discord.js would wait 15 s per attempt and any rate limit however long: an interaction's
 * first answer has 3 s, and a scheduled post that outlived the scheduler's publish timeout
 * would land after the scheduler had counted it failed and planned a retry.
 */
export const DISCORD_REST = {
  retries: 2,
  timeout: 5_000,
  rejectOnRateLimit: (limit: RateLimitData) => limit.retryAfter > MAX_RATE_LIMIT_WAIT_MS,
};

async function tellUserItFailed(interaction: Interaction, log: Logger) {
  if (!interaction.isRepliable()) return;
  const failed = { content: errorText('failed', {}), allowedMentions: NO_MENTIONS, flags: MessageFlags.Ephemeral as const };
  try {
    if (interaction.replied || interaction.deferred) await interaction.followUp(failed);
    else await interaction.reply(failed);
  } catch (err) {
    log.warn({ err: loggableError(err) }, 'could not tell the user that their command failed');
  }
}

/**
 * Logs in and resolves once the client is ready. Does not register slash commands: that is
 * `npm run deploy:discord`. Rejects with a message that says what to fix, never with the token.
 */
export async function startDiscordBot(options: DiscordBotOptions): Promise<DiscordBot> {
  const log = options.logger.child({ component: 'discord' });
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: NO_MENTIONS,
    ...shardOptions(options.shards),
    rest: { api: options.apiUrl, version: '10', ...DISCORD_REST, globalRequestsPerSecond: options.requestsPerSecond ?? 50, ...options.rest },
  });
  const ctx: CommandContext = { deps: options.deps, logger: log, deferAfterMs: options.deferAfterMs ?? 1500 };
  const inFlight = new Set<Promise<void>>();

  client.on(Events.Error, (err) => log.error({ err: loggableError(err) }, 'Discord client error'));
  let stopping: Promise<void> | undefined;
  // destroy() closes the gateway too, which discord.js reports like a drop: not worth a warning.
  client.on(Events.ShardDisconnect, (event) => stopping ?? log.warn({ code: event.code }, 'Discord gateway closed for good'));
  client.on(Events.ShardReconnecting, () => stopping ?? log.warn('Discord gateway connection lost; reconnecting'));
  client.on(Events.ShardResume, (_shard, replayed) => log.info({ replayed }, 'Discord gateway session resumed'));
  client.on(Events.InteractionCreate, (interaction) => {
    const handled = (async () => {
      if (interaction.isAutocomplete()) await answerAutocomplete(interaction, options.deps);
      else if (interaction.isChatInputCommand()) await answerCommand(interaction, ctx);
    })().catch(async (err: unknown) => {
      if (isUndeliverable(err)) {
        // Its token has expired (or the interaction is gone): no later request can reach the user.
        log.warn({ err: loggableError(err), interaction: interaction.id }, 'the answer can no longer be delivered (the interaction expired); dropped');
        return;
      }
      log.error({ err: loggableError(err), interaction: interaction.id }, 'answering an interaction failed');
      await tellUserItFailed(interaction, log);
    });
    inFlight.add(handled);
    void handled.finally(() => inFlight.delete(handled));
  });

  const ready = once(client, Events.ClientReady);
  ready.catch(() => {});
  try {
    await client.login(options.token);
    await ready;
  } catch (err) {
    await client.destroy();
    throw new Error(explainDiscordError(err, options.apiUrl), { cause: err });
  }
  if (client.application?.id !== options.applicationId) {
    log.warn({ configured: options.applicationId, actual: client.application?.id }, 'DISCORD_APPLICATION_ID is not the application of this token; registered commands may not reach this bot');
  }
  log.info({ user: client.user?.tag, guilds: client.guilds.cache.size, shards: [...client.ws.shards.keys()], shardCount: client.options.shardCount }, 'Discord bot ready');

  return {
    connected: () => stopping === undefined && client.ws.shards.size > 0 && client.ws.shards.every((shard) => shard.status === Status.Ready),
    publisher: createDiscordPublisher(client.rest, options.apiUrl),
    stop() {
      stopping ??= (async () => {
        await within(Promise.allSettled([...inFlight]), STOP_GRACE_MS);
        await client.destroy();
      })();
      return stopping;
    },
  };
}
