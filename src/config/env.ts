import { z } from 'zod';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** Every setting the bot reads from the environment; `.env.example` documents each one. */
const schema = z.object({
  ARTICLES_DIR: z.string().min(1).default('articles'),
  CONFIG_DIR: z.string().min(1).default('config'),
  MAX_ARTICLE_BYTES: positiveInt(5 * 1024 * 1024),
  DIGEST_ITEMS: positiveInt(5),
  DIGEST_WORDS: positiveInt(120),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof schema>;

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
    return `${key}: ${issue.message}${given === undefined ? '' : ` (got ${JSON.stringify(given)})`}`;
  });
  throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
}
