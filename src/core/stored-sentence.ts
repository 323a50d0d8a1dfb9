import type { Sentence } from './types.ts';

/**
 * What the sentences of one article share: its paragraphs, and one Int32Array holding, per
 * sentence, where its text starts and ends in its paragraph and where its term ids start, then
 * the term ids of the whole article. Two objects per article instead of several per sentence.
 */
export interface ArticleText {
  paragraphs: readonly string[];
  table: Int32Array;
  sentences: number;
  /** Term of each term id. */
  dictionary: readonly string[];
}

const FIELDS = 3;

/** Packs the layout {@link ArticleText} describes. */
export function packArticleText(
  paragraphs: readonly string[],
  sentences: readonly { start: number; end: number; termIds: readonly number[] }[],
  dictionary: readonly string[],
): ArticleText {
  const terms = sentences.reduce((n, s) => n + s.termIds.length, 0);
  const table = new Int32Array(FIELDS * sentences.length + terms);
  let at = FIELDS * sentences.length;
  sentences.forEach((s, i) => {
    table[FIELDS * i] = s.start;
    table[FIELDS * i + 1] = s.end;
    table[FIELDS * i + 2] = at;
    table.set(s.termIds, at);
    at += s.termIds.length;
  });
  return { paragraphs, table, sentences: sentences.length, dictionary };
}

/**
 * A sentence of a corpus snapshot. Its text and terms are read from its article's shared
 * {@link ArticleText} when asked for: on a large corpus a string and a string array per sentence
 * would be most of the heap, and most sentences are never looked at by a query.
 */
export class StoredSentence implements Sentence {
  readonly #article: ArticleText;

  constructor(
    public id: number,
    public articleId: number,
    public paragraph: number,
    public position: number,
    public words: number,
    article: ArticleText,
  ) {
    this.#article = article;
  }

  get text(): string {
    const { table, paragraphs } = this.#article;
    return paragraphs[this.paragraph]!.slice(table[FIELDS * this.position], table[FIELDS * this.position + 1]);
  }

  get terms(): string[] {
    const { ids, start, end } = StoredSentence.termRange(this)!;
    const { dictionary } = this.#article;
    const terms: string[] = new Array(end - start);
    for (let i = start; i < end; i++) terms[i - start] = dictionary[ids[i]!]!;
    return terms;
  }

  /** The same sentence numbered for another snapshot. */
  renumbered(id: number, articleId: number): StoredSentence {
    return new StoredSentence(id, articleId, this.paragraph, this.position, this.words, this.#article);
  }

  /** Where a stored sentence's term ids are: an array and the range in it; undefined for any other sentence. */
  static termRange(sentence: Sentence): { ids: Int32Array; start: number; end: number } | undefined {
    const ids = StoredSentence.termTable(sentence);
    return ids && { ids, start: StoredSentence.termStart(sentence), end: StoredSentence.termEnd(sentence) };
  }

  /** The array holding a stored sentence's term ids, for hot loops that read the range with the two below. */
  static termTable(sentence: Sentence): Int32Array | undefined {
    return #article in sentence ? (sentence as StoredSentence).#article.table : undefined;
  }

  static termStart(sentence: Sentence): number {
    const s = sentence as StoredSentence;
    return s.#article.table[FIELDS * s.position + 2]!;
  }

  static termEnd(sentence: Sentence): number {
    const s = sentence as StoredSentence;
    const { table, sentences } = s.#article;
    return s.position + 1 < sentences ? table[FIELDS * (s.position + 1) + 2]! : table.length;
  }
}
