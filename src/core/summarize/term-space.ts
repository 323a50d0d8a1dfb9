import type { LocalTerms } from './local-terms.ts';
import { overlapScore, type Weigh } from './similarity.ts';

/**
 * The content terms of a set of sentences as small integer ids, with their weights looked up
 * once. Comparing two sentences is then array work instead of building sets of strings, which
 * is what keeps grouping a few hundred sentences fast.
 */
export interface TermSpace {
  /** Distinct term ids of each sentence, in order of first occurrence (the order a Set keeps). */
  bags: Int32Array[];
  /** Number of distinct terms. */
  size: number;
  /**
   * `weightedOverlap` of sentences `a` and `b` (see similarity.ts), computed in the same order so
   * the result is the same to the last bit.
   */
  overlap(a: number, b: number): number;
  /** Plain cosine of the two term sets: shared terms over the geometric mean of their sizes. */
  cosine(a: number, b: number): number;
}

/** Builds the term space of some sentences' terms; indexes of the methods are positions in that list. */
export function termSpace(local: LocalTerms, weigh: Weigh): TermSpace {
  const size = local.terms.length;
  const weights = local.terms.map(weigh);
  // A stamp per term marks the members of the last bag looked at; a new stamp clears it for free.
  const mark = new Uint32Array(size);
  let stamp = 0;
  const bags = local.ids.map((ids) => {
    if (++stamp === 0xffffffff) mark.fill((stamp = 0));
    let n = 0;
    const bag = new Int32Array(ids.length);
    for (const id of ids) {
      if (mark[id] === stamp) continue;
      mark[id] = stamp;
      bag[n++] = id;
    }
    return n === bag.length ? bag : bag.subarray(0, n);
  });
  const totals = bags.map((bag) => {
    let total = 0;
    for (const id of bag) total += weights[id]!;
    return total;
  });
  const markBag = (bag: Int32Array) => {
    if (++stamp === 0xffffffff) mark.fill((stamp = 0));
    for (const id of bag) mark[id] = stamp;
  };

  const overlap = (a: number, b: number): number => {
    // Not a destructured pair: an array made per comparison was most of what a query allocated.
    const small = bags[a]!.length <= bags[b]!.length ? a : b;
    const large = small === a ? b : a;
    markBag(bags[large]!);
    let shared = 0;
    let sharedCount = 0;
    for (const id of bags[small]!) {
      if (mark[id] === stamp) {
        shared += weights[id]!;
        sharedCount++;
      }
    }
    return overlapScore(shared, sharedCount, totals[small]!, totals[large]!);
  };

  const cosine = (a: number, b: number): number => {
    const x = bags[a]!;
    const y = bags[b]!;
    if (x.length === 0 || y.length === 0) return 0;
    markBag(x);
    let shared = 0;
    for (const id of y) if (mark[id] === stamp) shared++;
    return shared / Math.sqrt(x.length * y.length);
  };

  return { bags, size, overlap, cosine };
}
