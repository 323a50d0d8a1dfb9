import { createHash } from 'node:crypto';
import type { Digest } from '../core/types.ts';

/**
 * The key of an item across digests: the same sentence counts as the same item even when
 * tomorrow's copy differs in case, spacing, quotes or punctuation.
 */
export function itemKey(text: string): string {
  const normalized = text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return createHash('sha256').update(normalized).digest('hex').slice(0, 32);
}

/** A digest with only what the channel has not received yet. */
export interface FreshDigest {
  digest: Digest;
  /** Keys of the items kept, to record once they are posted. */
  itemKeys: string[];
  /** How many items were left out as already posted. */
  omitted: number;
}

/** Builds a topic's digest, leaving out the items whose text `omit` says were posted. */
export type BuildDigest = (topic: string, omit: (text: string) => boolean) => Digest | Promise<Digest>;

/**
 * The digest of `topic` without the items whose key the channel already received. The digest
 * leaves them out itself, so its sources, article list and counts describe only what is posted.
 */
export async function freshDigest(build: BuildDigest, topic: string, posted: ReadonlySet<string>): Promise<FreshDigest> {
  const digest = await build(topic, (text) => posted.has(itemKey(text)));
  return { digest, itemKeys: [...new Set(digest.items.map((i) => itemKey(i.text)))], omitted: digest.stats.itemsOmitted };
}
