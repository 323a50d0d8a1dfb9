// Rows as both stores give them (times as ms, the same column names), and their mapping.
import type { DeliveryRecord, DeliveryState, Platform, Subscription } from './types.ts';

export interface SubscriptionRow {
  id: number;
  platform: string;
  channel: string;
  topic: string;
  topic_key: string;
  time: string;
  time_zone: string;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

export function toSubscription(row: SubscriptionRow): Subscription {
  return {
    id: row.id,
    platform: row.platform as Platform,
    channel: row.channel,
    topic: row.topic,
    topicKey: row.topic_key,
    time: row.time,
    timeZone: row.time_zone,
    ...(row.created_by === null ? {} : { createdBy: row.created_by }),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

export interface DeliveryRow {
  platform: string;
  channel: string;
  topic_key: string;
  local_date: string;
  subscription_id: number;
  state: DeliveryState;
  attempts: number;
  idempotency_key: string;
  claimed_at: number;
  updated_at: number;
  next_attempt_at: number | null;
  posted_at: number | null;
  last_error: string | null;
}

export function toDelivery(row: DeliveryRow): DeliveryRecord {
  return {
    platform: row.platform as Platform,
    channel: row.channel,
    topicKey: row.topic_key,
    localDate: row.local_date,
    subscriptionId: row.subscription_id,
    state: row.state,
    attempts: row.attempts,
    idempotencyKey: row.idempotency_key,
    claimedAt: new Date(row.claimed_at),
    updatedAt: new Date(row.updated_at),
    ...(row.next_attempt_at === null ? {} : { nextAttemptAt: new Date(row.next_attempt_at) }),
    ...(row.posted_at === null ? {} : { postedAt: new Date(row.posted_at) }),
    ...(row.last_error === null ? {} : { lastError: row.last_error }),
  };
}
