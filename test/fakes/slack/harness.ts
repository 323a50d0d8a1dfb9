import { LiveCorpus } from '../../../src/core/index/live-corpus.ts';
import type { CommandDeps } from '../../../src/commands/types.ts';
import { startSlackBot, type SlackBot, type SlackBotOptions } from '../../../src/adapters/slack/slack-bot.ts';
import { ARTICLES, realEngine } from '../../helpers/fixtures.ts';
import { APP_TOKEN, BOT_TOKEN, startFakeSlack, type FakeSlack } from './fake-slack.ts';
import { captureLogs } from '../../helpers/log-capture.ts';
import { SIGNING_SECRET, postSlashCommand, slashCommandFields, type SignedPost } from './slash-command.ts';

export const ADMIN = 'UADMIN1';
export const MEMBER = 'UMEMBER1';
export const BUDGETS = { short: { items: 2, words: 60 }, medium: { items: 5, words: 120 }, long: { items: 10, words: 240 } };

/** A corpus of the bundled articles (or `dir`), loaded. */
export async function loadedCorpus(dir = ARTICLES): Promise<LiveCorpus> {
  const corpus = new LiveCorpus({ engine: realEngine(), dir, maxBytes: 5_000_000 });
  const report = await corpus.reload();
  if (!report.ok) throw new Error(report.error);
  return corpus;
}

export interface SlackHarness {
  fake: FakeSlack;
  bot: SlackBot;
  logs: ReturnType<typeof captureLogs>;
  eventsUrl: string;
  /** Sends a signed slash command as `user` and returns the HTTP answer; `id` names its response_url. */
  command(command: string, text: string, options?: { user?: string; channel?: string; id?: string; ageSeconds?: number; signature?: string }): Promise<SignedPost>;
  stop(): Promise<void>;
}

/**
 * The real Bolt app, started by our startSlackBot against a fresh fake Slack. The fake starts
 * first (the app calls auth.test while starting) and stops last (after the app let go of it).
 */
export async function startSlackHarness(options: { deps: CommandDeps; socketMode?: boolean; network?: SlackBotOptions['network'] }): Promise<SlackHarness> {
  const fake = await startFakeSlack();
  const logs = captureLogs();
  let bot: SlackBot;
  try {
    bot = await startSlackBot({
      botToken: BOT_TOKEN,
      ...(options.socketMode ? { appToken: APP_TOKEN } : { signingSecret: SIGNING_SECRET }),
      port: 0,
      apiUrl: fake.apiUrl,
      adminIds: [ADMIN],
      deps: options.deps,
      logger: logs.logger,
      ...(options.network ? { network: options.network } : {}),
    });
  } catch (err) {
    await fake.close();
    throw err;
  }
  const eventsUrl = `http://127.0.0.1:${bot.port}/slack/events`;
  let sent = 0;
  return {
    fake,
    bot,
    logs,
    eventsUrl,
    command(command, text, o = {}) {
      const fields = slashCommandFields(command, text, { user: o.user ?? MEMBER, ...(o.channel ? { channel: o.channel } : {}) }, fake.responseUrl(o.id ?? `r${++sent}`));
      return postSlashCommand(eventsUrl, SIGNING_SECRET, fields, o);
    },
    async stop() {
      await bot.stop();
      await fake.socketsClosed();
      await fake.close();
    },
  };
}
