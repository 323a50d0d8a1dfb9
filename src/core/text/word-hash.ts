/**
 * FNV-1a over UTF-16 code units, for the hashed word tables that find a word by its place in a
 * text. The offset is random per process, as V8 seeds its own string hashes, so article text
 * cannot easily be written to pile up in one place of a table. The scan of `words.ts` computes the
 * same as it reads each word.
 */
export const FNV_OFFSET = (Math.random() * 2 ** 32) | 0;
export const FNV_PRIME = 0x01000193;

export function hashOf(text: string, start: number, end: number): number {
  let hash = FNV_OFFSET;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
  return hash;
}
