import { PairTable } from '../pair-table.ts';

/**
 * Concepts are what a summary should cover: content words and pairs of adjacent content
 * words. A concept that several outlets mention is worth more, which is how a fact that
 * five outlets reported outranks an aside that one of them made.
 */

export interface ConceptSource {
  article: number;
  relevance: number;
  /** The sentence's terms as small ids, in order, repeats kept (see local-terms.ts). */
  terms: Int32Array;
}

export interface ConceptTable {
  /** Each source's distinct concepts as ids: its words in order, then its pairs in order. */
  concepts: Int32Array[];
  /** Weight of each concept id. */
  weights: Float64Array;
}

/**
 * Concepts of the sources as small integer ids, with their weights: the sum, over articles (in
 * the order first met), of the best relevance of a sentence of that article carrying the concept.
 * A term keeps its id; pairs follow, from `termCount` on. Pairs count double since they pin down a
 * claim, not a word. `singleSourceWeight` scales concepts only one article carries: for a
 * summary of many articles as a whole, what only one of them says is mostly noise.
 */
export function conceptTable(sources: readonly ConceptSource[], termCount: number, singleSourceWeight: number): ConceptTable {
  let conceptCount = termCount;
  // Sized once from what the sources hold, at most: each term occurrence adds at most one pair,
  // and each concept of a sentence at most one entry. Grown arrays allocated several times that.
  let occurrences = 0;
  for (const s of sources) occurrences += s.terms.length;
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
  const runs = sources.filter((s, i) => i === 0 || s.article !== sources[i - 1]!.article).length;
  const contiguous = runs === new Set(sources.map((s) => s.article)).size;
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
  const concepts = sources.map((s, i) => {
    const terms = s.terms;
    const own = new Int32Array(2 * terms.length);
    let n = 0;
    for (const c of terms) {
      if (stamp[c] === i) continue;
      stamp[c] = i;
      own[n++] = c;
    }
    for (let k = 1; k < terms.length; k++) {
      let c = pairs.get(terms[k - 1]!, terms[k]!);
      if (c < 0) pairs.set(terms[k - 1]!, terms[k]!, (c = conceptCount++));
      if (stamp[c] === i) continue;
      stamp[c] = i;
      own[n++] = c;
    }
    for (let k = 0; k < n; k++) carry(own[k]!, s.article, s.relevance);
    return own.subarray(0, n);
  });

  const weights = new Float64Array(conceptCount);
  for (let c = 0; c < weights.length; c++) {
    const single = entryNext[head[c]!] === -1;
    const scale = single ? singleSourceWeight : 1;
    if (scale === 0) continue;
    let w = 0;
    for (let e = head[c]!; e >= 0; e = entryNext[e]!) w += entryBest[e]! * scale;
    weights[c] = c >= termCount ? 2 * w : w;
  }
  return { concepts, weights };
}
