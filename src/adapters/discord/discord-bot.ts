import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, MessageFlags, type Interaction } from 'discord.js';
import type { Logger } from 'pino';
import type { CommandDeps } from '../../commands/types.ts';
import { errorText } from '../../commands/messages.ts';
import type { Publisher } from '../../scheduler/publisher.ts';
import { answerAutocomplete } from './autocomplete.ts';
import { answerCommand, type CommandContext } from './chat-command.ts';
import { explainDiscordError, loggableError } from './errors.ts';
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
  rest?: { retries?: number; timeout?: number };
  /** How long a command may take before its answer is deferred (Discord allows 3 s); 0 defers every answer. */
  deferAfterMs?: number;
}

/** A connected bot: the scheduler's way to post, and a clean shutdown. */
export interface DiscordBot {
  publisher: Publisher;
  /** Lets answers in flight finish (briefly), then disconnects. Idempotent. */
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 3000;

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
    rest: { api: options.apiUrl, version: '10', ...options.rest },
  });
  const ctx: CommandContext = { deps: options.deps, logger: log, deferAfterMs: options.deferAfterMs ?? 1500 };
  const inFlight = new Set<Promise<void>>();

  client.on(Events.Error, (err) => log.error({ err: loggableError(err) }, 'Discord client error'));
  client.on(Events.ShardDisconnect, (event) => log.warn({ code: event.code }, 'Discord gateway closed for good'));
  client.on(Events.InteractionCreate, (interaction) => {
    const handled = (async () => {
      if (interaction.isAutocomplete()) await answerAutocomplete(interaction, options.deps);
      else if (interaction.isChatInputCommand()) await answerCommand(interaction, ctx);
    })().catch(async (err: unknown) => {
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
  log.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'Discord bot ready');

  let stopping: Promise<void> | undefined;
  return {
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
