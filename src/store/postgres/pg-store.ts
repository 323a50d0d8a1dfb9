import type pg from 'pg';
import type { FeedArticle, FeedArticleChanges, FeedArticleChangesSince, FeedArticleInput, FeedClaim, FeedRecord, FeedState, NewFeed } from '../feed-types.ts';
import type { ChannelRef, Claim, DeliveryRecord, DigestStore, NewSubscription, PendingDelivery, Subscription } from '../types.ts';
import { openPool, redactUrl } from './connection.ts';
import * as deliveries from './deliveries.ts';
import * as feeds from './feeds.ts';
import { PgReachability } from './reachability.ts';
import * as subscriptions from './subscriptions.ts';

/**
 * The server store: PostgreSQL through a connection pool, for several bot processes sharing one
 * database. Same semantics as SqliteStore method for method; the contract tests run both.
 */
export class PgStore implements DigestStore {
  private closed = false;
  readonly reachability: PgReachability;

  private constructor(
    private readonly pool: pg.Pool,
    /** The database URL with its password masked, for messages. */
    readonly path: string,
  ) {
    this.reachability = new PgReachability(pool);
  }

  /** Connects and migrates; throws a StoreOpenError naming the redacted URL when it cannot. */
  static async open(url: string): Promise<PgStore> {
    return new PgStore(await openPool(url), redactUrl(url));
  }

  addSubscription(input: NewSubscription, now: Date): Promise<{ subscription: Subscription; created: boolean }> {
    return subscriptions.addSubscription(this.pool, input, now);
  }

  removeSubscription(ref: ChannelRef, topic: string, now: Date): Promise<boolean> {
    return subscriptions.removeSubscription(this.pool, ref, topic, now);
  }

  listSubscriptions(ref: ChannelRef): Promise<Subscription[]> {
    return subscriptions.listSubscriptions(this.pool, ref);
  }

  allSubscriptions(): Promise<Subscription[]> {
    return subscriptions.listSubscriptions(this.pool);
  }

  claim(subscription: Subscription, localDate: string, now: Date, leaseMs: number): Promise<Claim | null> {
    return deliveries.claim(this.pool, subscription, localDate, now, leaseMs);
  }

  markPosted(claim: Claim, now: Date, result: { itemKeys: readonly string[]; skipped?: boolean }): Promise<boolean> {
    return deliveries.markPosted(this.pool, claim, now, result);
  }

  markFailed(claim: Claim, now: Date, failure: { error: string; retryAt: Date | null }): Promise<boolean> {
    return deliveries.markFailed(this.pool, claim, now, failure);
  }

  noteMissed(subscription: Subscription, localDate: string, now: Date): Promise<boolean> {
    return deliveries.noteMissed(this.pool, subscription, localDate, now);
  }

  pendingRetries(now: Date, leaseMs: number): Promise<PendingDelivery[]> {
    return deliveries.pendingRetries(this.pool, now, leaseMs);
  }

  postedItemKeys(ref: ChannelRef, topic: string): Promise<ReadonlySet<string>> {
    return deliveries.postedItemKeys(this.pool, ref, topic);
  }

  deliveryHistory(ref: ChannelRef, topic: string, limit = 10): Promise<DeliveryRecord[]> {
    return deliveries.deliveryHistory(this.pool, ref, topic, limit);
  }

  listFeeds(): Promise<FeedRecord[]> {
    return feeds.listFeeds(this.pool);
  }

  saveFeed(feed: NewFeed, now: Date, options: { resume?: boolean } = {}): Promise<{ feed: FeedRecord; created: boolean }> {
    return feeds.saveFeed(this.pool, feed, now, options);
  }

  removeFeed(id: number, now: Date, options: { by?: string } = {}): Promise<{ removedArticles: string[] } | null> {
    return feeds.removeFeed(this.pool, id, now, options.by);
  }

  claimFeedPoll(feedId: number, holder: string, now: Date, leaseMs: number, options: { force?: boolean } = {}): Promise<FeedClaim> {
    return feeds.claimFeedPoll(this.pool, feedId, holder, now, leaseMs, options.force ?? false);
  }

  renewFeedPoll(feedId: number, holder: string, now: Date, leaseMs: number): Promise<boolean> {
    return feeds.renewFeedPoll(this.pool, feedId, holder, now, leaseMs);
  }

  recordPoll(feedId: number, poll: { state: FeedState; articles: readonly FeedArticleInput[] }, now: Date, options: { by?: string } = {}): Promise<FeedArticleChanges> {
    return feeds.recordPoll(this.pool, feedId, poll, now, options.by);
  }

  feedArticles(): Promise<FeedArticle[]> {
    return feeds.feedArticles(this.pool);
  }

  pruneFeedArticles(before: Date, now: Date, options: { by?: string } = {}): Promise<string[]> {
    return feeds.pruneFeedArticles(this.pool, before, now, options.by);
  }

  feedChangeNumber(): Promise<number> {
    return feeds.feedChangeNumber(this.pool);
  }

  feedChangesSince(since: number, options: { except?: string } = {}): Promise<FeedArticleChangesSince> {
    return feeds.feedChangesSince(this.pool, since, options.except);
  }

  /** Waits for queries in flight, then closes every connection. Idempotent, like SqliteStore's. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.reachability.close();
    await this.pool.end();
  }
}
