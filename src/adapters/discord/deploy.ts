import { parseConfig } from '../../config/env.ts';
import { registerDiscordCommands } from './register-commands.ts';

export interface DeployOutput {
  log(line: string): void;
  error(line: string): void;
}

/**
 * `npm run deploy:discord`: validates the settings, registers the commands and says where.
 * Returns the exit code; messages name what to fix and never include a secret.
 */
export async function deployDiscordCommands(env: Record<string, string | undefined>, out: DeployOutput): Promise<number> {
  let config;
  try {
    config = parseConfig(env);
  } catch (err) {
    out.error((err as Error).message);
    return 1;
  }
  const { DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: applicationId, DISCORD_GUILD_ID: guildId } = config;
  if (!token || !applicationId) {
    out.error('DISCORD_TOKEN and DISCORD_APPLICATION_ID are required to register slash commands: set both in .env (see .env.example).');
    return 1;
  }
  try {
    const registered = await registerDiscordCommands({ token, applicationId, apiUrl: config.DISCORD_API_URL, ...(guildId ? { guildId } : {}) });
    const n = registered.commands.length;
    out.log(
      registered.scope === 'guild'
        ? `Registered ${n} commands to guild ${registered.guildId}`
        : `Registered ${n} commands globally (may take up to an hour to appear)`,
    );
    return 0;
  } catch (err) {
    out.error(`Registering the Discord commands failed: ${(err as Error).message}`);
    return 1;
  }
}
