import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  PermissionFlagsBits,
  type APIApplicationCommandStringOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandDefinition, OptionSpec } from '../../commands/types.ts';

/** Manage Server: who may see and run admin commands (checked again when they run). */
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
    default_member_permissions: def.admin ? ADMIN_PERMISSION.toString() : null,
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
  return o.topic || o.zone ? { ...base, autocomplete: true } : base;
}

export function commandsJson(defs: readonly CommandDefinition[]): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return defs.map(commandJson);
}
