import type { Digest } from '../core/types.ts';
import type { Subscription } from '../store/types.ts';

/** What a publisher gets besides the digest itself. */
export interface PublishContext {
  /**
   * The same for every attempt at one channel, topic and local date. A platform that
   * deduplicates by key should get it (Discord: message `nonce` with `enforce_nonce: true`),
   * and every message should carry it where `findPosted` can read it back. At most 25 characters.
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
  /**
   * Messages of this digest already in the channel from an earlier attempt (see `findPosted`):
   * post from message number `resumeAt` on instead of from the first. 0 or absent: post it all.
   */
  resumeAt?: number;
}

/** What an earlier attempt at a digest left in the channel, read back from the messages' markers. */
export interface EarlierPost {
  /** How many of the digest's messages are there, counted from the first (they go out in order). */
  parts: number;
  /** How many messages that attempt's digest had in all. */
  total: number;
}

/**
 * Posts a scheduled digest to the subscription's channel; each platform implements one.
 * Resolve only once the platform has accepted the message, and reject on any failure: the
 * scheduler records the post on resolve and retries on reject.
 */
export interface Publisher {
  publish(subscription: Subscription, digest: Digest, context: PublishContext): Promise<void>;
  /**
   * Looks in the channel's recent history for the bot's own messages marked with
   * `context.idempotencyKey`, and says how much of that digest is there (null: none of it).
   * The scheduler asks before it posts again when an earlier attempt's outcome is unknown (a
   * crash, a hang, a timeout, an error after the platform may have accepted the post), so a
   * post the platform accepted is recorded instead of repeated. Optional: without it a retry
   * posts again (at-least-once). Rejects when the history cannot be read.
   */
  findPosted?(subscription: Subscription, context: PublishContext): Promise<EarlierPost | null>;
}
