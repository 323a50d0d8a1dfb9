import type { Article, SourceRef } from './types.ts';
import type { Corpus } from './corpus.ts';

export function sourceRef(article: Article): SourceRef {
  // No spread of a conditional object: that made a second object per source, and a fact a wire
  // story spread has thousands.
  const ref: SourceRef = { title: article.title, source: article.source, file: article.file };
  if (article.url) ref.url = article.url;
  return ref;
}

/**
 * Per article, scratch for one digest at a time (digests run one at a time, and reset it): the
 * item + 1 that last listed it, and its place + 1 in the digest's article list. Sets and Maps of
 * thousands of articles per item were a third of what a /summary allocated at 100,000 articles.
 */
let listedBy = new Int32Array(0);
let placeOf = new Int32Array(0);

/**
 * The sources of each item, from the ids of the sentences that tell it: their articles, once each,
 * in the order the sentences come. Each cited article has one reference, shared by every item that
 * cites it and by `articles`, the digest's list, in the order first cited.
 */
export function citations(corpus: Corpus, tellers: readonly (readonly number[])[]): { sources: SourceRef[][]; articles: SourceRef[] } {
  const count = corpus.articles.length;
  if (listedBy.length < count) {
    listedBy = new Int32Array(count);
    placeOf = new Int32Array(count);
  }
  const articles: SourceRef[] = [];
  const cited: number[] = [];
  try {
    const sources = tellers.map((ids, item) => {
      const list: SourceRef[] = [];
      for (const id of ids) {
        const a = corpus.articleOf[id]!;
        if (listedBy[a] === item + 1) continue;
        listedBy[a] = item + 1;
        if (placeOf[a] === 0) {
          cited.push(a);
          placeOf[a] = articles.push(sourceRef(corpus.articles[a]!));
        }
        list.push(articles[placeOf[a]! - 1]!);
      }
      return list;
    });
    return { sources, articles };
  } finally {
    for (const a of cited) listedBy[a] = placeOf[a] = 0;
  }
}
