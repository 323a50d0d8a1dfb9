import type { LocalTerms } from './local-terms.ts';
import { overlapScore, type Weigh } from './similarity.ts';

/**
 * The content terms of a set of sentences as small integer ids, with their weights looked up
 * once. Comparing two sentences is then array work instead of building sets of strings, which
 * is what keeps grouping a few hundred sentences fast.
 */
export interface TermSpace {
  /**
   * Distinct term ids of every sentence, sentence after sentence, each sentence's in order of first
   * occurrence (the order a Set keeps). Flat, as in LocalTerms.
   */
  bags: Int32Array;
  /** Sentence i's ids are `bags[bagStart[i]]` up to `bags[bagStart[i + 1]]`. */
  bagStart: Int32Array;
  /** Number of distinct terms. */
  size: number;
  /** The weight of each term id. */
  weights: ArrayLike<number>;
  /**
   * `weightedOverlap` of sentences `a` and `b` (see similarity.ts), computed in the same order so
   * the result is the same to the last bit.
   */
  overlap(a: number, b: number): number;
  /** `overlap(a, b)` from the summed weight and the number of the terms the two share, found elsewhere. */
  overlapOfShared(a: number, b: number, shared: number, sharedCount: number): number;
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
  const count = local.start.length - 1;
  const bags = new Int32Array(local.ids.length);
  const bagStart = new Int32Array(count + 1);
  const totals = new Float64Array(count);
  let n = 0;
  for (let i = 0; i < count; i++) {
    if (++stamp === 0xffffffff) mark.fill((stamp = 0));
    let total = 0;
    for (let k = local.start[i]!; k < local.start[i + 1]!; k++) {
      const id = local.ids[k]!;
      if (mark[id] === stamp) continue;
      mark[id] = stamp;
      bags[n++] = id;
      total += weights[id]!;
    }
    totals[i] = total;
    bagStart[i + 1] = n;
  }
  const markBag = (i: number) => {
    if (++stamp === 0xffffffff) mark.fill((stamp = 0));
    for (let k = bagStart[i]!; k < bagStart[i + 1]!; k++) mark[bags[k]!] = stamp;
  };
  const bagSize = (i: number) => bagStart[i + 1]! - bagStart[i]!;

  const overlap = (a: number, b: number): number => {
    // Not a destructured pair: an array made per comparison was most of what a query allocated.
    const small = bagSize(a) <= bagSize(b) ? a : b;
    const large = small === a ? b : a;
    markBag(large);
    let shared = 0;
    let sharedCount = 0;
    for (let k = bagStart[small]!; k < bagStart[small + 1]!; k++) {
      const id = bags[k]!;
      if (mark[id] === stamp) {
        shared += weights[id]!;
        sharedCount++;
      }
    }
    return overlapOfShared(a, b, shared, sharedCount);
  };
  const overlapOfShared = (a: number, b: number, shared: number, sharedCount: number): number => {
    const aIsSmall = bagSize(a) <= bagSize(b);
    return overlapScore(shared, sharedCount, totals[aIsSmall ? a : b]!, totals[aIsSmall ? b : a]!);
  };

  const cosine = (a: number, b: number): number => {
    if (bagSize(a) === 0 || bagSize(b) === 0) return 0;
    markBag(a);
    let shared = 0;
    for (let k = bagStart[b]!; k < bagStart[b + 1]!; k++) if (mark[bags[k]!] === stamp) shared++;
    return shared / Math.sqrt(bagSize(a) * bagSize(b));
  };

  return { bags, bagStart, size, weights, overlap, overlapOfShared, cosine };
}
