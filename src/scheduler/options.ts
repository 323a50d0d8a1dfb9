/** The source of the current time; tests pass a fixed or stepping one. */
export interface Clock {
  now(): Date;
}

/** Retry policy for a failed post: exponential backoff, capped, with a last attempt. */
export interface RetryOptions {
  /** Wait after the first failure (ms); doubles after each further one. */
  baseMs: number;
  /** Longest wait between attempts (ms). */
  maxMs: number;
  /** After this many failed attempts the delivery is given up and logged as an error. */
  maxAttempts: number;
}

export interface SchedulerOptions {
  /**
   * How long after its posting time a digest that was not posted (the bot was down) is still
   * posted, in minutes. Never past the end of its local day, whatever this says.
   */
  catchUpMinutes: number;
  /**
   * A claimed delivery with no outcome after this long (ms) is taken to belong to a crashed
   * process and is retried. Must exceed `publishTimeoutMs`, or a slow post could be doubled.
   */
  leaseMs: number;
  /** A publish still pending after this long (ms) counts as failed and is retried. */
  publishTimeoutMs: number;
  retry: RetryOptions;
  /**
   * Deliveries one process runs at once. Discord takes about 50 requests a second per bot, so 40
   * keep its limit busy while a claim rarely waits for one of the database pool's 10 connections
   * and a post rarely waits in the client's queue (bench/README.md, "Scheduled digests across
   * processes": 10,000 digests in 214 s instead of 378 s, with no retry).
   */
  concurrency: number;
  /** With nothing new since the last digest: post a one-line note, or post nothing. */
  whenNothingNew: 'note' | 'skip';
}

export const DEFAULT_SCHEDULER_OPTIONS: SchedulerOptions = {
  catchUpMinutes: 24 * 60,
  leaseMs: 10 * 60_000,
  publishTimeoutMs: 2 * 60_000,
  retry: { baseMs: 60_000, maxMs: 60 * 60_000, maxAttempts: 8 },
  concurrency: 40,
  whenNothingNew: 'note',
};

/** Options as given: anything left out takes its default. */
export type SchedulerOptionsInput = Partial<Omit<SchedulerOptions, 'retry'>> & { retry?: Partial<RetryOptions> };

/** Fills defaults and rejects combinations that would break exactly-once. */
export function resolveOptions(options: SchedulerOptionsInput = {}): SchedulerOptions {
  const resolved = { ...DEFAULT_SCHEDULER_OPTIONS, ...options, retry: { ...DEFAULT_SCHEDULER_OPTIONS.retry, ...options.retry } };
  if (resolved.publishTimeoutMs >= resolved.leaseMs) {
    throw new Error(`scheduler: publishTimeoutMs (${resolved.publishTimeoutMs}) must be below leaseMs (${resolved.leaseMs})`);
  }
  if (resolved.retry.maxAttempts < 1 || resolved.retry.baseMs <= 0 || resolved.retry.maxMs < resolved.retry.baseMs) {
    throw new Error('scheduler: retry needs maxAttempts >= 1 and 0 < baseMs <= maxMs');
  }
  if (resolved.catchUpMinutes < 0) throw new Error('scheduler: catchUpMinutes must not be negative');
  return resolved;
}

/** The wait before the attempt after `failedAttempt` (1 for the first failure). */
export function retryDelayMs(failedAttempt: number, retry: RetryOptions): number {
  return Math.min(retry.maxMs, retry.baseMs * 2 ** (failedAttempt - 1));
}
