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
  const inLeader = new Set<number>();
  const leaderIds: number[] = [];
  for (let i = range.start; i < range.end; i++) {
    const id = range.ids[i]!;
    if (!inLeader.has(id)) {
      inLeader.add(id);
      leaderIds.push(id);
    }
  }
  let leaderTotal = 0;
  for (const id of leaderIds) leaderTotal += weightOf(id);
  const seen = new Map<number, number>();
  let stamp = 0;
  const otherIds: number[] = [];

  return (other) => {
    const own = StoredSentence.termRange(other);
    if (!own) return undefined;
    stamp++;
    otherIds.length = 0;
    for (let i = own.start; i < own.end; i++) {
      const id = own.ids[i]!;
      if (seen.get(id) !== stamp) {
        seen.set(id, stamp);
        otherIds.push(id);
      }
    }
    const inOther = (id: number) => seen.get(id) === stamp;
    const leaderSmall = leaderIds.length <= otherIds.length;
    const { shared, sharedCount, smallTotal } = leaderSmall
      ? sharedSums(leaderIds, weightOf, inOther)
      : sharedSums(otherIds, weightOf, (id) => inLeader.has(id));
    let largeTotal = leaderTotal;
    if (leaderSmall) {
      largeTotal = 0;
      for (const id of otherIds) largeTotal += weightOf(id);
    }
    return overlapScore(shared, sharedCount, smallTotal, largeTotal);
  };
}
