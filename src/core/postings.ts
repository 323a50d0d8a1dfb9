import type { TermDictionary } from './term-dictionary.ts';
import { termEndAt, termStartAt, type ArticleText } from './stored-sentence.ts';

/** Term -> ids of the sentences that contain it, ascending; views into one shared buffer. */
export interface Postings {
  get(term: string): Int32Array | undefined;
}

/** Term -> number of articles that contain it. */
export interface ArticleFrequencies {
  get(term: string): number | undefined;
}

export interface TermIndex {
  postings: Postings;
  articleFreq: ArticleFrequencies;
}

/**
 * Inverts the articles' term ids in two passes (count, then fill) into one Int32Array: four
 * bytes per posting instead of a growing JS array per term, and no garbage while building.
 * Sentence ids run through the articles in order.
 */
export function indexTerms(texts: readonly ArticleText[], dictionary: TermDictionary): TermIndex {
  const size = dictionary.terms.length;
  const counts = new Int32Array(size);
  const lastSentence = new Int32Array(size).fill(-1);
  const lastArticle = new Int32Array(size).fill(-1);
  const articles = new Int32Array(size);
  let id = 0;
  texts.forEach((t, a) => {
    const ids = t.table;
    for (let p = 0; p < t.sentences; p++, id++) {
      for (let i = termStartAt(t, p), end = termEndAt(t, p); i < end; i++) {
        const term = ids[i]!;
        if (lastSentence[term] !== id) {
          lastSentence[term] = id;
          counts[term]!++;
        }
        if (lastArticle[term] !== a) {
          lastArticle[term] = a;
          articles[term]!++;
        }
      }
    }
  });
  const start = new Int32Array(size + 1);
  for (let i = 0; i < size; i++) start[i + 1] = start[i]! + counts[i]!;
  const all = new Int32Array(start[size]!);
  const fill = start.slice(0, size);
  lastSentence.fill(-1);
  id = 0;
  for (const t of texts) {
    const ids = t.table;
    for (let p = 0; p < t.sentences; p++, id++) {
      for (let i = termStartAt(t, p), end = termEndAt(t, p); i < end; i++) {
        const term = ids[i]!;
        if (lastSentence[term] === id) continue;
        lastSentence[term] = id;
        all[fill[term]!++] = id;
      }
    }
  }
  const known = (term: string): number | undefined => {
    const id = dictionary.find(term);
    return id !== undefined && id < size && articles[id]! > 0 ? id : undefined;
  };
  return {
    postings: {
      get(term) {
        const id = known(term);
        return id === undefined ? undefined : all.subarray(start[id]!, start[id + 1]!);
      },
    },
    articleFreq: {
      get(term) {
        const id = known(term);
        return id === undefined ? undefined : articles[id];
      },
    },
  };
}
