import { REST, Routes, type APIApplicationCommand } from 'discord.js';
import { COMMANDS } from '../../commands/registry.ts';
import { commandsJson } from './command-json.ts';
import { explainDiscordError } from './errors.ts';

export interface RegisterOptions {
  token: string;
  applicationId: string;
  /** Register to this server only (appears at once); without it, globally (up to an hour). */
  guildId?: string;
  apiUrl: string;
  rest?: { retries?: number; timeout?: number };
}

export interface Registered {
  scope: 'guild' | 'global';
  guildId?: string;
  /** The commands as Discord stored them. */
  commands: APIApplicationCommand[];
}

/**
 * Replaces the application's slash commands with the shared definitions (a PUT, so removed
 * commands disappear too). A deploy step, never done on start: Discord rate-limits command
 * registration and every global change takes time to reach clients.
 */
export async function registerDiscordCommands(options: RegisterOptions): Promise<Registered> {
  const rest = new REST({ version: '10', api: options.apiUrl, ...options.rest }).setToken(options.token);
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.applicationId, options.guildId)
    : Routes.applicationCommands(options.applicationId);
  try {
    const commands = (await rest.put(route, { body: commandsJson(COMMANDS) })) as APIApplicationCommand[];
    return options.guildId ? { scope: 'guild', guildId: options.guildId, commands } : { scope: 'global', commands };
  } catch (err) {
    throw new Error(explainDiscordError(err, options.apiUrl), { cause: err });
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}
