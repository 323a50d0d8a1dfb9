/**
 * What is known of each distinct word, found by the word's place in the text it is read from: a
 * word seen before costs no substring and no Map lookup. Open addressing over four int32s a slot:
 * hash, offset of the word's characters in `chars`, length (0 for an empty slot) and the word's
 * number. A lookup reads one slot and one run of characters: while indexing, other work keeps
 * pushing the table out of the cache, and strings and Maps read more scattered memory per word.
 *
 * The table does not make values itself: each user judges a new word in its own code. Three users
 * judging through one shared call made that call see three functions, and V8 threw the lookups'
 * optimized code away as each new one came, then compiled all three into them. A value is never
 * undefined (`T extends {}`): that is what `find` gives for a word not added.
 */
export class WordTable<T extends {}> {
  private slots = new Int32Array(4 * INITIAL_SLOTS);
  private chars = new Uint16Array(INITIAL_CHARS);
  private used = 0;
  private readonly values: T[] = [];

  /** Words in the table: the number the next word added gets. */
  get size(): number {
    return this.values.length;
  }

  /**
   * The value of the word from `start` to `end` of `text`, whose `hashOf` is `hash`; undefined if
   * not added yet. The hash is given, as the scan that found the word computes it as it reads:
   * another pass over the characters costs most before V8 optimizes the loops.
   */
  find(text: string, start: number, end: number, hash: number): T | undefined {
    const { slots, chars } = this;
    const mask = slots.length - 4;
    for (let slot = home(hash, mask); slots[slot + 2] !== 0; slot = (slot + 4) & mask) {
      if (slots[slot] !== hash || slots[slot + 2] !== end - start) continue;
      const offset = slots[slot + 1]! - start;
      let i = start;
      while (i < end && chars[offset + i] === text.charCodeAt(i)) i++;
      if (i === end) return this.values[slots[slot + 3]!];
    }
    return undefined;
  }

  /** Adds a non-empty word that `find` does not have, with its value; returns the value. */
  add(text: string, start: number, end: number, value: T, hash: number): T {
    const id = this.values.length;
    this.values.push(value);
    if (this.used + end - start > this.chars.length) {
      const chars = new Uint16Array(2 * (this.used + end - start));
      chars.set(this.chars);
      this.chars = chars;
    }
    const offset = this.used;
    for (let i = start; i < end; i++) this.chars[this.used++] = text.charCodeAt(i);
    this.put(hash, offset, end - start, id);
    // Kept at most half full, so a lookup ends after a probe or two.
    if (this.values.length * 8 > this.slots.length) {
      const old = this.slots;
      this.slots = new Int32Array(old.length * 2);
      for (let slot = 0; slot < old.length; slot += 4) if (old[slot + 2] !== 0) this.put(old[slot]!, old[slot + 1]!, old[slot + 2]!, old[slot + 3]!);
    }
    return value;
  }

  clear(): void {
    this.slots.fill(0);
    this.used = 0;
    this.values.length = 0;
  }

  private put(hash: number, offset: number, length: number, id: number): void {
    const { slots } = this;
    const mask = slots.length - 4;
    let slot = home(hash, mask);
    while (slots[slot + 2] !== 0) slot = (slot + 4) & mask;
    slots[slot] = hash;
    slots[slot + 1] = offset;
    slots[slot + 2] = length;
    slots[slot + 3] = id;
  }
}

/**
 * Small, so the first growths of the table (a field stored anew) come before V8 optimizes the
 * lookups: each one after that threw their optimized code away.
 */
const INITIAL_SLOTS = 16;
const INITIAL_CHARS = 64;

/**
 * The word from `start` to `end` of `text` with characters of its own, for judging a new word.
 * V8 makes a slice of 13 characters or more a view of the string it was cut from, and a judged
 * word is kept (as a name, a stem, a memo key): as a view it kept its whole sentence, and through
 * that its article's text, alive. Slicing a joined string copies first, so the view is of a copy
 * the word's size.
 */
export function wordAt(text: string, start: number, end: number): string {
  const word = text.slice(start, end);
  return word.length < 13 ? word : (' ' + word).slice(1);
}

/** FNV's low bits depend only on the characters' low bits: fold the high bits in before masking. */
const home = (hash: number, mask: number) => ((hash ^ (hash >>> 16)) << 2) & mask;
