import { schedule as cronSchedule } from 'node-cron';
import type { Logger } from 'pino';
import type { DeliveryLog, Platform, StoreReachability, SubscriptionStore } from '../store/types.ts';
import { deliver, isOutage, type DeliveryOutcome } from './deliver.ts';
import { dueDigests } from './due.ts';
import type { BuildDigest } from './fresh-items.ts';
import { resolveOptions, type Clock, type SchedulerOptionsInput } from './options.ts';
import type { Publisher } from '../ports/publisher.ts';
import { DeliverySlots } from './delivery-slots.ts';

/** The cron surface the scheduler uses; node-cron's `schedule` by default, a fake in tests. */
export type ScheduleFn = (expression: string, run: () => void) => { stop(): void | Promise<void> };

export interface SchedulerDeps {
  store: SubscriptionStore & DeliveryLog;
  clock: Clock;
  publisher: Publisher;
  /**
   * The digest of a topic as of now, without the items `omit` names (already posted to the
   * channel); may throw, which counts as a failed attempt.
   */
  buildDigest: BuildDigest;
  logger: Logger;
  options?: SchedulerOptionsInput;
  schedule?: ScheduleFn;
  /**
   * Serve only subscriptions on these platforms (default: all). A process without a platform's
   * tokens must not claim that platform's digests, or it would fail them for the process that can post.
   */
  platforms?: readonly Platform[];
  /**
   * The store's reachability, when it is on a server: failures it says are the database's being
   * unreachable are logged at debug, as the outage itself is logged once by its listener.
   */
  reachability?: Pick<StoreReachability, 'noteFailure'> | undefined;
}

/** What one tick did, per (subscription, local date) it looked at. */
export interface TickResult {
  subscriptionId: number;
  localDate: string;
  /** `stopped`: still queued when the scheduler stopped, so never claimed. */
  outcome: DeliveryOutcome | 'missed' | 'error' | 'stopped';
}

export interface Scheduler {
  /**
   * Posts every digest that is due at `now` and every retry that has come due. Safe to run
   * concurrently with itself or with other processes on the same store. Never rejects.
   */
  tick(now?: Date): Promise<TickResult[]>;
  /** Runs a tick at once (to catch up after downtime), then one every minute. */
  start(): Promise<void>;
  /** Stops the minute ticks and waits for running ones to finish, so the store can be closed. */
  stop(): Promise<void>;
}

export function createScheduler(deps: SchedulerDeps): Scheduler {
  const options = resolveOptions(deps.options);
  const logger = deps.logger.child({ component: 'scheduler' });
  const deliverDeps = { ...deps, logger, options };
  const running = new Set<Promise<unknown>>();
  const slots = new DeliverySlots(options.concurrency);
  /** Jobs queued or running, by (subscription, local date), whichever tick started them. */
  const jobs = new Map<string, Promise<TickResult>>();
  let task: ReturnType<ScheduleFn> | undefined;

  async function tickOnce(now: Date): Promise<TickResult[]> {
    const mine = new Set<Promise<TickResult>>();
    // A job may wait for a slot for minutes: it claims at the time it starts, not the tick's, or
    // its lease would look older than it is to other processes and be taken over while it posts.
    const tickedAt = Date.now();
    const startedAt = () => new Date(now.getTime() + (Date.now() - tickedAt));
    const run = (subscriptionId: number, localDate: string, work: () => Promise<TickResult['outcome']>) => {
      const key = `${subscriptionId}|${localDate}`;
      // A round bigger than a minute's worth of posts is still running when the next tick comes:
      // that tick joins its jobs instead of claiming them again.
      const queued = jobs.get(key);
      if (queued) {
        mine.add(queued);
        return;
      }
      const job = slots
        .run(work)
        .catch((err: unknown) => {
          const level = isOutage(deps, err) ? 'debug' : 'error';
          logger[level]({ err, subscription: subscriptionId, localDate }, 'scheduled digest failed unexpectedly; the lease will bring it back');
          return 'error' as const;
        })
        .then((outcome): TickResult => ({ subscriptionId, localDate, outcome }));
      jobs.set(key, job);
      void job.finally(() => jobs.delete(key));
      mine.add(job);
    };

    // Both reads before any work starts, so a failed read leaves no job running unwatched.
    const served = (platform: Platform) => !deps.platforms || deps.platforms.includes(platform);
    const retries = (await deps.store.pendingRetries(now, options.leaseMs)).filter((p) => served(p.subscription.platform));
    const subscriptions = (await deps.store.allSubscriptions()).filter((sub) => served(sub.platform));
    // Retries first: a row that waits for a retry must not be taken for a missed day below.
    for (const p of retries) {
      run(p.subscription.id, p.localDate, () => deliver(deliverDeps, p.subscription, p.localDate, startedAt()));
    }
    for (const sub of subscriptions) {
      let due;
      try {
        due = dueDigests(sub, now, options.catchUpMinutes);
      } catch (err) {
        logger.error({ err, subscription: sub.id }, 'cannot work out when this subscription is due');
        continue;
      }
      for (const d of due) {
        if (d.action === 'post') {
          run(sub.id, d.localDate, () => deliver(deliverDeps, sub, d.localDate, startedAt()));
        } else {
          run(sub.id, d.localDate, async () => {
            if (!(await deps.store.noteMissed(sub, d.localDate, startedAt()))) return 'unclaimed';
            logger.warn({ subscription: sub.id, channel: sub.channel, topic: sub.topic, localDate: d.localDate, due: d.due }, 'digest missed while the bot was down; too late to post it');
            return 'missed';
          });
        }
      }
    }
    return Promise.all([...mine]);
  }

  function tick(now: Date = deps.clock.now()): Promise<TickResult[]> {
    const done = tickOnce(now).catch((err: unknown) => {
      logger[isOutage(deps, err) ? 'debug' : 'error']({ err }, 'scheduler tick failed; the next tick tries again');
      return [];
    });
    running.add(done);
    void done.finally(() => running.delete(done));
    return done;
  }

  return {
    tick,
    async start() {
      if (task) return;
      const schedule: ScheduleFn =
        deps.schedule ??
        ((expression, fn) => {
          const cronTask = cronSchedule(expression, fn, { name: 'daily-digests', logger: cronLogger(logger) });
          // destroy, not stop: it also leaves node-cron's process-wide task registry.
          return { stop: () => cronTask.destroy() };
        });
      task = schedule('* * * * *', () => void tick());
      await tick();
    },
    async stop() {
      await task?.stop();
      task = undefined;
      // Deliveries still waiting for a slot are left unclaimed, for the next start or another process.
      slots.close();
      await Promise.all(running);
      slots.open();
    },
  };
}

/** node-cron's own warnings (a missed minute when the event loop was blocked) go to our log. */
function cronLogger(logger: Logger) {
  return {
    info: (message: string) => logger.debug(message),
    warn: (message: string) => logger.warn(message),
    error: (message: string | Error, err?: Error) => logger.error({ err: err ?? message }, String(message)),
    debug: (message: string | Error) => logger.debug(String(message)),
  };
}
