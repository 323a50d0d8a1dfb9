import type { Corpus } from '../index/snapshot.ts';
import type { Disagreement, SourceRef, Sentence } from '../types.ts';
import { extractFigures, findDisagreement, type Figure, type FigureMention, type TextTools } from './figures.ts';

/**
 * Checks the figures of chosen sentences against what the articles a digest drew on say.
 * Only sentences that carry a word of what a figure counts can give it a different value, so
 * each figure reads those few (through the corpus postings) instead of every sentence.
 */
export function disagreementFinder(
  corpus: Corpus,
  articles: readonly number[],
  tools: TextTools,
  sourceOf: (articleId: number) => SourceRef,
): (leader: Sentence) => Disagreement | undefined {
  const figures = new Map<number, Figure[]>();
  const figuresOf = (id: number) => {
    let list = figures.get(id);
    if (!list) figures.set(id, (list = extractFigures(corpus.sentences.at(id).text, tools)));
    return list;
  };
  const mentionsOf = (figure: Figure): FigureMention[] => {
    const lists = corpus.lexicon.terms(figure.unitText).map((term) => corpus.postings.get(term));
    // The order a full scan would meet them in: article by article as given, then as written.
    // Each article's sentences are one range of ids, so a binary search finds them in each list.
    const found: FigureMention[] = [];
    for (const article of articles) {
      const start = corpus.firstSentence[article]!;
      const end = corpus.firstSentence[article + 1] ?? corpus.sentences.length;
      const ids = new Set<number>();
      for (const list of lists) {
        if (!list) continue;
        for (let i = lowerBound(list, start); i < list.length && list[i]! < end; i++) ids.add(list[i]!);
      }
      for (const id of [...ids].sort((a, b) => a - b)) {
        for (const f of figuresOf(id)) found.push({ figure: f, article, source: sourceOf(article) });
      }
    }
    return found;
  };
  return (leader) => {
    for (const figure of extractFigures(leader.text, tools)) {
      const disagreement = findDisagreement(figure, mentionsOf(figure));
      if (disagreement) return disagreement;
    }
    return undefined;
  };
}

/** The first index of a sorted list holding a value not below `value`. */
function lowerBound(list: Int32Array, value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
