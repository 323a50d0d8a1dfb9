import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ConfigError } from './env.ts';

export type FullTextMode = 'auto' | 'always' | 'never';

/** One feed from the feeds file, validated, with the defaults filled in. */
export interface FeedConfig {
  url: string;
  /** The outlet shown in digests; when absent, the feed's own title. */
  name?: string;
  /** How often to poll, in ms. */
  intervalMs: number;
  fullText: FullTextMode;
}

const MINUTE = 60_000;
export const DEFAULT_INTERVAL_MS = 10 * MINUTE;
const MIN_INTERVAL_MS = MINUTE;
const MAX_INTERVAL_MS = 24 * 60 * MINUTE;
const DURATION_HINT = '(e.g. 10m, 1h, 1h30m)';

/** "90s", "10m", "1h30m" in ms; undefined when it is not such a duration. */
export function parseDuration(text: string): number | undefined {
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text.trim());
  if (!m || text.trim() === '') return undefined;
  const [, h = '0', min = '0', s = '0'] = m;
  return (Number(h) * 60 + Number(min)) * MINUTE + Number(s) * 1000;
}

/** The inverse of parseDuration, for printing: 5400000 -> "1h30m". */
export function formatDuration(ms: number): string {
  const h = Math.floor(ms / (60 * MINUTE));
  const min = Math.floor((ms % (60 * MINUTE)) / MINUTE);
  const s = Math.round((ms % MINUTE) / 1000);
  return `${h ? `${h}h` : ''}${min ? `${min}m` : ''}${s ? `${s}s` : ''}` || '0s';
}

const shown = (v: unknown) => {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};

const isHttpUrl = (v: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(v).protocol);
  } catch {
    return false;
  }
};

const entry = z.strictObject(
  {
    url: z
      .string({ error: (iss) => (iss.input === undefined ? "is missing: every feed needs its http or https address" : `must be the feed's http or https address (got ${shown(iss.input)})`) })
      .trim()
      .refine(isHttpUrl, { error: (iss) => `${shown(iss.input)} is not an http or https URL` }),
    name: z
      .string({ error: (iss) => `must be text: the outlet shown in digests (got ${shown(iss.input)})` })
      .trim()
      .min(1, 'must not be empty (leave it out to use the feed\'s own title)')
      .max(100, { error: (iss) => `is too long: at most 100 characters (got ${String((iss.input as string).length)})` })
      .optional(),
    interval: z
      .string({ error: (iss) => `must be a duration ${DURATION_HINT} (got ${shown(iss.input)})` })
      .transform((text, ctx) => {
        const ms = parseDuration(text);
        const fail = (message: string) => {
          ctx.addIssue({ code: 'custom', message });
          return z.NEVER;
        };
        if (ms === undefined) return fail(`${shown(text)} is not a duration ${DURATION_HINT}`);
        if (ms < MIN_INTERVAL_MS) return fail(`${shown(text)} is too short; at least 1m ${DURATION_HINT}`);
        if (ms > MAX_INTERVAL_MS) return fail(`${shown(text)} is too long; at most 24h`);
        return ms;
      })
      .optional(),
    fullText: z.enum(['auto', 'always', 'never'], { error: (iss) => `must be auto, always or never (got ${shown(iss.input)})` }).default('auto'),
  },
  { error: (iss) => (iss.code === 'unrecognized_keys' ? undefined : `must be a mapping such as "url: https://..." (got ${shown(iss.input)})`) },
);

const file = z.strictObject(
  {
    feeds: z
      .array(entry, { error: (iss) => `must be a list of feeds, each starting "- url: ..." (got ${shown(iss.input)})` })
      .nullish()
      .superRefine((feeds, ctx) => {
        const seen = new Map<string, number>();
        feeds?.forEach((f, i) => {
          const key = new URL(f.url).href;
          const first = seen.get(key);
          if (first === undefined) seen.set(key, i);
          else ctx.addIssue({ code: 'custom', path: [i, 'url'], message: `the same feed as feed ${first + 1}; list each feed once` });
        });
      }),
  },
  { error: (iss) => (iss.code === 'unrecognized_keys' ? undefined : `must be a mapping with a feeds: list (got ${shown(iss.input)})`) },
);

/** "feed 3 (https://x/rss)" for an entry of the raw file, by its index. */
function entryLabel(raw: unknown, index: number): string {
  const item = (raw as { feeds?: unknown[] } | null)?.feeds?.[index];
  const url = item && typeof item === 'object' ? (item as { url?: unknown }).url : undefined;
  return `feed ${index + 1}${typeof url === 'string' && url.trim() ? ` (${url.trim()})` : ''}`;
}

function describe(issue: z.core.$ZodIssue, raw: unknown): string {
  const [top, index, key] = issue.path;
  const where: string[] = [];
  if (top !== undefined) where.push(typeof index === 'number' ? entryLabel(raw, index) : String(top));
  if (key !== undefined) where.push(String(key));
  if (issue.code === 'unrecognized_keys') {
    const known = typeof index === 'number' ? 'url, name, interval, fullText' : 'feeds';
    return [...where, `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (expected ${known})`].join(': ');
  }
  return [...where, issue.message].join(': ');
}

/**
 * Reads the feeds file once, at start. An absent file means no feeds; an unreadable file, one
 * that is not YAML or a bad entry throws a ConfigError whose lines name the file, the entry
 * (number from 1, and its url) and the key. `label` is how messages name the file.
 */
export function loadFeedsFile(path: string, label = path): FeedConfig[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new ConfigError(`${label}: cannot read the feeds file: ${(err as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new ConfigError(`${label}: not valid YAML: ${(err as Error).message.split('\n')[0]?.replace(/:$/, '')}`);
  }
  if (raw === null || raw === undefined) return [];
  const result = file.safeParse(raw);
  if (!result.success) throw new ConfigError(result.error.issues.map((issue) => `${label}: ${describe(issue, raw)}`).join('\n'));
  return (result.data.feeds ?? []).map((f) => ({
    url: f.url,
    ...(f.name === undefined ? {} : { name: f.name }),
    intervalMs: f.interval ?? DEFAULT_INTERVAL_MS,
    fullText: f.fullText,
  }));
}
