/** Term weights: rarer terms say more about what a sentence claims. */
export type Weigh = (term: string) => number;

/** Two sentences this close (by `weightedOverlap`) tell one fact, whatever words each outlet chose. */
export const SAME_FACT = 0.6;

/**
 * How much of the smaller sentence the larger one also says, weighted by term rarity.
 * An overlap coefficient rather than cosine because outlets pad the same fact with
 * different attributions and asides: "seized Ghazni Thursday, just 150 kilometres from
 * Kabul, their most important gain..." still tells the short "captured Ghazni, 150
 * kilometres from Kabul".
 */
export function weightedOverlap(a: ReadonlySet<string>, b: ReadonlySet<string>, weigh: Weigh): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  let sharedCount = 0;
  let smallTotal = 0;
  let largeTotal = 0;
  for (const term of small) {
    const w = weigh(term);
    smallTotal += w;
    if (large.has(term)) {
      shared += w;
      sharedCount++;
    }
  }
  for (const term of large) largeTotal += weigh(term);
  return overlapScore(shared, sharedCount, smallTotal, largeTotal);
}

/** The overlap coefficient from its sums; shared by the Set and the integer-id versions. */
export function overlapScore(shared: number, sharedCount: number, smallTotal: number, largeTotal: number): number {
  // Three shared terms at least: two short sentences about "the Taliban" and "Kabul" are not one fact.
  if (sharedCount < 3 || smallTotal === 0) return 0;
  // A very short sentence inside a long one tells only a sliver of it; damp by size ratio.
  const balance = Math.min(1, (2 * smallTotal) / largeTotal);
  return (shared / smallTotal) * (0.75 + 0.25 * balance);
}

/** Cosine similarity of two term bags, for redundancy between sentences. */
export function cosine(a: ReadonlySet<string>, b: ReadonlySet<string>, weigh: Weigh): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const t of a) {
    const w = weigh(t);
    na += w * w;
    if (b.has(t)) dot += w * w;
  }
  for (const t of b) {
    const w = weigh(t);
    nb += w * w;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}
