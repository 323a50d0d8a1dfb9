import { join, resolve } from 'node:path';
import 'dotenv/config';
import type { Logger } from 'pino';
import { parseConfig, type Config } from '../config/env.ts';
import { loadFeedsFile, type FeedConfig } from '../config/feeds-file.ts';
import { loadEngine } from '../config/load-engine.ts';
import { LiveCorpus, type ReloadReport } from '../core/index/live-corpus.ts';
import { createLogger } from './logger.ts';
import type { CommandDeps, Length } from '../commands/types.ts';
import type { Budget } from '../core/types.ts';

export interface App {
  config: Config;
  logger: Logger;
  deps: CommandDeps;
  /** What the first load read and skipped. */
  load: ReloadReport;
  /** The feeds listed in FEEDS_FILE, read once at start (none when the file is absent). */
  feeds: FeedConfig[];
  /** Where the logs go when not to stderr. */
  logFile?: string;
}

export interface BootstrapOptions {
  defaultLogLevel?: string;
  /**
   * Log to `DATA_DIR/bot.log` instead of stderr: in an interactive terminal session, log lines
   * printed over the prompt bury what the user typed and the digests they asked for.
   */
  logToFile?: boolean;
}

export function budgetsFrom(config: Config): Record<Length, Budget> {
  const medium = { items: config.DIGEST_ITEMS, words: config.DIGEST_WORDS };
  return {
    short: { items: Math.max(1, Math.ceil(medium.items / 2)), words: Math.max(30, Math.round(medium.words / 2)) },
    medium,
    long: { items: medium.items * 2, words: medium.words * 2 },
  };
}

/**
 * Validates config, compiles the rules and loads the articles once. Throws with a message
 * that names the bad setting or file; callers print it and exit non-zero.
 */
export async function bootstrap(env: Record<string, string | undefined>, options: BootstrapOptions = {}): Promise<App> {
  const config = parseConfig({ LOG_LEVEL: options.defaultLogLevel, ...env });
  const logFile = options.logToFile ? join(resolve(config.DATA_DIR), 'bot.log') : undefined;
  const logger = createLogger(config.LOG_LEVEL, logFile ? { file: logFile } : {});
  const engine = loadEngine(resolve(config.CONFIG_DIR));
  const feeds = loadFeedsFile(resolve(config.FEEDS_FILE), config.FEEDS_FILE);
  const corpus = new LiveCorpus({ engine, dir: resolve(config.ARTICLES_DIR), maxBytes: config.MAX_ARTICLE_BYTES });
  const report = await corpus.reload();
  if (!report.ok) throw new Error(`cannot load articles from ${config.ARTICLES_DIR} (ARTICLES_DIR): ${report.error}`);
  for (const s of report.skipped) logger.warn({ file: s.file, reason: s.reason }, 'article skipped');
  for (const w of report.warned) logger.warn({ file: w.file, warnings: w.warnings }, 'article loaded with warnings');
  logger.info({ articles: report.articles, skipped: report.skipped.length, warned: report.warned.length, ms: report.elapsedMs }, 'articles loaded');
  logger.info({ feeds: feeds.length, feedsFile: config.FEEDS_FILE }, 'feeds configured');
  const operators = { discord: new Set(config.DISCORD_OPERATOR_IDS), slack: new Set(config.SLACK_OPERATOR_IDS) };
  return { config, logger, deps: { corpus, budgets: budgetsFrom(config), operators }, load: report, feeds, ...(logFile ? { logFile } : {}) };
}
