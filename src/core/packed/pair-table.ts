/**
 * Ids of pairs of small non-negative integers (two word ids, two term ids), by open addressing in
 * typed arrays. A Map would need the pair as one number: past 2^30 that number is a heap number,
 * allocated and hashed at every lookup, and even small keys cost several times a probe here.
 */
export class PairTable {
  private firsts: Int32Array;
  private seconds: Int32Array;
  private ids: Int32Array;
  private count = 0;

  /** Sized for `expected` pairs, so a table filled to that many never grows. */
  constructor(expected = 8) {
    let size = 16;
    while (size < 2 * expected) size *= 2;
    this.firsts = new Int32Array(size).fill(-1);
    this.seconds = new Int32Array(size);
    this.ids = new Int32Array(size);
  }

  get size(): number {
    return this.count;
  }

  /** The id of the pair `a b`, or -1. */
  get(a: number, b: number): number {
    const { firsts, seconds } = this;
    const mask = firsts.length - 1;
    for (let slot = home(a, b, mask); ; slot = (slot + 1) & mask) {
      const first = firsts[slot]!;
      if (first === a && seconds[slot] === b) return this.ids[slot]!;
      if (first < 0) return -1;
    }
  }

  /** Gives the pair `a b`, which must not be in the table, the id `id`. */
  set(a: number, b: number, id: number): void {
    // Kept at most half full, so a lookup ends after a probe or two.
    if (2 * (this.count + 1) > this.firsts.length) this.grow();
    this.place(a, b, id);
    this.count++;
  }

  clear(): void {
    this.firsts.fill(-1);
    this.count = 0;
  }

  private place(a: number, b: number, id: number): void {
    const mask = this.firsts.length - 1;
    let slot = home(a, b, mask);
    while (this.firsts[slot]! >= 0) slot = (slot + 1) & mask;
    this.firsts[slot] = a;
    this.seconds[slot] = b;
    this.ids[slot] = id;
  }

  private grow(): void {
    const { firsts, seconds, ids } = this;
    this.firsts = new Int32Array(2 * firsts.length).fill(-1);
    this.seconds = new Int32Array(2 * firsts.length);
    this.ids = new Int32Array(2 * firsts.length);
    for (let slot = 0; slot < firsts.length; slot++) if (firsts[slot]! >= 0) this.place(firsts[slot]!, seconds[slot]!, ids[slot]!);
  }
}

/** Multiplying by the golden ratio spreads consecutive ids over the table's low bits. */
const home = (a: number, b: number, mask: number): number => (Math.imul(a, 0x9e3779b1) ^ b) & mask;
