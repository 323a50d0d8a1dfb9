import { FNV_OFFSET, FNV_PRIME, hashOf } from './word-hash.ts';

/** A word as the topic scanner reads it: a letter or digit, then letters, digits, apostrophes and hyphens. */
export const WORD = /[\p{L}\p{N}][\p{L}\p{N}’'-]*/gu;

const UNSEEN = 0;
const OTHER = 1;
const JOINER = 2;
const LETTER = 3;
/** Half of a surrogate pair: only the regex reads the code point it belongs to. */
const ASTRAL = 4;

// The class of each UTF-16 code unit, judged by the regex the first time it is met: the scan then
// costs one array read per character instead of a regex step, a match object and a substring.
const classes = new Uint8Array(0x10000);
const IS_LETTER = /^[\p{L}\p{N}]$/u;

function classify(c: number): number {
  let k: number;
  if (c >= 0xd800 && c <= 0xdfff) k = ASTRAL;
  else if (c === 0x27 || c === 0x2d || c === 0x2019) k = JOINER;
  else k = IS_LETTER.test(String.fromCharCode(c)) ? LETTER : OTHER;
  classes[c] = k;
  return k;
}

/** Where the words of one text are, with a hash of each for `WordTable`; the arrays are reused from text to text. */
export interface WordSpans {
  starts: number[];
  ends: number[];
  hashes: number[];
}

export const wordSpans = (): WordSpans => ({ starts: [], ends: [], hashes: [] });


/**
 * Puts the words WORD finds in `text` into `spans` and returns how many there are (the arrays
 * may hold stale entries past that).
 */
export function findWords(text: string, spans: WordSpans): number {
  const { starts, ends, hashes } = spans;
  let n = 0;
  const length = text.length;
  for (let i = 0; i < length; ) {
    let c = text.charCodeAt(i);
    let k = classes[c]!;
    if (k === UNSEEN) k = classify(c);
    if (k !== LETTER) {
      // A word that ran into a surrogate ended here too, so the regex redoes it.
      if (k === ASTRAL) return findWordsByRegex(text, spans);
      i++;
      continue;
    }
    starts[n] = i;
    // hashOf, computed as the characters are read.
    let hash = Math.imul(FNV_OFFSET ^ c, FNV_PRIME);
    for (i++; i < length; i++) {
      c = text.charCodeAt(i);
      k = classes[c]!;
      if (k === UNSEEN) k = classify(c);
      if (k !== LETTER && k !== JOINER) break;
      hash = Math.imul(hash ^ c, FNV_PRIME);
    }
    hashes[n] = hash;
    ends[n++] = i;
  }
  return n;
}

/** The same as `findWords`, by the regex. */
export function findWordsByRegex(text: string, spans: WordSpans): number {
  let n = 0;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    spans.starts[n] = m.index;
    spans.ends[n] = m.index + m[0].length;
    spans.hashes[n] = hashOf(text, m.index, spans.ends[n]!);
    n++;
  }
  return n;
}
