/**
 * Seeded randomness for the synthetic speed corpus. Math.random would make every run a different
 * corpus, and figures from different corpora cannot be compared.
 */

/** A pseudo-random source: `next()` is uniform in [0, 1). */
export interface Random {
  next(): number;
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** Index drawn from cumulative weights (see {@link cumulative}). */
  weighted(cumulativeWeights: readonly number[]): number;
  shuffle<T>(items: T[]): T[];
}

/** Mixes several integers into one 32-bit seed, so article i's draws do not depend on article i-1's. */
export function mixSeed(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
  }
  return h >>> 0;
}

/** Mulberry32: tiny, fast and good enough to pick sentences; not for anything cryptographic. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    weighted(cumulativeWeights) {
      const total = cumulativeWeights[cumulativeWeights.length - 1]!;
      const x = next() * total;
      let lo = 0;
      let hi = cumulativeWeights.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulativeWeights[mid]! > x) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    },
    shuffle(items) {
      for (let i = items.length - 1; i > 0; i--) {
        const j = int(0, i);
        [items[i], items[j]] = [items[j]!, items[i]!];
      }
      return items;
    },
  };
}

/** Running sums of Zipf weights 1/rank^s for `count` ranks: rank 1 is drawn most, the tail rarely. */
export function zipfCumulative(count: number, s = 1): number[] {
  const sums: number[] = [];
  let total = 0;
  for (let rank = 1; rank <= count; rank++) sums.push((total += 1 / rank ** s));
  return sums;
}
