import type { Corpus } from '../corpus.ts';
import type { Sentence } from '../types.ts';
import { StoredSentence, termEndAt, termStartAt, type Table } from '../stored-sentence.ts';
import { termDictionary } from '../term-dictionary.ts';
import { overlapScore, type Weigh } from './similarity.ts';

const weightTables = new WeakMap<Weigh, Float64Array>();

/**
 * `weightedOverlap(leader's terms, other's terms)` over term ids, for comparing one leader with
 * thousands of sentences: no strings decoded, no sets built, each term weighed once per weigher.
 * The sums run in the same order as over the sets, so the result is the same to the last bit.
 * Undefined when the leader is not a stored sentence.
 */
export interface LeaderOverlap {
  (other: Sentence): number | undefined;
  /** The same for the corpus sentence `id`, without making the sentence. */
  byId(id: number): number;
}

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

  const compare = (table: Table, start: number, end: number): number => {
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
      // weightOf, inlined: a call per term returned its weight boxed, a heap number per term.
      let w = weightById[id]!;
      if (Number.isNaN(w)) weightById[id] = w = weigh(dictionary.terms[id]!);
      otherTotal += w;
      if (leader[id] === leaderStamp) {
        sharedInOtherOrder += w;
        sharedCount++;
      }
    }
    if (otherSize < leaderIds.length) return overlapScore(sharedInOtherOrder, sharedCount, otherTotal, leaderTotal);
    // The leader is the smaller side (or ties): its shared weights add up in its own order.
    let shared = 0;
    for (let k = 0; k < leaderIds.length; k++) if (seen[leaderIds[k]!] === stamp) shared += leaderWeights[k]!;
    return overlapScore(shared, sharedCount, leaderTotal, otherTotal);
  };
  const overlap = (other: Sentence): number | undefined => {
    const table = StoredSentence.termTable(other);
    return table && compare(table, StoredSentence.termStart(other), StoredSentence.termEnd(other));
  };
  return Object.assign(overlap, {
    byId(id: number): number {
      const a = corpus.articleOf[id]!;
      const t = corpus.texts[a]!;
      const position = id - corpus.firstSentence[a]!;
      return compare(t.table, termStartAt(t, position), termEndAt(t, position));
    },
  });
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
