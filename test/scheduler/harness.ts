// Shared set-up for the scheduler tests: a real SQLite file in a temp folder, a clock the test
// moves, a publisher that records (or fails), a logger whose lines the test can read, and the
// real digest engine on the bundled articles.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import { captureLogs } from '../helpers/log-capture.ts';
import { digestTopic } from '../../src/core/query/digest.ts';
import type { Budget, Digest } from '../../src/core/types.ts';
import type { BuildDigest } from '../../src/scheduler/fresh-items.ts';
import { createScheduler, type ScheduleFn, type Scheduler, type SchedulerDeps } from '../../src/scheduler/scheduler.ts';
import type { Publisher, PublishContext } from '../../src/ports/publisher.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import type { NewSubscription, Subscription } from '../../src/store/types.ts';
import { bundledCorpus } from '../helpers/fixtures.ts';

export const MINUTE = 60_000;

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'digest-store-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function dbPath(dir: string): string {
  return join(dir, 'digests.sqlite');
}

/** A clock that stays where the test puts it. */
export function testClock(start: string | Date) {
  let now = new Date(start);
  return {
    now: () => new Date(now),
    set: (to: string | Date) => void (now = new Date(to)),
  };
}

export interface Post {
  subscription: Subscription;
  digest: Digest;
  context: PublishContext;
  /** The clock's time when publish was called. */
  at: Date;
}

/**
 * Records posts. `failures` makes that many calls reject first; `delayMs` holds each publish
 * open, so a test can overlap ticks with a post in flight.
 */
export function recordingPublisher(clock: { now(): Date }, options: { failures?: number; delayMs?: number } = {}) {
  const posts: Post[] = [];
  const attempts: Date[] = [];
  let failuresLeft = options.failures ?? 0;
  const publisher: Publisher = {
    async publish(subscription, digest, context) {
      attempts.push(clock.now());
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      if (failuresLeft > 0) {
        failuresLeft--;
        throw new Error('platform says 503 Service Unavailable');
      }
      posts.push({ subscription, digest, context, at: clock.now() });
    },
  };
  return { publisher, posts, attempts };
}

/** A pino logger whose JSON lines land in `lines`. */
export function capturingLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  return captureLogs('debug');
}

export const silentLogger = (): Logger => pino({ level: 'silent' });

/** The real engine on the bundled articles. */
export async function realDigests(budget?: Budget): Promise<BuildDigest> {
  const corpus = await bundledCorpus();
  return (topic, omit) => digestTopic(corpus, topic, budget, { omit });
}

/** A subscription to 'ghazni' in a test channel, made at `at` (the clock's time, typically). */
export async function subscribe(store: SqliteStore, input: Partial<NewSubscription> & { time: string; timeZone: string }, at: Date) {
  const { subscription } = await store.addSubscription({ platform: 'discord', channel: 'C1', topic: 'ghazni', ...input }, at);
  return subscription;
}

/** Everything a scheduler test needs, on a fresh store file in `dir`. */
export async function setup(dir: string, start: string, overrides: Partial<SchedulerDeps> & { failures?: number; delayMs?: number } = {}) {
  const { failures, delayMs, ...deps } = overrides;
  const clock = testClock(start);
  const store = SqliteStore.open(dbPath(dir));
  const { publisher, posts, attempts } = recordingPublisher(clock, { failures: failures ?? 0, delayMs: delayMs ?? 0 });
  const { logger, lines } = capturingLogger();
  const scheduler: Scheduler = createScheduler({ store, clock, publisher, buildDigest: await realDigests(), logger, ...deps });
  return { clock, store, publisher, posts, attempts, logger, lines, scheduler };
}

/** Ticks once a minute (or every `stepMinutes`) from `from` up to and including `to`. */
export async function tickThrough(scheduler: Scheduler, clock: ReturnType<typeof testClock>, from: string, to: string, stepMinutes = 1): Promise<void> {
  for (let t = Date.parse(from); t <= Date.parse(to); t += stepMinutes * MINUTE) {
    clock.set(new Date(t));
    await scheduler.tick(new Date(t));
  }
}

/** Stands in for node-cron: records what was scheduled and lets the test fire it. */
export function fakeCron() {
  const jobs: { expression: string; run: () => void; stopped: boolean }[] = [];
  const schedule: ScheduleFn = (expression, run) => {
    const job = { expression, run, stopped: false };
    jobs.push(job);
    return { stop: () => void (job.stopped = true) };
  };
  return { schedule, jobs };
}
