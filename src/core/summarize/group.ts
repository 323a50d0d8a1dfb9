import type { TermSpace } from './term-space.ts';

/** Sentences (indexes into a term space) that tell one fact, led by the one that tells it best. */
export interface IndexGroup {
  leader: number;
  members: number[];
}

/**
 * Leader clustering: sentences come most valuable first, and each joins the first group (in the
 * order groups were opened) whose leader it repeats at `threshold` or more, else leads a new one.
 * Only leaders sharing three terms with the sentence can pass the overlap test, so an index from
 * term to leaders finds those few instead of comparing with every leader.
 */
export function groupByLeader(ranked: readonly number[], space: TermSpace, threshold: number): IndexGroup[] {
  const groups: IndexGroup[] = [];
  // Per term, the groups whose leader has it, as linked lists in flat arrays: most terms lead none.
  const first = new Int32Array(space.size).fill(-1);
  let capacity = 0;
  for (const s of ranked) capacity += space.bags[s]!.length;
  const entryGroup = new Int32Array(capacity);
  const entryNext = new Int32Array(capacity);
  let entries = 0;
  const shared = new Int32Array(ranked.length);
  // The groups a sentence shares a term with, then those sharing three: at most one per sentence.
  const touched = new Int32Array(ranked.length);
  // Typed, so sorting them copies nothing: sorting an array with a comparator copied it every time.
  const eligible = new Int32Array(ranked.length);
  for (const s of ranked) {
    let touchedCount = 0;
    for (const id of space.bags[s]!) {
      for (let e = first[id]!; e >= 0; e = entryNext[e]!) {
        const g = entryGroup[e]!;
        if (shared[g] === 0) touched[touchedCount++] = g;
        shared[g] = shared[g]! + 1;
      }
    }
    let eligibleCount = 0;
    for (let k = 0; k < touchedCount; k++) {
      const g = touched[k]!;
      if (shared[g]! >= 3) eligible[eligibleCount++] = g;
      shared[g] = 0;
    }
    if (eligibleCount > 1) eligible.subarray(0, eligibleCount).sort();
    let home: IndexGroup | undefined;
    for (let k = 0; k < eligibleCount; k++) {
      const g = eligible[k]!;
      if (space.overlap(groups[g]!.leader, s) >= threshold) {
        home = groups[g];
        break;
      }
    }
    if (home) home.members.push(s);
    else {
      for (const id of space.bags[s]!) {
        entryGroup[entries] = groups.length;
        entryNext[entries] = first[id]!;
        first[id] = entries++;
      }
      groups.push({ leader: s, members: [s] });
    }
  }
  return groups;
}
