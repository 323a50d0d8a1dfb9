import type { Corpus } from '../index/snapshot.ts';
import { publishedTimes } from '../index/published.ts';
import type { Disagreement, SourceRef, Sentence } from '../types.ts';
import { findDisagreement, mayCount, sameQuantity, scanFigures, type Figure, type FigureMention, type Published, type TextTools } from './figures.ts';

const DAY_MS = 86_400_000;

/**
 * Checks the figures of an item's quoted sentence against the other sentences that tell its fact
 * (its tellers, which its sources cite): only they are about the same subject, and so every outlet
 * a disagreement names is one the digest already counts.
 */
export function disagreementFinder(
  corpus: Corpus,
  tools: TextTools,
  sourceOf: (articleId: number) => SourceRef,
): (leader: Sentence, tellers: readonly number[]) => Disagreement | undefined {
  const figures = new Map<number, Figure[]>();
  const figuresOf = (id: number): Figure[] => {
    let list = figures.get(id);
    if (!list) {
      const text = corpus.sentences.at(id).text;
      figures.set(id, (list = mayCount(text) ? unambiguous(scanFigures(text, tools)) : []));
    }
    return list;
  };
  const times = publishedTimes(corpus);
  const published = (article: number): Published | undefined => {
    if (corpus.articles[article]!.undated) return undefined;
    const latest = times.latest(article);
    if (Number.isNaN(latest)) return undefined;
    // A date alone stands for its whole day; a time, for itself.
    return { earliest: times.at(article) === latest ? latest : latest - DAY_MS + 1, latest };
  };
  return (leader, tellers) => {
    const own = figuresOf(leader.id);
    if (own.length === 0) return undefined;
    const mentions: FigureMention[] = [];
    for (const id of new Set([leader.id, ...tellers])) {
      const article = corpus.articleOf[id]!;
      for (const figure of figuresOf(id)) mentions.push({ figure, article, source: sourceOf(article) });
    }
    for (const figure of own) {
      const disagreement = findDisagreement(figure, leader.articleId, mentions, published);
      if (disagreement) return disagreement;
    }
    return undefined;
  };
}

/**
 * A sentence's figures less those of any quantity it gives two values for ("59 bodies were found
 * and six others died later"): which of them another sentence's value stands against is not known.
 */
function unambiguous(figures: Figure[]): Figure[] {
  return figures.filter((f) => !figures.some((g) => g !== f && sameQuantity(f, g) && g.value !== f.value));
}
