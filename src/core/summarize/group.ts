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
  const leadersWith: number[][] = Array.from({ length: space.size }, () => []);
  const shared = new Int32Array(ranked.length);
  const touched: number[] = [];
  for (const s of ranked) {
    for (const id of space.bags[s]!) {
      for (const g of leadersWith[id]!) {
        if (shared[g] === 0) touched.push(g);
        shared[g] = shared[g]! + 1;
      }
    }
    touched.sort((a, b) => a - b);
    let home: IndexGroup | undefined;
    for (const g of touched) {
      if (!home && shared[g]! >= 3 && space.overlap(groups[g]!.leader, s) >= threshold) home = groups[g];
      shared[g] = 0;
    }
    touched.length = 0;
    if (home) home.members.push(s);
    else {
      for (const id of space.bags[s]!) leadersWith[id]!.push(groups.length);
      groups.push({ leader: s, members: [s] });
    }
  }
  return groups;
}
