import type { FeedState } from '../store/feed-types.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The longest a failing feed waits between tries, unless its own interval is longer. */
export const MAX_BACKOFF_MS = 6 * HOUR;
/**
 * The longest a feed's own ttl, max-age or Retry-After may push its next poll out: a header
 * misconfigured to a year must not silence a feed without anyone noticing.
 */
export const MAX_HINT_MS = 24 * HOUR;
/** Jitter is a fraction of the wait up to this share of it, and never more than MAX_JITTER_MS. */
export const JITTER_SHARE = 0.1;
export const MAX_JITTER_MS = 5 * MINUTE;

/** What one poll found, reduced to what the schedule needs. */
export type PollOutcome =
  | {
      ok: true;
      /** The feed's title (a 304 has none: the one stored is kept). */
      title?: string;
      /** Validators of this response; a 304 without them keeps the stored ones. */
      etag?: string;
      lastModified?: string;
      /** Whether the body was read (200) rather than confirmed unchanged (304). */
      modified: boolean;
      /** Cache-Control max-age. */
      maxAgeMs?: number;
      /** The feed's RSS <ttl>. */
      ttlMs?: number;
    }
  | { ok: false; reason: string; retryAfterMs?: number };

export interface ScheduleSettings {
  /** The feed's configured poll interval. */
  intervalMs: number;
  /** Consecutive failures after which the feed is paused (FEEDS_MAX_FAILURES). */
  maxFailures: number;
  now: Date;
  /** Uniform in [0, 1); injected so tests know the jitter. */
  random: () => number;
}

const hint = (ms: number | undefined) => Math.min(Math.max(ms ?? 0, 0), MAX_HINT_MS);

/**
 * Feeds added together (the feeds file at start) would otherwise be polled together forever;
 * a random delay on top of each wait spreads them out, so one round never fetches everything
 * at once. Added, never subtracted: the feed's own minimum wait is always respected.
 */
export function jitterMs(waitMs: number, random: () => number): number {
  return Math.min(waitMs * JITTER_SHARE, MAX_JITTER_MS) * random();
}

/** How long a feed that just read well waits: its interval, or longer when the feed asks. */
export function successWaitMs(intervalMs: number, outcome: { maxAgeMs?: number; ttlMs?: number }): number {
  return Math.max(intervalMs, hint(outcome.ttlMs), hint(outcome.maxAgeMs));
}

/**
 * How long a feed waits after its `failures`-th consecutive failure: the interval doubled per
 * failure up to a cap, and never less than the server's Retry-After. The cap is at least the
 * interval, so a failing feed is never polled more often than a healthy one.
 */
export function failureWaitMs(intervalMs: number, failures: number, retryAfterMs?: number): number {
  const backoff = Math.min(intervalMs * 2 ** Math.max(0, failures - 1), Math.max(MAX_BACKOFF_MS, intervalMs));
  return Math.max(hint(retryAfterMs), backoff);
}

const at = (now: Date, ms: number) => new Date(now.getTime() + Math.round(ms));

/** The feed's state after a poll with this outcome. */
export function nextFeedState(previous: FeedState, outcome: PollOutcome, settings: ScheduleSettings): FeedState {
  const { now, intervalMs, random } = settings;
  if (outcome.ok) {
    const wait = successWaitMs(intervalMs, outcome);
    const state: FeedState = {
      ...previous,
      lastFetchAt: now, lastSuccessAt: now, nextPollAt: at(now, wait + jitterMs(wait, random)),
      failures: 0, paused: false,
    };
    delete state.lastError;
    if (outcome.title) state.title = outcome.title;
    // A 200 replaces the validators (a server that stopped sending one must not get it back);
    // a 304 may leave them out, and then the stored ones are still right.
    const keep = !outcome.modified;
    setOrDrop(state, 'etag', outcome.etag ?? (keep ? previous.etag : undefined));
    setOrDrop(state, 'lastModified', outcome.lastModified ?? (keep ? previous.lastModified : undefined));
    return state;
  }
  const failures = previous.failures + 1;
  const wait = failureWaitMs(intervalMs, failures, outcome.retryAfterMs);
  return {
    ...previous,
    lastFetchAt: now, nextPollAt: at(now, wait + jitterMs(wait, random)),
    failures, paused: failures >= settings.maxFailures, lastError: outcome.reason,
  };
}

/** Whether a feed should be polled now: unpaused, and never polled or its time has come. */
export function isDue(state: FeedState, now: Date): boolean {
  return !state.paused && (state.nextPollAt === undefined || state.nextPollAt.getTime() <= now.getTime());
}

function setOrDrop(state: FeedState, key: 'etag' | 'lastModified', value: string | undefined): void {
  if (value === undefined) delete state[key];
  else state[key] = value;
}
