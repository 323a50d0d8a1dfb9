import type { Digest, DigestItem } from '../../src/core/types.ts';

/** An item for renderer and scheduler tests: it lists every source unless a larger count is given. */
export type ItemInput = Omit<DigestItem, 'sourceCount'> & { sourceCount?: number };

/** A hand-made digest whose article list and counts agree with its items. */
export function digestOf(topic: string, items: ItemInput[]): Digest {
  const full = items.map((i): DigestItem => ({ ...i, sourceCount: i.sourceCount ?? i.sources.length }));
  const articles = [...new Map(full.flatMap((i) => i.sources).map((s) => [s.file, s])).values()];
  const cited = Math.max(articles.length, ...full.map((i) => i.sourceCount));
  return {
    topic,
    items: full,
    articles,
    stats: {
      articlesInCorpus: cited,
      articlesMatched: cited,
      sentencesConsidered: full.length,
      sentencesMerged: 0,
      articlesCited: cited,
      outlets: new Set(articles.map((s) => s.source)).size,
      itemsOmitted: 0,
      words: full.reduce((n, i) => n + i.text.split(/\s+/).length, 0),
      elapsedMs: 1,
    },
  };
}
