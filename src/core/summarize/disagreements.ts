import type { Corpus } from '../corpus.ts';
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
  const rank = new Map(articles.map((id, i) => [id, i]));
  const figures = new Map<number, Figure[]>();
  const figuresOf = (id: number) => {
    let list = figures.get(id);
    if (!list) figures.set(id, (list = extractFigures(corpus.sentences[id]!.text, tools)));
    return list;
  };
  const mentionsOf = (figure: Figure): FigureMention[] => {
    const ids = new Set<number>();
    for (const term of corpus.lexicon.terms(figure.unitText)) {
      for (const id of corpus.postings.get(term) ?? []) if (rank.has(corpus.sentences[id]!.articleId)) ids.add(id);
    }
    // The order a full scan would meet them in: article by article as given, then as written.
    const article = (id: number) => corpus.sentences[id]!.articleId;
    return [...ids]
      .sort((a, b) => rank.get(article(a))! - rank.get(article(b))! || a - b)
      .flatMap((id) => figuresOf(id).map((f) => ({ figure: f, article: article(id), source: sourceOf(article(id)) })));
  };
  return (leader) => {
    for (const figure of extractFigures(leader.text, tools)) {
      const disagreement = findDisagreement(figure, mentionsOf(figure));
      if (disagreement) return disagreement;
    }
    return undefined;
  };
}
