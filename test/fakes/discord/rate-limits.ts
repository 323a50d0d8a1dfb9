/**
 * Discord's REST rate limits as the fake applies them (https://discord.com/developers/docs/topics/rate-limits):
 * a global limit per bot token, and per-route buckets keyed by the route's major parameter (a
 * channel id), each announced in X-RateLimit-* headers on every answer and enforced with a 429.
 * Interaction callbacks and webhooks are bound by neither, as on Discord.
 */
import { createHash } from 'node:crypto';
import type { FaultAnswer } from './faults.ts';

export interface RouteBucket {
  method: string;
  /** The route, with the major parameter (a channel id) as its first capture group. */
  path: RegExp;
  limit: number;
  windowMs: number;
}

export interface RateLimitRules {
  globalPerSecond: number;
  buckets: RouteBucket[];
}

/** What a bot meets on Discord: 50 requests a second in all, 5 messages per 5 seconds in one channel. */
export const DISCORD_RATE_LIMITS: RateLimitRules = {
  globalPerSecond: 50,
  buckets: [
    { method: 'POST', path: /^\/channels\/(\d+)\/messages$/, limit: 5, windowMs: 5000 },
    { method: 'GET', path: /^\/channels\/(\d+)\/messages$/, limit: 5, windowMs: 5000 },
    { method: 'GET', path: /^\/channels\/(\d+)$/, limit: 5, windowMs: 5000 },
  ],
};

const EXEMPT = /^\/(interactions|webhooks)\//;

interface Window {
  resetAt: number;
  used: number;
}

/** The rate-limit state of one bot token; `check` is asked before each request is served. */
export class RateLimits {
  #global: Window = { resetAt: 0, used: 0 };
  readonly #buckets = new Map<string, Window>();
  /** 429s answered, by scope. */
  readonly limited = { global: 0, route: 0 };

  constructor(private readonly rules: RateLimitRules = DISCORD_RATE_LIMITS) {}

  /** The 429 to answer instead of serving the request, or the headers to add to its answer. */
  check(method: string, path: string, now = Date.now()): { refused: FaultAnswer } | { headers: Record<string, string> } {
    if (EXEMPT.test(path)) return { headers: {} };
    if (now >= this.#global.resetAt) this.#global = { resetAt: now + 1000, used: 0 };
    if (this.#global.used >= this.rules.globalPerSecond) {
      this.limited.global++;
      return { refused: tooMany(this.#global.resetAt - now, { 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' }, true) };
    }
    const rule = this.rules.buckets.find((b) => b.method === method && b.path.test(path));
    let headers: Record<string, string> = {};
    if (rule) {
      const hash = createHash('sha1').update(`${rule.method} ${rule.path.source}`).digest('hex').slice(0, 16);
      const key = `${hash}:${rule.path.exec(path)![1]}`;
      let bucket = this.#buckets.get(key);
      if (!bucket || now >= bucket.resetAt) this.#buckets.set(key, (bucket = { resetAt: now + rule.windowMs, used: 0 }));
      const resetAfter = (bucket.resetAt - now) / 1000;
      headers = {
        'x-ratelimit-limit': String(rule.limit),
        'x-ratelimit-remaining': String(Math.max(0, rule.limit - bucket.used - 1)),
        'x-ratelimit-reset': (bucket.resetAt / 1000).toFixed(3),
        'x-ratelimit-reset-after': resetAfter.toFixed(3),
        'x-ratelimit-bucket': hash,
      };
      if (bucket.used >= rule.limit) {
        this.limited.route++;
        return { refused: tooMany(bucket.resetAt - now, { ...headers, 'x-ratelimit-remaining': '0', 'x-ratelimit-scope': 'user' }, false) };
      }
      bucket.used++;
    }
    // Counted only once served: a refused request does not use up the next second.
    this.#global.used++;
    return { headers };
  }
}

function tooMany(waitMs: number, headers: Record<string, string>, global: boolean): FaultAnswer {
  const seconds = Math.max(0.001, waitMs / 1000);
  // Retry-After in whole seconds, rounded up, as Discord sends it; the body has the exact wait.
  return { status: 429, headers: { ...headers, 'retry-after': String(Math.ceil(seconds)) }, body: { message: 'You are being rate limited.', retry_after: Number(seconds.toFixed(3)), global } };
}
