import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  PermissionFlagsBits,
  type APIApplicationCommandStringOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandDefinition, OptionSpec } from '../../commands/types.ts';
import { isRestricted } from '../../commands/access.ts';

/** Manage Server: who may see admin and operator commands, and run admin ones (checked again when they run). */
export const ADMIN_PERMISSION = PermissionFlagsBits.ManageGuild;

/**
 * One shared command definition as a Discord application command. Commands are guild-only:
 * subscriptions belong to server channels, and admin rights are server permissions.
 */
export function commandJson(def: CommandDefinition): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return {
    name: def.name,
    description: def.description.slice(0, 100),
    type: ApplicationCommandType.ChatInput,
    contexts: [InteractionContextType.Guild],
    dm_permission: false,
    // Operators are user ids, which Discord cannot express here: their commands are hidden like
    // admin commands, so ordinary members never see what they would be refused.
    default_member_permissions: isRestricted(def) ? ADMIN_PERMISSION.toString() : null,
    options: def.options.map(optionJson),
  };
}

function optionJson(o: OptionSpec): APIApplicationCommandStringOption {
  const base = {
    type: ApplicationCommandOptionType.String as const,
    name: o.name,
    description: o.description.slice(0, 100),
    required: o.required,
    max_length: o.maxLength,
  };
  if (o.choices) return { ...base, choices: o.choices.map((c) => ({ name: c, value: c })) };
  return o.topic || o.zone || o.feed ? { ...base, autocomplete: true } : base;
}

export function commandsJson(defs: readonly CommandDefinition[]): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return defs.map(commandJson);
}
