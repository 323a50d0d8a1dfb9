/**
 * Concepts are what a summary should cover: content words and pairs of adjacent content
 * words. A concept that several outlets mention is worth more, which is how a fact that
 * five outlets reported outranks an aside that one of them made.
 */

const PACK = 2 ** 15;

export interface ConceptSource {
  article: number;
  relevance: number;
  terms: readonly string[];
}

export interface ConceptTable {
  /** Each source's distinct concepts as ids: its words in order, then its pairs in order. */
  concepts: Int32Array[];
  /** Weight of each concept id. */
  weights: Float64Array;
}

/**
 * Concepts of the sources as small integer ids, numbered in order of first appearance, with
 * their weights: the sum, over articles (in the order first met), of the best relevance of a
 * sentence of that article carrying the concept. Pairs count double since they pin down a
 * claim, not a word. `singleSourceWeight` scales concepts only one article carries: for a
 * summary of many articles as a whole, what only one of them says is mostly noise.
 */
export function conceptTable(sources: readonly ConceptSource[], singleSourceWeight: number): ConceptTable {
  const ids = new Map<string, number>();
  const pairIds = new Map<number, number>();
  const isPair: boolean[] = [];
  const stamp: number[] = [];
  // Per concept, the articles carrying it as a linked list of entries, in the order first met.
  const head: number[] = [];
  const tail: number[] = [];
  const entryArticle: number[] = [];
  const entryBest: number[] = [];
  const entryNext: number[] = [];
  const intern = (key: string): number => {
    let id = ids.get(key);
    if (id === undefined) {
      ids.set(key, (id = isPair.length));
      isPair.push(key.includes(' '));
      stamp.push(-1);
      head.push(-1);
      tail.push(-1);
    }
    return id;
  };
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
    e = entryArticle.push(article) - 1;
    entryBest.push(Math.max(0, relevance));
    entryNext.push(-1);
    if (head[c]! < 0) head[c] = e;
    else entryNext[tail[c]!] = e;
    tail[c] = e;
  };

  const concepts = sources.map((s, i) => {
    const own: number[] = [];
    const termIds = s.terms.map(intern);
    for (const c of termIds) {
      if (stamp[c] === i) continue;
      stamp[c] = i;
      own.push(c);
    }
    for (let k = 1; k < termIds.length; k++) {
      const [a, b] = [termIds[k - 1]!, termIds[k]!];
      // Small ids pack into one small integer key; past that, the pair is looked up by its text.
      const key = a < PACK && b < PACK ? a * PACK + b : -1;
      let c = key < 0 ? undefined : pairIds.get(key);
      if (c === undefined) {
        c = intern(`${s.terms[k - 1]} ${s.terms[k]}`);
        if (key >= 0) pairIds.set(key, c);
      }
      if (stamp[c] === i) continue;
      stamp[c] = i;
      own.push(c);
    }
    for (const c of own) carry(c, s.article, s.relevance);
    return Int32Array.from(own);
  });

  const weights = new Float64Array(isPair.length);
  for (let c = 0; c < weights.length; c++) {
    const single = entryNext[head[c]!] === -1;
    const scale = single ? singleSourceWeight : 1;
    if (scale === 0) continue;
    let w = 0;
    for (let e = head[c]!; e >= 0; e = entryNext[e]!) w += entryBest[e]! * scale;
    weights[c] = isPair[c] ? 2 * w : w;
  }
  return { concepts, weights };
}
