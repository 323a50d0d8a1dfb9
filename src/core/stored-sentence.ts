import type { Sentence } from './types.ts';

/**
 * A sentence of a corpus snapshot. Its terms live as integer ids in one array per article and
 * become strings only when asked for: on a large corpus a string array per sentence would be
 * most of the heap, and most sentences are never looked at by a query.
 */
export class StoredSentence implements Sentence {
  readonly #ids: Int32Array;
  readonly #start: number;
  readonly #end: number;
  readonly #dictionary: readonly string[];

  constructor(
    public id: number,
    public articleId: number,
    public paragraph: number,
    public position: number,
    public text: string,
    public words: number,
    /** Term ids of the whole article; this sentence's are [start, end). */
    ids: Int32Array,
    start: number,
    end: number,
    dictionary: readonly string[],
  ) {
    this.#ids = ids;
    this.#start = start;
    this.#end = end;
    this.#dictionary = dictionary;
  }

  get terms(): string[] {
    const terms: string[] = new Array(this.#end - this.#start);
    for (let i = this.#start; i < this.#end; i++) terms[i - this.#start] = this.#dictionary[this.#ids[i]!]!;
    return terms;
  }

  /** The same sentence numbered for another snapshot. */
  renumbered(id: number, articleId: number): StoredSentence {
    return new StoredSentence(id, articleId, this.paragraph, this.position, this.text, this.words, this.#ids, this.#start, this.#end, this.#dictionary);
  }

  /** Calls `each` with the term ids of a stored sentence, in order; false for any other sentence. */
  static forEachTermId(sentence: Sentence, each: (id: number) => void): boolean {
    if (!(#ids in sentence)) return false;
    const s = sentence as StoredSentence;
    for (let i = s.#start; i < s.#end; i++) each(s.#ids[i]!);
    return true;
  }

  /** Where a stored sentence's term ids are: the article's array and the range in it. */
  static termRange(sentence: Sentence): { ids: Int32Array; start: number; end: number } | undefined {
    if (!(#ids in sentence)) return undefined;
    const s = sentence as StoredSentence;
    return { ids: s.#ids, start: s.#start, end: s.#end };
  }
}
