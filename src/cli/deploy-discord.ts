// Registers the slash commands with Discord: `npm run deploy:discord`. A separate step from
// starting the bot, because Discord rate-limits registration and global changes take a while.
import 'dotenv/config';
import { parseConfig } from '../config/env.ts';
import { registerDiscordCommands } from '../adapters/discord/register-commands.ts';

async function main(): Promise<number> {
  let config;
  try {
    config = parseConfig(process.env);
  } catch (err) {
    console.error((err as Error).message);
    return 1;
  }
  const { DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: applicationId, DISCORD_GUILD_ID: guildId } = config;
  if (!token || !applicationId) {
    console.error('DISCORD_TOKEN and DISCORD_APPLICATION_ID are required to register slash commands: set both in .env (see .env.example).');
    return 1;
  }
  try {
    const registered = await registerDiscordCommands({ token, applicationId, apiUrl: config.DISCORD_API_URL, ...(guildId ? { guildId } : {}) });
    const n = registered.commands.length;
    console.log(
      registered.scope === 'guild'
        ? `Registered ${n} commands to guild ${registered.guildId}`
        : `Registered ${n} commands globally (may take up to an hour to appear)`,
    );
    return 0;
  } catch (err) {
    console.error(`Registering the Discord commands failed: ${(err as Error).message}`);
    return 1;
  }
}

process.exitCode = await main();
