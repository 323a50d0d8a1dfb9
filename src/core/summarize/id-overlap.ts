import type { Corpus } from '../corpus.ts';
import type { Sentence } from '../types.ts';
import { StoredSentence } from '../stored-sentence.ts';
import { termDictionary } from '../term-dictionary.ts';
import { overlapScore, sharedSums, type Weigh } from './similarity.ts';

const weightTables = new WeakMap<Weigh, Float64Array>();

/**
 * `weightedOverlap(leader's terms, other's terms)` over term ids, for comparing one leader with
 * thousands of sentences: no strings decoded, no sets built, each term weighed once per weigher.
 * The sums run in the same order as over the sets, so the result is the same to the last bit.
 * Undefined when the leader is not a stored sentence.
 */
export function overlapWithLeader(corpus: Corpus, leader: Sentence, weigh: Weigh): ((other: Sentence) => number | undefined) | undefined {
  const range = StoredSentence.termRange(leader);
  if (!range) return undefined;
  const dictionary = termDictionary(corpus.lexicon);
  let weights = weightTables.get(weigh);
  if (!weights || weights.length < dictionary.terms.length) {
    const grown = new Float64Array(dictionary.terms.length).fill(NaN);
    if (weights) grown.set(weights);
    weightTables.set(weigh, (weights = grown));
  }
  const table = weights;
  const weightOf = (id: number) => {
    let w = table[id]!;
    if (Number.isNaN(w)) table[id] = w = weigh(dictionary.terms[id]!);
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
  let leaderTotal = 0;
  for (const id of leaderIds) leaderTotal += weightOf(id);
  const otherIds: number[] = [];

  return (other) => {
    const table = StoredSentence.termTable(other);
    if (!table) return undefined;
    const stamp = ++marks.stamp;
    const { seen } = marks;
    otherIds.length = 0;
    for (let i = StoredSentence.termStart(other), end = StoredSentence.termEnd(other); i < end; i++) {
      const id = table[i]!;
      if (seen[id] !== stamp) {
        seen[id] = stamp;
        otherIds.push(id);
      }
    }
    const inOther = (id: number) => seen[id] === stamp;
    const leaderSmall = leaderIds.length <= otherIds.length;
    const { shared, sharedCount, smallTotal } = leaderSmall
      ? sharedSums(leaderIds, weightOf, inOther)
      : sharedSums(otherIds, weightOf, (id) => marks.leader[id] === leaderStamp);
    let largeTotal = leaderTotal;
    if (leaderSmall) {
      largeTotal = 0;
      for (const id of otherIds) largeTotal += weightOf(id);
    }
    return overlapScore(shared, sharedCount, smallTotal, largeTotal);
  };
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
