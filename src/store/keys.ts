import { createHash } from 'node:crypto';
import type { ChannelRef } from './types.ts';

/**
 * What makes two spellings of a topic the same subscription: "Kandahar  Prison" and
 * "kandahar prison" must not give a channel two digests of one topic.
 */
export function topicKey(topic: string): string {
  return topic.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * The idempotency key of one (channel, topic, local date): the same for every attempt, so a
 * platform that deduplicates by key drops a repeat. 24 hex characters fit Discord's 25-character
 * nonce and still make a collision between two of one bot's posts practically impossible.
 */
export function idempotencyKey(ref: ChannelRef, key: string, localDate: string): string {
  return createHash('sha256').update(JSON.stringify([ref.platform, ref.channel, key, localDate])).digest('hex').slice(0, 24);
}
