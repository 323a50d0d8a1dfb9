import type { Digest } from '../core/types.ts';
import type { Subscription } from '../store/types.ts';

/** What a publisher gets besides the digest itself. */
export interface PublishContext {
  /**
   * The same for every attempt at one channel, topic and local date. A platform that
   * deduplicates by key should get it (Discord: message `nonce` with `enforce_nonce: true`),
   * which closes most of the window in which a crash could post twice. At most 25 characters.
   */
  idempotencyKey: string;
  /** The subscriber's local date the digest is for, `YYYY-MM-DD`. */
  localDate: string;
  /** 1 for the first attempt. */
  attempt: number;
  /**
   * Items left out because the channel already received them. When the digest has no items
   * and this is above zero, say "nothing new since the last digest" in one line; with no items
   * and zero omitted, the articles say nothing about the topic at all.
   */
  omittedItems: number;
}

/**
 * Posts a scheduled digest to the subscription's channel; each platform implements one.
 * Resolve only once the platform has accepted the message, and reject on any failure: the
 * scheduler records the post on resolve and retries on reject.
 */
export interface Publisher {
  publish(subscription: Subscription, digest: Digest, context: PublishContext): Promise<void>;
}
