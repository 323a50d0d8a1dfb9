import type { Corpus } from '../index/snapshot.ts';
import type { Sentence } from '../types.ts';
import { StoredSentence, readTermRanges, type Table, type TermRanges } from '../packed/stored-sentence.ts';
import { termDictionary } from '../packed/term-dictionary.ts';
import { overlapScore, type Weigh } from './similarity.ts';

/**
 * Per weigher, three numbers per term id side by side: its weight (0 until weighed), the stamp of
 * the last sentence that had it, and the stamp of the last leader that had it. Side by side because
 * a comparison reads all three for each term of a sentence found anywhere in the corpus: in three
 * arrays of a few megabytes each that was three cache misses per term, most of a /summary's time.
 * Zero, not NaN, marks a weight not yet known: a new table needs no pass to fill it (slow while the
 * code is still interpreted, in a summary of a few documents), and a weight that is 0 is weighed again.
 */
const termTables = new WeakMap<Weigh, Float64Array>();
const WEIGHT = 0;
const SEEN = 1;
const LEADER = 2;
const SLOTS = 3;
/**
 * Stamps only grow, across tables too, so a new one clears every mark for free (doubles: no wrap).
 * Queries run one at a time, and a leader's marks stay valid while its comparisons run.
 */
let lastStamp = 0;

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
 * Sentences compared per batch: their term ranges are read in passes (`readTermRanges`), and a
 * batch's rows and term ids (a few cache lines a sentence) still fit in the processor's cache
 * when the comparisons read them.
 */
const BATCH = 1024;
const batchArticles = new Int32Array(BATCH);
const batchPositions = new Int32Array(BATCH);
const batchStarts = new Int32Array(BATCH);
const batchEnds = new Int32Array(BATCH);

/** Undefined when the leader is not a stored sentence. */
export function overlapWithLeader(corpus: Corpus, leader: Sentence, weigh: Weigh): LeaderOverlap | undefined {
  const range = StoredSentence.termRange(leader);
  if (!range) return undefined;
  const dictionary = termDictionary(corpus.lexicon);
  let table = termTables.get(weigh);
  if (!table || table.length < SLOTS * dictionary.terms.length) {
    const grown = new Float64Array(SLOTS * dictionary.terms.length);
    if (table) grown.set(table);
    termTables.set(weigh, (table = grown));
  }
  const terms = table;
  const weightOf = (id: number) => {
    let w = terms[SLOTS * id + WEIGHT]!;
    if (w === 0) terms[SLOTS * id + WEIGHT] = w = weigh(dictionary.terms[id]!);
    return w;
  };
  const leaderStamp = ++lastStamp;
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
    const stamp = ++lastStamp;
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
    const found: number[] = [];
    // A new array per call: kept, it would hold on to tables (and the buffers they are cut from)
    // of a snapshot a reload has dropped.
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
