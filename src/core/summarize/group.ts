import type { TermSpace } from './term-space.ts';

/**
 * Groups of sentences (indexes into a term space) that tell one fact, each led by the one that
 * tells it best. Flat rather than an object and a member list per group: see local-terms.ts.
 */
export interface LeaderGroups {
  /** The leader of each group, in the order groups were opened. */
  leaders: Int32Array;
  /** The group of each sentence; a group's members come in the order the sentences were ranked. */
  groupOf: Int32Array;
}

/**
 * Leader clustering: sentences come most valuable first, and each joins the first group (in the
 * order groups were opened) whose leader it repeats at `threshold` or more, else leads a new one.
 * Only leaders sharing three terms with the sentence can pass the overlap test, so an index from
 * term to leaders finds those few instead of comparing with every leader.
 */
export function groupByLeader(ranked: ArrayLike<number>, space: TermSpace, threshold: number): LeaderGroups {
  const leaders = new Int32Array(ranked.length);
  const groupOf = new Int32Array(space.bagStart.length - 1).fill(-1);
  let groups = 0;
  // Per term, the groups whose leader has it, as linked lists in flat arrays: most terms lead none.
  const first = new Int32Array(space.size).fill(-1);
  const { bags, bagStart } = space;
  let capacity = 0;
  for (let r = 0; r < ranked.length; r++) capacity += bagStart[ranked[r]! + 1]! - bagStart[ranked[r]!]!;
  const entryGroup = new Int32Array(capacity);
  const entryNext = new Int32Array(capacity);
  let entries = 0;
  const shared = new Int32Array(ranked.length);
  const sharedWeight = new Float64Array(ranked.length);
  // The groups a sentence shares a term with, then those sharing three: at most one per sentence.
  const touched = new Int32Array(ranked.length);
  // Typed, so sorting them copies nothing: sorting an array with a comparator copied it every time.
  const eligible = new Int32Array(ranked.length);
  for (let r = 0; r < ranked.length; r++) {
    const s = ranked[r]!;
    let touchedCount = 0;
    for (let k = bagStart[s]!; k < bagStart[s + 1]!; k++) {
      const id = bags[k]!;
      for (let e = first[id]!; e >= 0; e = entryNext[e]!) {
        const g = entryGroup[e]!;
        if (shared[g] === 0) touched[touchedCount++] = g;
        shared[g] = shared[g]! + 1;
        sharedWeight[g] = sharedWeight[g]! + space.weights[id]!;
      }
    }
    // The lists name exactly the terms each leader shares with the sentence, so the overlap is
    // known from them, up to the order its shared weights are summed in: only a group that comes
    // within a hair of the threshold is compared term by term, to decide it exactly.
    let eligibleCount = 0;
    for (let k = 0; k < touchedCount; k++) {
      const g = touched[k]!;
      if (shared[g]! >= 3 && space.overlapOfShared(leaders[g]!, s, sharedWeight[g]!, shared[g]!) >= threshold - MARGIN) eligible[eligibleCount++] = g;
      shared[g] = 0;
      sharedWeight[g] = 0;
    }
    if (eligibleCount > 1) eligible.subarray(0, eligibleCount).sort();
    let home = -1;
    for (let k = 0; k < eligibleCount; k++) {
      const g = eligible[k]!;
      if (space.overlap(leaders[g]!, s) >= threshold) {
        home = g;
        break;
      }
    }
    if (home < 0) {
      for (let k = bagStart[s]!; k < bagStart[s + 1]!; k++) {
        const id = bags[k]!;
        entryGroup[entries] = groups;
        entryNext[entries] = first[id]!;
        first[id] = entries++;
      }
      leaders[(home = groups++)] = s;
    }
    groupOf[s] = home;
  }
  return { leaders: leaders.subarray(0, groups), groupOf };
}

/** Far more than summing the same weights in another order can move an overlap. */
const MARGIN = 1e-9;
