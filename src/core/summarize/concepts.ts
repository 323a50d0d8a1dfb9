import { PairTable } from '../packed/pair-table.ts';
import type { LocalTerms } from './local-terms.ts';

/**
 * Concepts are what a summary should cover: content words and pairs of adjacent content
 * words. A concept that several outlets mention is worth more, which is how a fact that
 * five outlets reported outranks an aside that one of them made.
 */

/** The sentences to weigh: their terms, and per sentence its article (any number that tells articles apart) and its relevance. */
export interface ConceptSources {
  terms: LocalTerms;
  articles: ArrayLike<number>;
  relevance: ArrayLike<number>;
}

export interface ConceptTable {
  /**
   * Each sentence's distinct concepts as ids, its words in order then its pairs in order; flat,
   * as in LocalTerms: sentence i's are `concepts[start[i]]` up to `concepts[start[i + 1]]`.
   */
  concepts: Int32Array;
  start: Int32Array;
  /** Weight of each concept id. */
  weights: Float64Array;
}

/**
 * Concepts of the sentences as small integer ids, with their weights: the sum, over articles (in
 * the order first met), of the best relevance of a sentence of that article carrying the concept.
 * A term keeps its id; pairs follow, from the term count on. Pairs count double since they pin down a
 * claim, not a word. `singleSourceWeight` scales concepts only one article carries: for a
 * summary of many articles as a whole, what only one of them says is mostly noise.
 */
export function conceptTable({ terms: local, articles, relevance }: ConceptSources, singleSourceWeight: number): ConceptTable {
  const termCount = local.terms.length;
  const count = local.start.length - 1;
  let conceptCount = termCount;
  // Sized once from what the sentences hold, at most: each term occurrence adds at most one pair,
  // and each concept of a sentence at most one entry. Grown arrays allocated several times that.
  const occurrences = local.ids.length;
  const stamp = new Int32Array(termCount + occurrences).fill(-1);
  // Per concept, the articles carrying it as a linked list of entries, in the order first met.
  const head = new Int32Array(termCount + occurrences).fill(-1);
  const tail = new Int32Array(termCount + occurrences).fill(-1);
  const entryArticle = new Int32Array(2 * occurrences);
  const entryBest = new Float64Array(2 * occurrences);
  const entryNext = new Int32Array(2 * occurrences);
  let entries = 0;
  const pairs = new PairTable(occurrences);
  // Sentences usually come article by article: then an article that is not the last one met is new.
  let runs = 0;
  const distinct = new Set<number>();
  for (let i = 0; i < count; i++) {
    if (i === 0 || articles[i] !== articles[i - 1]) runs++;
    distinct.add(articles[i]!);
  }
  const contiguous = runs === distinct.size;
  const carry = (c: number, article: number, relevance: number) => {
    let e = tail[c]!;
    if (e >= 0 && entryArticle[e] !== article) {
      if (contiguous) e = -1;
      else for (e = head[c]!; e >= 0 && entryArticle[e] !== article; e = entryNext[e]!);
    }
    if (e >= 0) {
      entryBest[e] = Math.max(entryBest[e]!, relevance);
      return;
    }
    e = entries++;
    entryArticle[e] = article;
    entryBest[e] = Math.max(0, relevance);
    entryNext[e] = -1;
    if (head[c]! < 0) head[c] = e;
    else entryNext[tail[c]!] = e;
    tail[c] = e;
  };

  // A sentence's concepts, its terms then its pairs: fewer than twice its terms.
  const concepts = new Int32Array(2 * occurrences);
  const start = new Int32Array(count + 1);
  let n = 0;
  for (let i = 0; i < count; i++) {
    const from = local.start[i]!;
    const to = local.start[i + 1]!;
    for (let k = from; k < to; k++) {
      const c = local.ids[k]!;
      if (stamp[c] === i) continue;
      stamp[c] = i;
      concepts[n++] = c;
    }
    for (let k = from + 1; k < to; k++) {
      const a = local.ids[k - 1]!;
      const b = local.ids[k]!;
      let c = pairs.get(a, b);
      if (c < 0) pairs.set(a, b, (c = conceptCount++));
      if (stamp[c] === i) continue;
      stamp[c] = i;
      concepts[n++] = c;
    }
    for (let k = start[i]!; k < n; k++) carry(concepts[k]!, articles[i]!, relevance[i]!);
    start[i + 1] = n;
  }

  const weights = new Float64Array(conceptCount);
  for (let c = 0; c < weights.length; c++) {
    const single = entryNext[head[c]!] === -1;
    const scale = single ? singleSourceWeight : 1;
    if (scale === 0) continue;
    let w = 0;
    for (let e = head[c]!; e >= 0; e = entryNext[e]!) w += entryBest[e]! * scale;
    weights[c] = c >= termCount ? 2 * w : w;
  }
  return { concepts, start, weights };
}
