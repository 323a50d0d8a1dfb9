import type { Logger } from 'pino';
import type { Claim, DeliveryLog, StoreReachability, Subscription } from '../store/types.ts';
import { freshDigest, type BuildDigest } from './fresh-items.ts';
import { retryDelayMs, type Clock, type SchedulerOptions } from './options.ts';
import type { EarlierPost, Publisher, PublishContext } from '../ports/publisher.ts';

/** What the scheduler needs to deliver one digest. */
export interface DeliverDeps {
  store: DeliveryLog;
  clock: Clock;
  publisher: Publisher;
  buildDigest: BuildDigest;
  logger: Logger;
  options: SchedulerOptions;
  /**
   * Told of failures: those that are the database's being unreachable are logged at debug, as
   * its change to unreachable is logged once for the whole outage by whoever listens to it.
   */
  reachability?: Pick<StoreReachability, 'noteFailure'> | undefined;
}

/** Whether `err` is the database's being unreachable (and says so to the reachability). */
export function isOutage(deps: Pick<DeliverDeps, 'reachability'>, err: unknown): boolean {
  return deps.reachability?.noteFailure(err) ?? false;
}

/** `unclaimed`: nothing to do, because the row is done, in flight elsewhere, or waiting for its retry time. */
export type DeliveryOutcome = 'posted' | 'skipped' | 'retrying' | 'failed' | 'unclaimed';

/**
 * One attempt at one (subscription, local date): claim, build, post, record.
 *
 * The claim is committed before anything is posted and the post is recorded the moment the
 * publisher confirms, so the only way to post twice would be a crash (or a lost database write,
 * or a timeout or error after the platform took the message) between the platform accepting it
 * and that record. The row then stays claimed (or waits for a retry) and a later attempt takes
 * it over; before posting, that attempt asks the publisher to look for the earlier attempt's
 * messages in the channel (`findPosted`, by the idempotency key every message carries). All of
 * them there: the row is recorded as posted without posting again. The first part(s) of a split
 * digest there: it posts only the rest. None, or history that cannot be read: it posts.
 */
export async function deliver(deps: DeliverDeps, subscription: Subscription, localDate: string, now: Date): Promise<DeliveryOutcome> {
  const { store, options } = deps;
  const claim = await store.claim(subscription, localDate, now, options.leaseMs);
  if (!claim) return 'unclaimed';
  const log = deps.logger.child({ subscription: subscription.id, channel: subscription.channel, topic: subscription.topic, localDate, attempt: claim.attempt });
  for (const date of claim.superseded) log.warn({ superseded: date }, 'an older digest still waiting for a retry was replaced by this one');
  if (claim.recovered) log.warn('retrying a delivery whose attempt did not finish (crash or hang); looking for it in the channel first');

  let fresh;
  // Only a store call's failure can be the database's outage: the publisher's, the digest's or a
  // timeout's is this post's own, whatever its code.
  let storeFailed = false;
  const fromStore = async <T>(call: Promise<T>): Promise<T> => {
    try {
      return await call;
    } catch (err) {
      storeFailed = true;
      throw err;
    }
  };
  try {
    const posted = await fromStore(store.postedItemKeys(subscription, subscription.topic));
    fresh = await freshDigest(deps.buildDigest, subscription.topic, posted);
    if (fresh.digest.items.length === 0 && options.whenNothingNew === 'skip') {
      await fromStore(store.markPosted(claim, deps.clock.now(), { itemKeys: [], skipped: true }));
      log.info({ omitted: fresh.omitted }, 'nothing new since the last digest; skipped');
      return 'skipped';
    }
    const context: PublishContext = { idempotencyKey: claim.idempotencyKey, localDate, attempt: claim.attempt, omittedItems: fresh.omitted };
    // An earlier attempt that crashed, hung, timed out or failed may have reached the channel anyway.
    if (claim.recovered || claim.attempt > 1) {
      const earlier = await findEarlier(deps, subscription, context, log);
      if (earlier && earlier.parts >= earlier.total) {
        log.info({ parts: earlier.parts }, 'an earlier attempt had already posted this digest; recorded it without posting again');
        await record(deps, claim, fresh, log);
        return 'posted';
      }
      if (earlier) {
        context.resumeAt = earlier.parts;
        log.warn({ parts: earlier.parts, total: earlier.total }, 'an earlier attempt posted part of this digest; posting the rest');
      }
    }
    await withTimeout(deps.publisher.publish(subscription, fresh.digest, context), options.publishTimeoutMs);
  } catch (err) {
    const giveUp = claim.attempt >= options.retry.maxAttempts;
    const failedAt = deps.clock.now();
    const retryAt = giveUp ? null : new Date(failedAt.getTime() + retryDelayMs(claim.attempt, options.retry));
    try {
      await store.markFailed(claim, failedAt, { error: err instanceof Error ? err.message : String(err), retryAt });
    } catch (recordErr) {
      // The row stays claimed, so the lease brings it back: still not dropped.
      log[isOutage(deps, recordErr) ? 'debug' : 'error']({ err: recordErr }, 'could not record a failed digest post');
    }
    // Giving up loses the digest: said at error, whatever the cause.
    if (giveUp) log.error({ err }, 'digest post failed on the last attempt; giving up');
    else if (storeFailed && isOutage(deps, err)) log.debug({ err, retryAt }, 'digest not built: database unreachable; will retry');
    else log.warn({ err, retryAt }, 'digest post failed; will retry');
    return giveUp ? 'failed' : 'retrying';
  }

  // Record at once: every moment between the platform's confirmation and this commit is a
  // moment in which a crash leaves the next attempt to find the post in the channel.
  await record(deps, claim, fresh, log);
  log.info({ items: fresh.digest.items.length, omitted: fresh.omitted }, 'digest posted');
  return 'posted';
}

async function record(deps: DeliverDeps, claim: Claim, fresh: { itemKeys: readonly string[] }, log: Logger): Promise<void> {
  try {
    const recorded = await deps.store.markPosted(claim, deps.clock.now(), { itemKeys: fresh.itemKeys });
    if (!recorded) log.warn('posted, but another attempt had taken over the claim; the channel may get this digest twice');
  } catch (err) {
    log[isOutage(deps, err) ? 'debug' : 'error']({ err }, 'posted, but could not record it; the next attempt will look for it in the channel before posting');
  }
}

/** The publisher's answer, or null (post again) when it has no way to look or looking failed. */
async function findEarlier(deps: DeliverDeps, subscription: Subscription, context: PublishContext, log: Logger): Promise<EarlierPost | null> {
  if (!deps.publisher.findPosted) return null;
  try {
    return await withTimeout(deps.publisher.findPosted(subscription, context), deps.options.publishTimeoutMs);
  } catch (err) {
    // Posting again risks a repeat; not posting risks losing the digest for good. A repeat is the lesser harm.
    log.warn({ err }, 'could not look for an earlier attempt in the channel; posting again, which may repeat it');
    return null;
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`publish timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
