import type { Candidate } from './contract.ts';

const MAX_WORDS = 60;

/**
 * Indexes of the candidates worth quoting: not overlong, not a question, and passing `fits`. When
 * fewer than three pass, all candidates stay: a tiny corpus still gets a digest.
 */
export function usablePool(candidates: readonly Candidate[], fits: (c: Candidate) => boolean): number[] {
  const usable: number[] = [];
  candidates.forEach((c, i) => {
    if (c.sentence.words <= MAX_WORDS && !c.sentence.text.endsWith('?') && fits(c)) usable.push(i);
  });
  return usable.length >= 3 ? usable : candidates.map((_, i) => i);
}
