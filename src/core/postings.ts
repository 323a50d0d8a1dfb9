import type { Sentence } from './types.ts';
import type { TermDictionary } from './term-dictionary.ts';
import { StoredSentence } from './stored-sentence.ts';

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

/** Calls `each` with the dictionary ids of a sentence's terms, in order. */
function eachTermId(s: Sentence, dictionary: TermDictionary, each: (id: number) => void): void {
  const range = StoredSentence.termRange(s);
  if (!range) {
    for (const term of s.terms) each(dictionary.idOf(term));
    return;
  }
  for (let i = range.start; i < range.end; i++) each(range.ids[i]!);
}

/**
 * Inverts the sentences' term ids in two passes (count, then fill) into one Int32Array: four
 * bytes per posting instead of a growing JS array per term, and no garbage while building.
 */
export function indexTerms(sentences: readonly Sentence[], dictionary: TermDictionary): TermIndex {
  let size = dictionary.terms.length;
  let counts: Int32Array = new Int32Array(size);
  let lastSentence: Int32Array = new Int32Array(size).fill(-1);
  let lastArticle: Int32Array = new Int32Array(size).fill(-1);
  let articles: Int32Array = new Int32Array(size);
  for (const s of sentences) {
    eachTermId(s, dictionary, (id) => {
      if (id >= size) {
        // A sentence not analysed by this dictionary added terms: grow the tables.
        size = dictionary.terms.length;
        counts = grown(counts, size, 0);
        lastSentence = grown(lastSentence, size, -1);
        lastArticle = grown(lastArticle, size, -1);
        articles = grown(articles, size, 0);
      }
      if (lastSentence[id] !== s.id) {
        lastSentence[id] = s.id;
        counts[id]!++;
      }
      if (lastArticle[id] !== s.articleId) {
        lastArticle[id] = s.articleId;
        articles[id]!++;
      }
    });
  }
  const start = new Int32Array(size + 1);
  for (let i = 0; i < size; i++) start[i + 1] = start[i]! + counts[i]!;
  const all = new Int32Array(start[size]!);
  const fill = start.slice(0, size);
  lastSentence.fill(-1);
  for (const s of sentences) {
    eachTermId(s, dictionary, (id) => {
      if (lastSentence[id] === s.id) return;
      lastSentence[id] = s.id;
      all[fill[id]!++] = s.id;
    });
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

function grown(array: Int32Array, size: number, fill: number): Int32Array {
  const next = new Int32Array(size).fill(fill);
  next.set(array);
  return next;
}
