import type { Logger } from 'pino';
import type { Digest } from '../core/types.ts';
import type { DeliveryLog, Subscription } from '../store/types.ts';
import { onlyNew } from './fresh-items.ts';
import { retryDelayMs, type Clock, type SchedulerOptions } from './options.ts';
import type { Publisher } from './publisher.ts';

/** What the scheduler needs to deliver one digest. */
export interface DeliverDeps {
  store: DeliveryLog;
  clock: Clock;
  publisher: Publisher;
  buildDigest: (topic: string) => Digest | Promise<Digest>;
  logger: Logger;
  options: SchedulerOptions;
}

/** `unclaimed`: nothing to do, because the row is done, in flight elsewhere, or waiting for its retry time. */
export type DeliveryOutcome = 'posted' | 'skipped' | 'retrying' | 'failed' | 'unclaimed';

/**
 * One attempt at one (subscription, local date): claim, build, post, record.
 *
 * The claim is committed before anything is posted and the post is recorded the moment the
 * publisher confirms, so the only way to post twice is a crash (or a lost database write)
 * between the platform accepting the message and that record: the row then stays claimed, and
 * once its lease runs out it is posted again. That at-least-once edge cannot be closed from
 * this side; the idempotency key lets a platform that supports one close it.
 */
export async function deliver(deps: DeliverDeps, subscription: Subscription, localDate: string, now: Date): Promise<DeliveryOutcome> {
  const { store, options } = deps;
  const claim = await store.claim(subscription, localDate, now, options.leaseMs);
  if (!claim) return 'unclaimed';
  const log = deps.logger.child({ subscription: subscription.id, channel: subscription.channel, topic: subscription.topic, localDate, attempt: claim.attempt });
  for (const date of claim.superseded) log.warn({ superseded: date }, 'an older digest still waiting for a retry was replaced by this one');
  if (claim.recovered) log.warn('retrying a delivery whose attempt did not finish (crash or hang); it may have been posted already');

  let fresh;
  try {
    const posted = await store.postedItemKeys(subscription, subscription.topic);
    fresh = onlyNew(await deps.buildDigest(subscription.topic), posted);
    if (fresh.digest.items.length === 0 && options.whenNothingNew === 'skip') {
      await store.markPosted(claim, deps.clock.now(), { itemKeys: [], skipped: true });
      log.info({ omitted: fresh.omitted }, 'nothing new since the last digest; skipped');
      return 'skipped';
    }
    const context = { idempotencyKey: claim.idempotencyKey, localDate, attempt: claim.attempt, omittedItems: fresh.omitted };
    await withTimeout(deps.publisher.publish(subscription, fresh.digest, context), options.publishTimeoutMs);
  } catch (err) {
    const giveUp = claim.attempt >= options.retry.maxAttempts;
    const failedAt = deps.clock.now();
    const retryAt = giveUp ? null : new Date(failedAt.getTime() + retryDelayMs(claim.attempt, options.retry));
    try {
      await store.markFailed(claim, failedAt, { error: err instanceof Error ? err.message : String(err), retryAt });
    } catch (recordErr) {
      // The row stays claimed, so the lease brings it back: still not dropped.
      log.error({ err: recordErr }, 'could not record a failed digest post');
    }
    if (giveUp) log.error({ err }, 'digest post failed on the last attempt; giving up');
    else log.warn({ err, retryAt }, 'digest post failed; will retry');
    return giveUp ? 'failed' : 'retrying';
  }

  // Record at once: every moment between the platform's confirmation and this commit is a
  // moment in which a crash means a repeat post.
  try {
    const recorded = await store.markPosted(claim, deps.clock.now(), { itemKeys: fresh.itemKeys });
    if (!recorded) log.warn('posted, but another attempt had taken over the claim; the channel may get this digest twice');
  } catch (err) {
    log.error({ err }, 'posted, but could not record it; it will be posted again when the lease runs out');
  }
  log.info({ items: fresh.digest.items.length, omitted: fresh.omitted }, 'digest posted');
  return 'posted';
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
