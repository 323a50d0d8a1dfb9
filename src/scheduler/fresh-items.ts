import { createHash } from 'node:crypto';
import type { Digest, SourceRef } from '../core/types.ts';

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

/** Leaves out items whose key the channel already received; the article list follows the items kept. */
export function onlyNew(digest: Digest, posted: ReadonlySet<string>): FreshDigest {
  const keyed = digest.items.map((item) => ({ item, key: itemKey(item.text) }));
  const kept = keyed.filter((k) => !posted.has(k.key));
  const files = new Set(kept.flatMap((k) => k.item.sources.map((s: SourceRef) => s.file)));
  return {
    digest: { ...digest, items: kept.map((k) => k.item), articles: digest.articles.filter((a) => files.has(a.file)) },
    itemKeys: [...new Set(kept.map((k) => k.key))],
    omitted: keyed.length - kept.length,
  };
}
