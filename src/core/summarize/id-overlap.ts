import type { Corpus } from '../index/snapshot.ts';
import type { Sentence } from '../types.ts';
import { StoredSentence, readTermRanges, type Table, type TermRanges } from '../packed/stored-sentence.ts';
import { termDictionary } from '../packed/term-dictionary.ts';
import { overlapScore, type Weigh } from './similarity.ts';
import { OVERLAP_BATCH as BATCH, type OverlapScratch } from '../index/query-scratch.ts';

/** The three numbers per term id side by side in `OverlapScratch.table`. */
const WEIGHT = 0;
const SEEN = 1;
const LEADER = 2;
const SLOTS = 3;

/**
 * `weightedOverlap(leader's terms, other's terms) >= threshold` over term ids, for comparing one
 * leader with thousands of corpus sentences: no sentence made, no strings decoded, no sets built,
 * each term weighed once per weigher. The sums run in the same order as over the sets, so the
 * overlap is the same to the last bit. Which sentences reach it rather than their overlaps: a
 * number returned from a call that is not inlined is allocated, one per comparison.
 */
export interface LeaderOverlap {
  /** Those of the sentences `ids` that reach `threshold`, in the same order. */
  reaching(ids: ArrayLike<number>, threshold: number): number[];
}

/**
 * Undefined when the leader is not a stored sentence. Marks terms in `scratch`: the leader's marks
 * must stay while its comparisons run, so use one at a time (a query's scratch is its own).
 */
export function overlapWithLeader(corpus: Corpus, scratch: OverlapScratch, leader: Sentence, weigh: Weigh): LeaderOverlap | undefined {
  const range = StoredSentence.termRange(leader);
  if (!range) return undefined;
  const dictionary = termDictionary(corpus.lexicon);
  // Zero, not NaN, marks a weight not yet known: a new table needs no pass to fill it (slow while
  // the code is still interpreted, in a summary of a few documents), and a weight that is 0 is weighed again.
  if (scratch.weighedBy !== weigh) {
    scratch.table = new Float64Array(SLOTS * dictionary.terms.length);
    scratch.weighedBy = weigh;
  } else if (scratch.table.length < SLOTS * dictionary.terms.length) {
    const grown = new Float64Array(SLOTS * dictionary.terms.length);
    grown.set(scratch.table);
    scratch.table = grown;
  }
  const terms = scratch.table;
  const weightOf = (id: number) => {
    let w = terms[SLOTS * id + WEIGHT]!;
    if (w === 0) terms[SLOTS * id + WEIGHT] = w = weigh(dictionary.terms[id]!);
    return w;
  };
  const leaderStamp = ++scratch.stamp;
  const leaderIds: number[] = [];
  for (let i = range.start; i < range.end; i++) {
    const id = range.ids[i]!;
    if (terms[SLOTS * id + LEADER] !== leaderStamp) {
      terms[SLOTS * id + LEADER] = leaderStamp;
      leaderIds.push(id);
    }
  }
  const leaderWeights = leaderIds.map(weightOf);
  let leaderTotal = 0;
  for (const w of leaderWeights) leaderTotal += w;

  /** Whether the sentence whose term ids are `ids[start..end)` reaches `threshold`. */
  const reaches = (ids: Table, start: number, end: number, threshold: number): boolean => {
    const stamp = ++scratch.stamp;
    // One pass over the other sentence's distinct terms, in order: its total, and what it shares
    // with the leader summed in its own order (right when it is the smaller side).
    let otherSize = 0;
    let otherTotal = 0;
    let sharedInOtherOrder = 0;
    let sharedCount = 0;
    for (let i = start; i < end; i++) {
      const at = SLOTS * ids[i]!;
      if (terms[at + SEEN] === stamp) continue;
      terms[at + SEEN] = stamp;
      otherSize++;
      // weightOf, inlined: a call per term returned its weight boxed, a heap number per term. A
      // new weight is read back from the array: were `w` ever the call's result, the optimizer
      // would box every term's weight to hold either.
      if (terms[at + WEIGHT] === 0) terms[at + WEIGHT] = weigh(dictionary.terms[ids[i]!]!);
      const w = terms[at + WEIGHT]!;
      otherTotal += w;
      if (terms[at + LEADER] === leaderStamp) {
        sharedInOtherOrder += w;
        sharedCount++;
      }
    }
    if (otherSize < leaderIds.length) return overlapScore(sharedInOtherOrder, sharedCount, otherTotal, leaderTotal) >= threshold;
    // The leader is the smaller side (or ties): its shared weights add up in its own order.
    let shared = 0;
    for (let k = 0; k < leaderIds.length; k++) if (terms[SLOTS * leaderIds[k]! + SEEN] === stamp) shared += leaderWeights[k]!;
    return overlapScore(shared, sharedCount, leaderTotal, otherTotal) >= threshold;
  };

  const reaching = (ids: ArrayLike<number>, threshold: number): number[] => {
    const { articles: batchArticles, positions: batchPositions, starts: batchStarts, ends: batchEnds } = scratch;
    const found: number[] = [];
    // A new array per call, not one in the scratch: kept, it would hold on to the tables it last
    // read (and the 256 KB slabs they are cut from) from one query to the next.
    const ranges: TermRanges = { tables: new Array<Table>(Math.min(BATCH, ids.length)), starts: batchStarts, ends: batchEnds };
    for (let from = 0; from < ids.length; from += BATCH) {
      const count = Math.min(BATCH, ids.length - from);
      for (let k = 0; k < count; k++) {
        const id = ids[from + k]!;
        const a = corpus.articleOf[id]!;
        batchArticles[k] = a;
        batchPositions[k] = id - corpus.firstSentence[a]!;
      }
      readTermRanges(corpus.texts, batchArticles, batchPositions, count, ranges);
      for (let k = 0; k < count; k++) {
        if (reaches(ranges.tables[k]!, batchStarts[k]!, batchEnds[k]!, threshold)) found.push(ids[from + k]!);
      }
    }
    return found;
  };
  return { reaching };
}
