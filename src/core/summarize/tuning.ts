/**
 * The constants of generic selection that were chosen on the DUC 2004 dev clusters, in one place so
 * that the benchmark can vary them (bench/quality-variants.ts cross-validates them, two-fold) and
 * nothing else has to. The bot never sets them: `GENERIC_TUNING` is what it runs with. What each
 * one means is said where it is used; docs/summarizer.md section 7 tells how each was chosen.
 */
export interface GenericTuning {
  /** Shorter sentences are not candidates (generic-items.ts): ICSI's floor of 10 words. */
  minWords: number;
  /** Two items whose words are this alike by cosine read as one thing said twice (generic-items.ts). */
  repeats: number;
  /** The main development's worth is divided by its length to this power (generic-items.ts). */
  mainLengthExponent: number;
  /** A concept counts once this many documents report it, to begin with (bigrams.ts): ICSI's 3. */
  minDocuments: number;
  /** A document's concept counts 1 + leadWeight / (1 + the position it first says it at) (bigrams.ts). */
  leadWeight: number;
  /** Two sentences tell one event when they share this share of the smaller one's event words (same-event.ts). */
  sameEventShare: number;
}

export const GENERIC_TUNING: Readonly<GenericTuning> = Object.freeze({
  minWords: 10,
  repeats: 0.5,
  mainLengthExponent: 0.75,
  minDocuments: 3,
  leadWeight: 1,
  sameEventShare: 0.5,
});
