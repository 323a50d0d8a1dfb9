import type { Sentence } from './types.ts';

/** Term -> ids of the sentences that contain it, ascending; views into one shared buffer. */
export interface Postings {
  get(term: string): Int32Array | undefined;
  /** Number of distinct terms. */
  readonly size: number;
}

export interface TermIndex {
  postings: Postings;
  /** Term -> number of articles that contain it. */
  articleFreq: Map<string, number>;
}

/**
 * Inverts the sentences' terms in two passes (count, then fill) into one Int32Array: a few
 * bytes per posting instead of a growing JS array per term, and no garbage while building.
 */
export function indexTerms(sentences: readonly Sentence[]): TermIndex {
  const ids = new Map<string, number>();
  const counts: number[] = [];
  const lastSentence: number[] = [];
  const lastArticle: number[] = [];
  const articles: number[] = [];
  for (const s of sentences) {
    for (const term of s.terms) {
      let id = ids.get(term);
      if (id === undefined) {
        ids.set(term, (id = counts.length));
        counts.push(0);
        lastSentence.push(-1);
        lastArticle.push(-1);
        articles.push(0);
      }
      if (lastSentence[id] !== s.id) {
        lastSentence[id] = s.id;
        counts[id]!++;
      }
      if (lastArticle[id] !== s.articleId) {
        lastArticle[id] = s.articleId;
        articles[id]!++;
      }
    }
  }
  const start = new Int32Array(counts.length + 1);
  for (let i = 0; i < counts.length; i++) start[i + 1] = start[i]! + counts[i]!;
  const all = new Int32Array(start[counts.length]!);
  const fill = start.slice(0, counts.length);
  lastSentence.fill(-1);
  for (const s of sentences) {
    for (const term of s.terms) {
      const id = ids.get(term)!;
      if (lastSentence[id] === s.id) continue;
      lastSentence[id] = s.id;
      all[fill[id]!++] = s.id;
    }
  }
  const articleFreq = new Map<string, number>();
  for (const [term, id] of ids) articleFreq.set(term, articles[id]!);
  return {
    postings: {
      get(term) {
        const id = ids.get(term);
        return id === undefined ? undefined : all.subarray(start[id]!, start[id + 1]!);
      },
      size: ids.size,
    },
    articleFreq,
  };
}
