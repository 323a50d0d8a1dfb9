/**
 * The ports of the persistent store: subscriptions and the delivery log here, feeds in
 * feed-types.ts. The scheduler and the commands see only these interfaces, so a server database
 * can sit behind them later. Every method is async for that reason, even though the embedded
 * SQLite store answers synchronously.
 */

import type { FeedStore } from './feed-types.ts';

/** Chat platforms a channel can live on. */
export type Platform = 'console' | 'discord' | 'slack';

/** A channel on one platform. Channel ids are only unique within their platform. */
export interface ChannelRef {
  platform: Platform;
  /** The platform's own channel id (Discord snowflake, Slack `C0123…`, `terminal` for the console). */
  channel: string;
}

/** What `/subscribe` asks for, already validated (see `parseSubscriptionRequest`). */
export interface NewSubscription extends ChannelRef {
  /** The topic as the user wrote it; shown back and passed to the digest builder. */
  topic: string;
  /** Local time of day, `HH:MM` (24-hour, zero-padded). */
  time: string;
  /** IANA time zone name as `Intl` resolves it. */
  timeZone: string;
  /** Platform user id of the admin who subscribed, for the record. */
  createdBy?: string;
}

/** A daily digest of one topic in one channel. At most one per channel and topic key. */
export interface Subscription extends NewSubscription {
  id: number;
  /** Normalized topic: what makes two spellings the same subscription (see `topicKey`). */
  topicKey: string;
  createdAt: Date;
  /**
   * When the time or zone last changed. A digest is only due on days whose posting time comes
   * after this, so subscribing at 10:00 for 08:00 starts tomorrow instead of posting at once.
   */
  updatedAt: Date;
}

/**
 * The life of one (channel, topic, local date) row of the delivery log.
 * - `claimed`: an attempt is in flight (or its process died; the lease tells which).
 * - `retrying`: the last attempt failed; the next may start at `nextAttemptAt`.
 * - `posted` / `skipped`: done (`skipped` when nothing was new and the options say so).
 * - `failed`: gave up after the last allowed attempt; logged as an error.
 * - `missed`: the posting time passed while the bot was down and the catch-up window closed.
 * - `superseded`: a later day's digest started before this one could be retried; its items were
 *   never recorded as posted, so they go out in the later digest instead.
 * - `cancelled`: the subscription was removed while a retry was pending.
 */
export type DeliveryState = 'claimed' | 'retrying' | 'posted' | 'skipped' | 'failed' | 'missed' | 'superseded' | 'cancelled';

/** One row of the delivery log. */
export interface DeliveryRecord extends ChannelRef {
  topicKey: string;
  /** The subscriber's local date, `YYYY-MM-DD`. */
  localDate: string;
  subscriptionId: number;
  state: DeliveryState;
  attempts: number;
  idempotencyKey: string;
  claimedAt: Date;
  updatedAt: Date;
  nextAttemptAt?: Date;
  postedAt?: Date;
  lastError?: string;
}

/**
 * The right to make one posting attempt. Only the holder of the current claim can mark the
 * row posted or failed: a stale holder whose lease was taken over gets `false` back.
 */
export interface Claim extends ChannelRef {
  topicKey: string;
  localDate: string;
  subscriptionId: number;
  /** 1 for the first attempt; identifies this claim. */
  attempt: number;
  /** Stable across attempts for the same row, at most 25 characters (Discord's nonce limit). */
  idempotencyKey: string;
  /** True when a claim whose lease ran out (a crashed or hung attempt) was taken over. */
  recovered: boolean;
  /** Local dates of older unfinished rows of this channel and topic that this claim superseded. */
  superseded: string[];
}

/** A row whose retry is due, with the subscription it belongs to. */
export interface PendingDelivery {
  subscription: Subscription;
  localDate: string;
  state: 'claimed' | 'retrying';
  attempts: number;
}

/** Subscriptions per channel. */
export interface SubscriptionStore {
  /** Adds, or updates the time and zone of the channel's subscription with the same topic key. */
  addSubscription(input: NewSubscription, now: Date): Promise<{ subscription: Subscription; created: boolean }>;
  /**
   * Removes the channel's subscription to the topic (any spelling with the same key) and cancels
   * its pending retries; false if there was none.
   */
  removeSubscription(ref: ChannelRef, topic: string, now: Date): Promise<boolean>;
  /** The channel's subscriptions, by topic. */
  listSubscriptions(ref: ChannelRef): Promise<Subscription[]>;
  allSubscriptions(): Promise<Subscription[]>;
}

/**
 * The record of what was posted, which is what makes digests exactly-once per channel, topic and
 * local date. `claim` must be atomic across processes sharing the store: of two concurrent
 * claims for the same row, at most one succeeds.
 */
export interface DeliveryLog {
  /**
   * Claims the row for an attempt, creating it if absent. Null when the row is done, is in
   * flight under a live lease, or waits for a later retry time.
   */
  claim(subscription: Subscription, localDate: string, now: Date, leaseMs: number): Promise<Claim | null>;
  /** Marks the claimed row posted (or skipped) and records the posted item keys in the same transaction. */
  markPosted(claim: Claim, now: Date, result: { itemKeys: readonly string[]; skipped?: boolean }): Promise<boolean>;
  /** Records a failed attempt: retried from `retryAt`, or given up for good when it is null. */
  markFailed(claim: Claim, now: Date, failure: { error: string; retryAt: Date | null }): Promise<boolean>;
  /** Records that a day's posting time passed unserved; true the first time only, so it is logged once. */
  noteMissed(subscription: Subscription, localDate: string, now: Date): Promise<boolean>;
  /** Rows whose retry is due, and claimed rows whose lease has run out, of existing subscriptions. */
  pendingRetries(now: Date, leaseMs: number): Promise<PendingDelivery[]>;
  /** Keys of the items this channel has received on this topic, in any earlier digest. */
  postedItemKeys(ref: ChannelRef, topic: string): Promise<ReadonlySet<string>>;
  /** The channel's latest rows for the topic, newest local date first: for status and tests. */
  deliveryHistory(ref: ChannelRef, topic: string, limit?: number): Promise<DeliveryRecord[]>;
}

/**
 * Whether the server behind a store answers. Only a store on a server has one: an embedded file
 * cannot become unreachable while it is open.
 */
export interface StoreReachability {
  /** False from a failure to reach the server until a connection or a ping gets through. */
  readonly reachable: boolean;
  /** Asks the server; false when it fails or takes longer than `timeoutMs`. */
  ping(timeoutMs: number): Promise<boolean>;
  /** True when `err` says the server could not be reached, which also marks it unreachable. */
  noteFailure(err: unknown): boolean;
  /**
   * Called once per change, not once per failed query: what lets an outage be logged once. A
   * change to unreachable comes with the failure that showed it.
   */
  onChange(listener: (reachable: boolean, cause?: unknown) => void): void;
}

/** The whole store as the app opens it. */
export interface DigestStore extends SubscriptionStore, DeliveryLog, FeedStore {
  readonly reachability?: StoreReachability;
  close(): Promise<void>;
}
