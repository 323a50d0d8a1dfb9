import { captureLogs } from '../helpers/log-capture.ts';
import { startDiscordBot, type DiscordBot } from '../../src/adapters/discord/discord-bot.ts';
import { LiveCorpus } from '../../src/core/index/live-corpus.ts';
import type { CommandDeps } from '../../src/commands/types.ts';
import { FakeDiscord, type RecordedRequest } from '../fakes/discord/fake-discord.ts';
import type { StoredMessage, InteractionState } from '../fakes/discord/rest-routes.ts';
import { ARTICLES, realEngine } from '../helpers/fixtures.ts';

export const BUDGETS = { short: { items: 2, words: 60 }, medium: { items: 5, words: 120 }, long: { items: 10, words: 240 } };
/** Permission bits as Discord sends them in `member.permissions`. */
export const NO_PERMISSIONS = '0';
export const MANAGE_SERVER = '32';
/** Fail fast against a broken fake instead of retrying for a minute. */
export const TEST_REST = { retries: 0, timeout: 2000 };

export interface BotWorld {
  fake: FakeDiscord;
  bot: DiscordBot;
  deps: CommandDeps;
  /** Every log line the bot wrote, parsed. */
  logs: Record<string, unknown>[];
}

export function captureLogger(level = 'debug') {
  const { logger, lines } = captureLogs(level);
  return { logger, logs: lines as Record<string, unknown>[] };
}

export async function loadedDeps(dir = ARTICLES, budgets = BUDGETS): Promise<CommandDeps> {
  const corpus = new LiveCorpus({ engine: realEngine(), dir, maxBytes: 5_000_000 });
  const report = await corpus.reload();
  if (!report.ok) throw new Error(report.error);
  return { corpus, budgets };
}

/** A real discord.js bot connected to a fresh fake Discord; both are shut down afterwards. */
export async function withBot(
  run: (world: BotWorld) => Promise<void>,
  options: { deps?: CommandDeps; deferAfterMs?: number; rest?: { retries?: number; timeout?: number } } = {},
) {
  const fake = await FakeDiscord.start();
  const { logger, logs } = captureLogger();
  const deps = options.deps ?? (await loadedDeps());
  let bot: DiscordBot | undefined;
  try {
    bot = await startDiscordBot({
      token: fake.token,
      applicationId: fake.applicationId,
      apiUrl: fake.apiUrl,
      deps,
      logger,
      rest: options.rest ?? TEST_REST,
      ...(options.deferAfterMs !== undefined ? { deferAfterMs: options.deferAfterMs } : {}),
    });
    await run({ fake, bot, deps, logs });
  } finally {
    await bot?.stop();
    await fake.close();
  }
}

const isCallback = (i: InteractionState) => (r: RecordedRequest) => r.path === `/interactions/${i.id}/${i.token}/callback`;
const isEditOfOriginal = (i: InteractionState, applicationId: string) => (r: RecordedRequest) =>
  r.method === 'PATCH' && r.path === `/webhooks/${applicationId}/${i.token}/messages/@original`;
const isFollowUp = (i: InteractionState, applicationId: string) => (r: RecordedRequest) => r.method === 'POST' && r.path === `/webhooks/${applicationId}/${i.token}`;

/**
 * Waits until the interaction's first answer is visible (a reply, or a defer then its edit or a
 * private follow-up) and returns the callback type it began with and what the user sees.
 */
export async function firstAnswer(fake: FakeDiscord, i: InteractionState): Promise<{ callbackType: number; shown: StoredMessage[] }> {
  const callback = await fake.waitFor(isCallback(i));
  if (callback.status >= 300) throw new Error(`callback refused: ${callback.status} ${JSON.stringify(callback.response)}`);
  const callbackType = (callback.body as { type: number }).type;
  if (callbackType === 5) await fake.waitFor((r) => isEditOfOriginal(i, fake.applicationId)(r) || isFollowUp(i, fake.applicationId)(r));
  return { callbackType, shown: fake.shown(i) };
}

/** Waits for the message of an answer that carries the digest footer: the last one. */
export async function answerWithFooter(fake: FakeDiscord, i: InteractionState): Promise<StoredMessage[]> {
  const hasFooter = (body: any) => (body?.embeds ?? []).some((e: { footer?: unknown }) => e.footer) || (body?.data?.embeds ?? []).some((e: { footer?: unknown }) => e.footer);
  await fake.waitFor((r) => (isCallback(i)(r) || isEditOfOriginal(i, fake.applicationId)(r) || isFollowUp(i, fake.applicationId)(r)) && r.status < 300 && hasFooter(r.body));
  return fake.shown(i);
}

/** Every request the fake refused, for a clear failure message. */
export const refused = (fake: FakeDiscord) => fake.requests.filter((r) => r.status >= 400).map((r) => `${r.method} ${r.path} ${r.status} ${JSON.stringify(r.response)}`);
