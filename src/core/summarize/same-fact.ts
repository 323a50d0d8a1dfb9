import type { Corpus } from '../index/snapshot.ts';
import type { Sentence } from '../types.ts';
import { SAME_FACT, weightedOverlap, type Weigh } from './similarity.ts';
import { overlapWithLeader } from './id-overlap.ts';
import { byCodeUnits } from '../text/code-order.ts';
import type { ProbingScratch, QueryScratch } from '../index/query-scratch.ts';

const PROBE_TERMS = 4;
const MAX_PROBED = 5000;

/**
 * The ids, ascending, of every sentence in the corpus that tells the same fact as `leader`, wherever it stands:
 * an outlet that reported the fact in a paragraph the topic search did not reach still
 * counts as a source. Probes only the postings of the leader's rarest terms, so the cost
 * stays small on a large corpus.
 */
export function sameFactElsewhere(corpus: Corpus, scratch: QueryScratch, leader: Sentence, weigh: Weigh): number[] {
  const terms = new Set(leader.terms);
  const probes = [...terms].sort((a, b) => weigh(b) - weigh(a) || byCodeUnits(a, b)).slice(0, PROBE_TERMS);
  return confirmed(corpus, scratch, leader, terms, sharing(corpus, scratch.probing, probes, 2, MAX_PROBED), weigh);
}

/**
 * The ids, ascending, of every sentence in the corpus that tells the same fact as `leader`, found exhaustively: each
 * sentence sharing three of its terms (the least `weightedOverlap` counts) is compared. Dearer than
 * `sameFactElsewhere` on a large corpus, but it misses no outlet, not even one that told the fact
 * in a few common words; a summary of a whole collection has a handful of items to check.
 */
export function sameFactAnywhere(corpus: Corpus, scratch: QueryScratch, leader: Sentence, weigh: Weigh): number[] {
  const terms = new Set(leader.terms);
  return confirmed(corpus, scratch, leader, terms, sharing(corpus, scratch.probing, terms, 3, Infinity), weigh);
}

/**
 * The first `count` sentences of `scratch.probing.found` (from `sharing`) that, compared in full, tell the same
 * fact as `leader`. Ids, not sentences: a wire story run by thousands of articles would make
 * thousands of objects per item.
 */
function confirmed(corpus: Corpus, scratch: QueryScratch, leader: Sentence, terms: Set<string>, count: number, weigh: Weigh): number[] {
  const found = scratch.probing.found;
  let n = 0;
  for (let k = 0; k < count; k++) if (found[k] !== leader.id) found[n++] = found[k]!;
  const others = found.subarray(0, n);
  const overlap = overlapWithLeader(corpus, scratch.overlap, leader, weigh);
  // Compared by id: most candidates are not the same fact, and need no sentence made.
  let same: number[];
  if (overlap) same = overlap.reaching(others, SAME_FACT);
  else {
    same = [];
    for (const id of others) if (weightedOverlap(terms, new Set(corpus.sentences.at(id).terms), weigh) >= SAME_FACT) same.push(id);
  }
  return same.sort((a, b) => a - b);
}

/**
 * The sentences in at least `enough` of the terms' postings, in the order first met, written into
 * `scratch.found`; returns how many. Once `most` sentences are met, a list is read only up to its
 * first sentence not met yet. Counts in `scratch.counts`, zeroed again before it returns.
 */
function sharing(corpus: Corpus, scratch: ProbingScratch, terms: Iterable<string>, enough: number, most: number): number {
  if (scratch.counts.length < corpus.sentences.length) scratch.counts = new Uint8Array(Math.max(corpus.sentences.length, 2 * scratch.counts.length));
  const counts = scratch.counts;
  let met = scratch.met;
  let metCount = 0;
  try {
    for (const term of terms) {
      const list = corpus.postings.get(term);
      if (!list) continue;
      for (let k = 0; k < list.length; k++) {
        const id = list[k]!;
        const n = counts[id]!;
        if (n === 0) {
          if (metCount >= most) break;
          if (metCount === met.length) {
            const grown = new Int32Array(2 * met.length);
            grown.set(met);
            scratch.met = met = grown;
          }
          met[metCount++] = id;
        }
        if (n < enough) counts[id] = n + 1;
      }
    }
    if (scratch.found.length < metCount) scratch.found = new Int32Array(met.length);
    const found = scratch.found;
    let n = 0;
    for (let k = 0; k < metCount; k++) if (counts[met[k]!] === enough) found[n++] = met[k]!;
    return n;
  } finally {
    for (let k = 0; k < metCount; k++) counts[met[k]!] = 0;
  }
}
