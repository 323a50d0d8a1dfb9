import { z } from 'zod';
import { parseTimeZone } from '../ports/schedule-time.ts';
import { MAX_SHARDS, parseShardIds } from './shard-ids.ts';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => ['true', '1', 'yes', 'on'].includes(v));
const httpUrl = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine((v) => /^https?:\/\/[^\s]+$/.test(v), 'must be an http(s) URL');
const DISCORD_ID = /^\d{15,22}$/;
const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;
const snowflake = z.string().regex(DISCORD_ID, 'must be a Discord id (15 to 22 digits)');
/** Comma- (or space-) separated ids, each of the platform's shape: a typo stops start-up instead of locking someone out. */
const idList = (shape: RegExp, message: string) =>
  z
    .string()
    .default('')
    .transform((v) => v.split(/[\s,]+/).filter(Boolean))
    .refine((ids) => ids.every((id) => shape.test(id)), message);

/** Every setting the bot reads from the environment; `.env.example` documents each one. */
const schema = z
  .object({
    ARTICLES_DIR: z.string().min(1).default('articles'),
    CONFIG_DIR: z.string().min(1).default('config'),
    MAX_ARTICLE_BYTES: positiveInt(5 * 1024 * 1024),
    DIGEST_ITEMS: positiveInt(5),
    DIGEST_WORDS: positiveInt(120),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    WATCH_ARTICLES: flag(true),
    RELOAD_DEBOUNCE_MS: positiveInt(2000),

    SUMMARY_LIMIT_PER_USER: z.coerce.number().int().min(0).default(10),
    SUMMARY_LIMIT_PER_CHANNEL: z.coerce.number().int().min(0).default(30),
    RATE_WINDOW_SECONDS: positiveInt(60),

    OPS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    OPS_HOST: z.string().min(1).default('127.0.0.1'),

    DATA_DIR: z.string().min(1).default('data'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL')
      .refine((v) => URL.canParse(v), 'is not a valid URL')
      .optional(),
    DEFAULT_TIME_ZONE: z
      .string()
      .default('UTC')
      .refine((v) => parseTimeZone(v).ok, 'must be an IANA time zone such as Europe/Berlin'),
    CATCH_UP_MINUTES: z.coerce.number().int().min(0).max(1440).default(1440),
    WHEN_NOTHING_NEW: z.enum(['note', 'skip']).default('note'),

    FEEDS_FILE: z.string().min(1).default('config/feeds.yaml'),
    FEEDS_ALLOW_PRIVATE: flag(false),
    FEEDS_MAX_FAILURES: positiveInt(10),
    FEEDS_CONNECT_TIMEOUT_SECONDS: positiveInt(10),
    FEEDS_TIMEOUT_SECONDS: positiveInt(30),
    FEEDS_MAX_REDIRECTS: z.coerce.number().int().min(0).max(20).default(5),
    FEEDS_MAX_BYTES: positiveInt(5 * 1024 * 1024),
    FEEDS_CONCURRENCY: positiveInt(4),
    FEEDS_PER_HOST: positiveInt(2),
    FEEDS_SYNC_SECONDS: positiveInt(5),
    FEEDS_LEASE_SECONDS: z.coerce.number().int().min(3).default(60),
    ARTICLE_MAX_AGE_DAYS: positiveInt(30),

    DISCORD_TOKEN: z.string().regex(/^[\w.-]{20,}$/, 'does not look like a Discord bot token').optional(),
    DISCORD_APPLICATION_ID: snowflake.optional(),
    DISCORD_GUILD_ID: snowflake.optional(),
    DISCORD_API_URL: httpUrl('https://discord.com/api'),
    DISCORD_OPERATOR_IDS: idList(DISCORD_ID, 'must be Discord user ids (15 to 22 digits), comma-separated'),
    DISCORD_SHARDS: z
      .string()
      .regex(/^(auto|\d+)$/, 'must be auto or a number of shards such as 4')
      .transform((v) => (v === 'auto' ? ('auto' as const) : Number(v)))
      .refine((v) => v === 'auto' || (v >= 1 && v <= MAX_SHARDS), `must be auto or a number of shards from 1 to ${MAX_SHARDS}`)
      .optional(),
    DISCORD_REQUESTS_PER_SECOND: z.coerce.number().int('must be a whole number of requests a second').min(1, 'must be at least 1').default(50),
    DISCORD_SHARD_IDS: z
      .string()
      .transform((v, ctx) => {
        const ids = parseShardIds(v);
        if (Array.isArray(ids)) return ids;
        ctx.addIssue({ code: 'custom', message: ids.error });
        return z.NEVER;
      })
      .optional(),

    SLACK_BOT_TOKEN: z.string().startsWith('xoxb-', 'must be a bot token starting with xoxb-').optional(),
    SLACK_SIGNING_SECRET: z.string().regex(/^[0-9a-f]{16,}$/i, 'must be the hex signing secret from Basic Information').optional(),
    SLACK_APP_TOKEN: z.string().startsWith('xapp-', 'must be an app-level token starting with xapp-').optional(),
    SLACK_ADMIN_IDS: idList(SLACK_USER_ID, 'must be Slack user ids like U0123ABCD, comma-separated'),
    SLACK_OPERATOR_IDS: idList(SLACK_USER_ID, 'must be Slack user ids like U0123ABCD, comma-separated'),
    SLACK_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    SLACK_API_URL: httpUrl('https://slack.com/api/'),
  })
  .superRefine((c, ctx) => {
    const need = (when: boolean, key: string, why: string) => {
      if (when) ctx.addIssue({ code: 'custom', path: [key], message: `is required ${why}` });
    };
    need(Boolean(c.DISCORD_TOKEN) && !c.DISCORD_APPLICATION_ID, 'DISCORD_APPLICATION_ID', 'when DISCORD_TOKEN is set');
    need(Boolean(c.DISCORD_APPLICATION_ID) && !c.DISCORD_TOKEN, 'DISCORD_TOKEN', 'when DISCORD_APPLICATION_ID is set');
    need(Boolean(c.SLACK_BOT_TOKEN) && !c.SLACK_SIGNING_SECRET && !c.SLACK_APP_TOKEN, 'SLACK_SIGNING_SECRET', 'when SLACK_BOT_TOKEN is set without SLACK_APP_TOKEN (HTTP mode)');
    need(Boolean(c.SLACK_SIGNING_SECRET || c.SLACK_APP_TOKEN) && !c.SLACK_BOT_TOKEN, 'SLACK_BOT_TOKEN', 'when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set');
    // Every process must agree on the total: it decides which process receives which server's events.
    const ids = c.DISCORD_SHARD_IDS;
    const shardIdsProblem = !ids
      ? undefined
      : c.DISCORD_SHARDS === undefined
        ? 'needs DISCORD_SHARDS, the number of shards across all processes'
        : c.DISCORD_SHARDS === 'auto'
          ? 'needs DISCORD_SHARDS to be a number, not auto, so that every process counts the same shards'
          : ids.some((id) => id >= Number(c.DISCORD_SHARDS))
            ? `names shard ${ids[ids.length - 1]}, but shard ids run from 0 to DISCORD_SHARDS - 1 (${Number(c.DISCORD_SHARDS) - 1})`
            : undefined;
    if (shardIdsProblem) ctx.addIssue({ code: 'custom', path: ['DISCORD_SHARD_IDS'], message: shardIdsProblem });
  });

export type Config = z.infer<typeof schema>;

/** Values that must never be echoed back, not even in a config error (a database URL can hold a password). */
export const SECRET_KEYS = ['DISCORD_TOKEN', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'DATABASE_URL'] as const;

/** Raised for a missing or malformed setting; the message names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Validates the environment once, at start. Empty strings count as unset, as they do in
 * most .env files written by hand.
 */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const key = issue.path.join('.');
    const given = present[key];
    const shown = given === undefined || (SECRET_KEYS as readonly string[]).includes(key) ? '' : ` (got ${JSON.stringify(given)})`;
    return `${key}: ${issue.message}${shown}`;
  });
  throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
}

/** The chat platforms the config has tokens for; none means the terminal session. */
export function platformsOf(config: Config): { discord: boolean; slack: boolean } {
  return { discord: Boolean(config.DISCORD_TOKEN), slack: Boolean(config.SLACK_BOT_TOKEN) };
}

/** Every setting's name, for the test that keeps `.env.example` complete. */
export const CONFIG_KEYS: readonly string[] = Object.keys(schema.shape);
