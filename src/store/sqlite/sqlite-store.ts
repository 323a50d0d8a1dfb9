import type Database from 'better-sqlite3';
import type { FeedArticle, FeedArticleChanges, FeedArticleChangesSince, FeedArticleInput, FeedClaim, FeedRecord, FeedState, NewFeed } from '../feed-types.ts';
import type { ChannelRef, Claim, DeliveryRecord, DigestStore, NewSubscription, PendingDelivery, Subscription } from '../types.ts';
import * as deliveries from './deliveries.ts';
import * as feeds from './feeds.ts';
import { openDatabase, type OpenOptions } from './open-database.ts';
import { statementCache, type Sql } from './statements.ts';
import * as subscriptions from './subscriptions.ts';

/**
 * The embedded store: one SQLite file in WAL mode, safe to share between processes on one
 * machine. A class because it owns the connection and its prepared statements.
 */
export class SqliteStore implements DigestStore {
  private readonly sql: Sql;

  private constructor(
    private readonly db: Database.Database,
    /** The database file, for messages. */
    readonly path: string,
  ) {
    this.sql = statementCache(db);
  }

  /** Opens, checks and migrates the file; throws a StoreOpenError naming it when it cannot be used. */
  static open(path: string, options: OpenOptions = {}): SqliteStore {
    return new SqliteStore(openDatabase(path, options), path);
  }

  async addSubscription(input: NewSubscription, now: Date): Promise<{ subscription: Subscription; created: boolean }> {
    return subscriptions.addSubscription(this.db, this.sql, input, now);
  }

  async removeSubscription(ref: ChannelRef, topic: string, now: Date): Promise<boolean> {
    return subscriptions.removeSubscription(this.db, this.sql, ref, topic, now);
  }

  async listSubscriptions(ref: ChannelRef): Promise<Subscription[]> {
    return subscriptions.listSubscriptions(this.sql, ref);
  }

  async allSubscriptions(): Promise<Subscription[]> {
    return subscriptions.listSubscriptions(this.sql);
  }

  async claim(subscription: Subscription, localDate: string, now: Date, leaseMs: number): Promise<Claim | null> {
    return deliveries.claim(this.db, this.sql, subscription, localDate, now, leaseMs);
  }

  async markPosted(claim: Claim, now: Date, result: { itemKeys: readonly string[]; skipped?: boolean }): Promise<boolean> {
    return deliveries.markPosted(this.db, this.sql, claim, now, result);
  }

  async markFailed(claim: Claim, now: Date, failure: { error: string; retryAt: Date | null }): Promise<boolean> {
    return deliveries.markFailed(this.sql, claim, now, failure);
  }

  async noteMissed(subscription: Subscription, localDate: string, now: Date): Promise<boolean> {
    return deliveries.noteMissed(this.sql, subscription, localDate, now);
  }

  async pendingRetries(now: Date, leaseMs: number): Promise<PendingDelivery[]> {
    return deliveries.pendingRetries(this.sql, now, leaseMs);
  }

  async postedItemKeys(ref: ChannelRef, topic: string): Promise<ReadonlySet<string>> {
    return deliveries.postedItemKeys(this.sql, ref, topic);
  }

  async deliveryHistory(ref: ChannelRef, topic: string, limit = 10): Promise<DeliveryRecord[]> {
    return deliveries.deliveryHistory(this.sql, ref, topic, limit);
  }

  async listFeeds(): Promise<FeedRecord[]> {
    return feeds.listFeeds(this.sql);
  }

  async saveFeed(feed: NewFeed, now: Date, options: { resume?: boolean } = {}): Promise<{ feed: FeedRecord; created: boolean }> {
    return feeds.saveFeed(this.db, this.sql, feed, now, options);
  }

  async removeFeed(id: number, now: Date, options: { by?: string } = {}): Promise<{ removedArticles: string[] } | null> {
    return feeds.removeFeed(this.db, this.sql, id, now, options.by);
  }

  async claimFeedPoll(feedId: number, holder: string, now: Date, leaseMs: number, options: { force?: boolean } = {}): Promise<FeedClaim> {
    return feeds.claimFeedPoll(this.db, this.sql, feedId, holder, now, leaseMs, options.force ?? false);
  }

  async renewFeedPoll(feedId: number, holder: string, now: Date, leaseMs: number): Promise<boolean> {
    return feeds.renewFeedPoll(this.sql, feedId, holder, now, leaseMs);
  }

  async recordPoll(feedId: number, poll: { state: FeedState; articles: readonly FeedArticleInput[] }, now: Date, options: { by?: string } = {}): Promise<FeedArticleChanges> {
    return feeds.recordPoll(this.db, this.sql, feedId, poll, now, options.by);
  }

  async feedArticles(): Promise<FeedArticle[]> {
    return feeds.feedArticles(this.sql);
  }

  async pruneFeedArticles(before: Date, now: Date, options: { by?: string } = {}): Promise<string[]> {
    return feeds.pruneFeedArticles(this.db, this.sql, before, now, options.by);
  }

  async feedChangeNumber(): Promise<number> {
    return feeds.feedChangeNumber(this.sql);
  }

  async feedChangesSince(since: number, options: { except?: string } = {}): Promise<FeedArticleChangesSince> {
    return feeds.feedChangesSince(this.db, this.sql, since, options.except);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
