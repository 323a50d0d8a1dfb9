// A sentence ends at . ! or ? (after any closing quotes or brackets) followed by a space.
const SENTENCE_END = /[.!?]["'\u2019\u201d)\]]*\s+/g;

function lastMatchEnd(pattern: RegExp, text: string, min: number): number | undefined {
  let best: number | undefined;
  for (const m of text.matchAll(pattern)) {
    const end = m.index + m[0].length;
    if (end >= min && end <= text.length) best = end;
  }
  return best;
}

/**
 * Where to cut a word longer than a whole chunk: never inside a surrogate pair or an `&amp;`-style
 * entity, which Slack would show broken.
 */
function hardCut(text: string, max: number): number {
  let cut = max;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp >= 0 && amp > cut - 6 && !text.slice(amp, cut).includes(';')) cut = amp;
  return cut > 0 ? cut : max;
}

/**
 * Splits text into chunks of at most `max` characters: at the last sentence end that keeps the
 * chunk at least half full, else at the last space, and mid-word only for a word longer than `max`.
 */
export function splitText(text: string, max: number): string[] {
  const chunks: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    const cut =
      lastMatchEnd(SENTENCE_END, window, Math.floor(max / 2)) ?? lastMatchEnd(/\s+/g, window, 1) ?? hardCut(rest, max);
    chunks.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) chunks.push(rest);
  return chunks;
}

/**
 * Joins pieces with `separator` into chunks of at most `max` characters, breaking only between
 * pieces; a piece longer than `max` is itself split with `splitText`.
 */
export function packPieces(pieces: readonly string[], separator: string, max: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const piece of pieces.flatMap((p) => (p.length > max ? splitText(p, max) : [p]))) {
    if (current && current.length + separator.length + piece.length > max) {
      chunks.push(current);
      current = '';
    }
    current = current ? current + separator + piece : piece;
  }
  if (current) chunks.push(current);
  return chunks;
}
