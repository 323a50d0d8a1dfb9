import { FNV_OFFSET, FNV_PRIME, hashOf } from './text/word-hash.ts';

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

/**
 * What is known of each distinct word, found by the word's place in the text it was read from:
 * most words were seen before, and a hash made while finding the word spares a substring and a
 * Map lookup for each.
 */
export class WordTable<T> {
  private slots = new Int32Array(INITIAL_SLOTS);
  private readonly raws: string[] = [];
  private readonly hashes: number[] = [];
  private readonly values: T[] = [];

  /** `judge` makes the value of a new word; `id` counts the words since the table was last cleared. */
  constructor(private readonly judge: (raw: string, id: number) => T) {}

  get size(): number {
    return this.raws.length;
  }

  /** The value of the word at `start` to `end` of `text`, whose hash `findWords` gave. */
  get(text: string, start: number, end: number, hash: number): T {
    const mask = this.slots.length - 1;
    for (let slot = home(hash, mask); ; slot = (slot + 1) & mask) {
      const id = this.slots[slot]! - 1;
      if (id < 0) return this.add(text.slice(start, end), hash, slot);
      if (this.hashes[id] === hash && this.raws[id]!.length === end - start && text.startsWith(this.raws[id]!, start)) return this.values[id]!;
    }
  }

  clear(): void {
    this.slots = new Int32Array(INITIAL_SLOTS);
    this.raws.length = this.hashes.length = this.values.length = 0;
  }

  private add(raw: string, hash: number, slot: number): T {
    const id = this.raws.length;
    const value = this.judge(raw, id);
    this.raws.push(raw);
    this.hashes.push(hash);
    this.values.push(value);
    this.slots[slot] = id + 1;
    // Kept at most half full, so a lookup ends after a probe or two.
    if (this.raws.length * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    return value;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    const mask = size - 1;
    this.hashes.forEach((hash, id) => {
      let slot = home(hash, mask);
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = id + 1;
    });
  }
}

const INITIAL_SLOTS = 1 << 12;
/** FNV's low bits depend only on the characters' low bits: fold the high bits in before masking. */
const home = (hash: number, mask: number) => (hash ^ (hash >>> 16)) & mask;
