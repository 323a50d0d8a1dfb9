import type { Corpus } from '../corpus.ts';
import type { Sentence } from '../types.ts';
import { StoredSentence, termEndAt, termStartAt } from '../stored-sentence.ts';
import { termDictionary } from '../term-dictionary.ts';
import { overlapScore, type Weigh } from './similarity.ts';

const weightTables = new WeakMap<Weigh, Float64Array>();

/**
 * `weightedOverlap(leader's terms, other's terms) >= threshold` over term ids, for comparing one
 * leader with thousands of corpus sentences: no sentence made, no strings decoded, no sets built,
 * each term weighed once per weigher. The sums run in the same order as over the sets, so the
 * overlap is the same to the last bit. A yes or no rather than the overlap: a number returned from
 * a call that is not inlined is allocated, one per comparison.
 */
export interface LeaderOverlap {
  reaches(id: number, threshold: number): boolean;
}

/** Undefined when the leader is not a stored sentence. */
export function overlapWithLeader(corpus: Corpus, leader: Sentence, weigh: Weigh): LeaderOverlap | undefined {
  const range = StoredSentence.termRange(leader);
  if (!range) return undefined;
  const dictionary = termDictionary(corpus.lexicon);
  let weights = weightTables.get(weigh);
  if (!weights || weights.length < dictionary.terms.length) {
    const grown = new Float64Array(dictionary.terms.length).fill(NaN);
    if (weights) grown.set(weights);
    weightTables.set(weigh, (weights = grown));
  }
  const weightById = weights;
  const weightOf = (id: number) => {
    let w = weightById[id]!;
    if (Number.isNaN(w)) weightById[id] = w = weigh(dictionary.terms[id]!);
    return w;
  };
  const marks = scratch(dictionary.terms.length);
  const leaderStamp = ++marks.stamp;
  const leaderIds: number[] = [];
  for (let i = range.start; i < range.end; i++) {
    const id = range.ids[i]!;
    if (marks.leader[id] !== leaderStamp) {
      marks.leader[id] = leaderStamp;
      leaderIds.push(id);
    }
  }
  const leaderWeights = leaderIds.map(weightOf);
  let leaderTotal = 0;
  for (const w of leaderWeights) leaderTotal += w;

  const reaches = (sentenceId: number, threshold: number): boolean => {
    const a = corpus.articleOf[sentenceId]!;
    const t = corpus.texts[a]!;
    const position = sentenceId - corpus.firstSentence[a]!;
    const table = t.table;
    const start = termStartAt(t, position);
    const end = termEndAt(t, position);
    const stamp = ++marks.stamp;
    const { seen, leader } = marks;
    // One pass over the other sentence's distinct terms, in order: its total, and what it shares
    // with the leader summed in its own order (right when it is the smaller side).
    let otherSize = 0;
    let otherTotal = 0;
    let sharedInOtherOrder = 0;
    let sharedCount = 0;
    for (let i = start; i < end; i++) {
      const id = table[i]!;
      if (seen[id] === stamp) continue;
      seen[id] = stamp;
      otherSize++;
      // weightOf, inlined: a call per term returned its weight boxed, a heap number per term. A
      // new weight is read back from the array: were `w` ever the call's result, the optimizer
      // would box every term's weight to hold either.
      if (Number.isNaN(weightById[id]!)) weightById[id] = weigh(dictionary.terms[id]!);
      const w = weightById[id]!;
      otherTotal += w;
      if (leader[id] === leaderStamp) {
        sharedInOtherOrder += w;
        sharedCount++;
      }
    }
    if (otherSize < leaderIds.length) return overlapScore(sharedInOtherOrder, sharedCount, otherTotal, leaderTotal) >= threshold;
    // The leader is the smaller side (or ties): its shared weights add up in its own order.
    let shared = 0;
    for (let k = 0; k < leaderIds.length; k++) if (seen[leaderIds[k]!] === stamp) shared += leaderWeights[k]!;
    return overlapScore(shared, sharedCount, leaderTotal, otherTotal) >= threshold;
  };
  return { reaches };
}

/**
 * Marks by term id, reused by every comparison: a new stamp clears them for free. Queries run one
 * at a time, and a leader's marks stay valid while its comparisons run (stamps only grow).
 */
const marks = { leader: new Float64Array(0), seen: new Float64Array(0), stamp: 0 };
function scratch(size: number): typeof marks {
  if (marks.seen.length < size) {
    const length = Math.max(size, 2 * marks.seen.length);
    marks.leader = new Float64Array(length);
    marks.seen = new Float64Array(length);
  }
  return marks;
}
