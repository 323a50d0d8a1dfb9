import { MessageFlags, type AutocompleteInteraction, type ChatInputCommandInteraction, type InteractionEditReplyOptions } from 'discord.js';
import type { Logger } from 'pino';
import { COMMANDS, runCommand } from '../../commands/registry.ts';
import { isRestricted } from '../../commands/access.ts';
import type { CommandDeps, CommandInput, ErrorCode, Invoker, Reply } from '../../commands/types.ts';
import { ADMIN_PERMISSION } from './command-json.ts';
import { loggableError } from './errors.ts';
import type { DiscordMessage } from './limits.ts';
import { isPrivateReply, renderReply } from './render-reply.ts';
import { within } from './within.ts';

export interface CommandContext {
  deps: CommandDeps;
  logger: Logger;
  /** Discord drops an interaction not answered within 3 s; slower answers are deferred after this (0: always). */
  deferAfterMs: number;
}

const FAILED: Reply = { kind: 'error', code: 'failed', detail: {} };

// Someone trying what they may not is worth a line in the log: who, where, and why they may not.
const REFUSALS: Partial<Record<ErrorCode, string>> = {
  'not-admin': 'refused an admin command: the member lacks Manage Server',
  'not-operator': 'refused an operator command: the user is not in DISCORD_OPERATOR_IDS',
};

const asOptions = (m: DiscordMessage) => ({ content: m.content, embeds: m.embeds, allowedMentions: m.allowed_mentions }) satisfies InteractionEditReplyOptions;
const ephemeral = (yes: boolean) => (yes ? { flags: MessageFlags.Ephemeral as const } : {});

function invokerOf(interaction: ChatInputCommandInteraction): Invoker {
  return {
    platform: 'discord',
    id: interaction.user.id,
    channel: interaction.channelId,
    // Registration hides admin commands from others, but server admins can change who sees a
    // command, so the permission is checked here every time.
    isAdmin: interaction.memberPermissions?.has(ADMIN_PERMISSION) ?? false,
  };
}

/** The string options given (for autocomplete, filled so far). */
export function inputOf(interaction: ChatInputCommandInteraction | AutocompleteInteraction): CommandInput {
  const input: CommandInput = {};
  for (const option of interaction.options.data) if (typeof option.value === 'string') input[option.name] = option.value;
  return input;
}

/**
 * Runs a slash command and answers it: at once when the result is ready in time, else deferred
 * then edited. Extra messages of a long answer go out as follow-ups.
 */
export async function answerCommand(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<void> {
  const name = interaction.commandName;
  const restricted = isRestricted(COMMANDS.find((c) => c.name === name));
  const invoker = invokerOf(interaction);
  const log = ctx.logger.child({ command: name, user: invoker.id, guild: interaction.guildId, channel: invoker.channel });

  const work = Promise.resolve()
    .then(() => runCommand(name, inputOf(interaction), invoker, ctx.deps))
    .then((reply) => {
      const refused = reply.kind === 'error' && REFUSALS[reply.code];
      if (refused) log.warn({ username: interaction.user.username }, refused);
      return reply;
    })
    .catch((err: unknown): Reply => {
      log.error({ err: loggableError(err) }, 'command failed');
      return FAILED;
    });
  const early = ctx.deferAfterMs > 0 ? await within(work, ctx.deferAfterMs) : undefined;
  if (early) {
    const [first, ...rest] = renderReply(early);
    const hidden = isPrivateReply(early, restricted);
    await interaction.reply({ ...asOptions(first!), ...ephemeral(hidden) });
    for (const m of rest) await interaction.followUp({ ...asOptions(m), ...ephemeral(hidden) });
    return;
  }

  const deferredHidden = restricted;
  await interaction.deferReply(ephemeral(deferredHidden));
  const reply = await work;
  const hidden = isPrivateReply(reply, restricted);
  const [first, ...rest] = renderReply(reply);
  if (hidden && !deferredHidden) {
    // A public "thinking…" cannot become private: replace it with a private follow-up.
    await interaction.deleteReply();
    await interaction.followUp({ ...asOptions(first!), ...ephemeral(true) });
  } else {
    await interaction.editReply(asOptions(first!));
  }
  for (const m of rest) await interaction.followUp({ ...asOptions(m), ...ephemeral(hidden) });
}
