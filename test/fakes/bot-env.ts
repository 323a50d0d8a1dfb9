import type { FakeDiscord } from './discord/fake-discord.ts';
import { BOT_TOKEN, type FakeSlack } from './slack/fake-slack.ts';
import { SIGNING_SECRET } from './slack/slash-command.ts';
import { ARTICLES } from '../helpers/fixtures.ts';

/** The settings that point a bot at the fake Discord. */
export function discordEnv(discord: FakeDiscord): Record<string, string> {
  return { DISCORD_TOKEN: discord.token, DISCORD_APPLICATION_ID: discord.applicationId, DISCORD_API_URL: discord.apiUrl };
}

/** The environment of a bot on the fake Discord, in `dataDir`, with the bundled articles. */
export function discordBotEnv(discord: FakeDiscord, dataDir: string, logLevel = 'warn'): Record<string, string | undefined> {
  return {
    PATH: process.env.PATH,
    ARTICLES_DIR: ARTICLES,
    DATA_DIR: dataDir,
    LOG_LEVEL: logLevel,
    WATCH_ARTICLES: 'false',
    ...discordEnv(discord),
  };
}

/** The environment of a bot child process on both fakes, in `dataDir`, with the bundled articles. */
export function botEnv(discord: FakeDiscord, slack: FakeSlack, dataDir: string, logLevel = 'warn'): Record<string, string | undefined> {
  return {
    ...discordBotEnv(discord, dataDir, logLevel),
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_PORT: '0',
    SLACK_API_URL: slack.apiUrl,
  };
}
