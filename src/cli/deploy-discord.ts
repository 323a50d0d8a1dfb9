// Registers the slash commands with Discord: `npm run deploy:discord`. A separate step from
// starting the bot, because Discord rate-limits registration and global changes take a while.
import 'dotenv/config';
import { deployDiscordCommands } from '../adapters/discord/deploy.ts';

process.exitCode = await deployDiscordCommands(process.env, console);
