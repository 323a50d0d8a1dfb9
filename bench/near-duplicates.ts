/**
 * Redundancy inside one summary: how many sentence pairs say nearly the same thing.
 * ROUGE rewards covering the references and barely punishes repeating oneself, so the benchmark
 * counts repetition separately; a digest that repeats itself reads badly even when it scores well.
 */
import { countNgrams, tokenizeForRouge } from './rouge.ts';

/** Cosine similarity at or above which two sentences count as near-duplicates. */
export const NEAR_DUPLICATE_THRESHOLD = 0.5;

/**
 * Stemmed-unigram term counts of a sentence, tokenised exactly as ROUGE does (no word cut), so
 * "near-duplicate" means the same thing as the overlap ROUGE measures.
 */
export function stemmedUnigrams(sentence: string): Map<string, number> {
  return countNgrams(tokenizeForRouge(sentence, { wordLimit: 0 }), 1);
}

/** Cosine similarity of two term-count vectors; 0 when either is empty. */
export function cosineSimilarity(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let dot = 0;
  for (const [term, count] of a) dot += count * (b.get(term) ?? 0);
  if (dot === 0) return 0;
  // One square root of the product keeps integer cases exact (identical vectors give exactly 1,
  // {a,b} vs {a,c} exactly 0.5), which matters right at the >= threshold.
  return dot / Math.sqrt(squaredNorm(a) * squaredNorm(b));
}

function squaredNorm(v: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (const count of v.values()) sum += count * count;
  return sum;
}

/** One pair of similar sentences: indexes into the sentence list (i < j) and their similarity. */
export interface NearDuplicatePair {
  i: number;
  j: number;
  similarity: number;
}

/** Every pair (i < j) of `vectors` whose `similarity` is at least `threshold`. */
export function similarPairs<T>(vectors: readonly T[], similarity: (a: T, b: T) => number, threshold: number): NearDuplicatePair[] {
  const pairs: NearDuplicatePair[] = [];
  for (let i = 0; i < vectors.length; i++) {
    for (let j = i + 1; j < vectors.length; j++) {
      const s = similarity(vectors[i]!, vectors[j]!);
      if (s >= threshold) pairs.push({ i, j, similarity: s });
    }
  }
  return pairs;
}

/** Every pair of sentences of one summary whose stemmed-unigram cosine is >= `threshold`. */
export function nearDuplicatePairs(
  sentences: readonly string[],
  threshold = NEAR_DUPLICATE_THRESHOLD,
): NearDuplicatePair[] {
  return similarPairs(sentences.map(stemmedUnigrams), cosineSimilarity, threshold);
}

/** Number of near-duplicate sentence pairs in one summary. */
export function countNearDuplicates(sentences: readonly string[], threshold = NEAR_DUPLICATE_THRESHOLD): number {
  return nearDuplicatePairs(sentences, threshold).length;
}
