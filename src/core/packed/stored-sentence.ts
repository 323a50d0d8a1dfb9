import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Sentence } from '../types.ts';
import { bytesOf, int32s, uint16s } from './slab.ts';

/**
 * Everything one article keeps of its text after analysis, in two values: the bytes of its
 * paragraphs, and one typed array holding where each paragraph starts, then per sentence where its
 * text starts and ends, where its term ids start, its paragraph and its word count, then the term
 * ids of the whole article. No object per sentence or per paragraph: on a large corpus those
 * were a third of the heap, and most sentences are never looked at by a query.
 *
 * The bytes are Latin-1 when every character fits, else UTF-8 (curly quotes are enough), and
 * offsets count bytes. Longer texts are kept deflated and inflated when a sentence of theirs is read.
 * Both values are views into shared buffers (slab.ts), outside V8's heap.
 */
export interface ArticleText {
  text: Uint8Array;
  /** `text` holds UTF-8 bytes, else Latin-1. */
  utf8: boolean;
  /** `text` is those bytes deflated (raw deflate); offsets count the inflated bytes. */
  deflated: boolean;
  table: Table;
  paragraphs: number;
  sentences: number;
  /** Term of each term id. */
  dictionary: readonly string[];
}

/** A Uint16Array when every number of the article fits in one (most do), else an Int32Array. */
export type Table = Uint16Array | Int32Array;

const FIELDS = 5;
const START = 0;
const END = 1;
const TERMS = 2;
const PARAGRAPH = 3;
const WORDS = 4;
const WIDE = /[^\u0000-\u00ff]/;
/**
 * Texts of at least this many bytes are kept deflated (level 1): news text halves, so on a large
 * corpus the text no longer outweighs the files it came from. Inflating an article takes about
 * 30 microseconds, and a query reads a few dozen.
 */
const DEFLATE_FROM = 256;
/**
 * A 4 KB window and small state: an article is a few KB, so a bigger window hardly compresses
 * better, while zlib's default state is about 256 KB allocated and freed per call.
 */
const WINDOW_BITS = 12;
const ZLIB_PACK = { level: 1, windowBits: WINDOW_BITS, memLevel: 5 };

/** Where the sentence fields of an article start in its table: after the paragraph starts and the end. */
const base = (t: ArticleText): number => t.paragraphs + 1;

/** Packs the layout {@link ArticleText} describes. Sentence offsets are UTF-16 offsets in their paragraph. */
export function packArticleText(
  paragraphs: readonly string[],
  sentences: readonly { paragraph: number; start: number; end: number; words: number; termIds: readonly number[] }[],
  dictionary: readonly string[],
  deflate = true,
): ArticleText {
  const joined = paragraphs.join('');
  // Most texts are ASCII, which a native count tells at once: no regex scan for a wide character.
  const utf8 = Buffer.byteLength(joined, 'utf8') !== joined.length && WIDE.test(joined);
  const bytes = Buffer.from(joined, utf8 ? 'utf8' : 'latin1');
  const packed = deflate && bytes.length >= DEFLATE_FROM ? deflateRawSync(bytes, { ...ZLIB_PACK, chunkSize: Math.max(64, bytes.length) }) : bytes;
  const deflated = packed.length < bytes.length;
  const text = bytesOf(deflated ? packed : bytes);
  const length = utf8 ? (s: string) => Buffer.byteLength(s, 'utf8') : (s: string) => s.length;
  const head = paragraphs.length + 1;
  let terms = 0;
  let widest = 0;
  for (const { termIds } of sentences) {
    terms += termIds.length;
    for (let k = 0; k < termIds.length; k++) if (termIds[k]! > widest) widest = termIds[k]!;
  }
  const total = paragraphs.reduce((n, p) => n + length(p), 0);
  const size = head + FIELDS * sentences.length + terms;
  // Offsets, term starts and word counts are below the text's length and the table's size.
  const table: Table = Math.max(widest, total, size) < 0x10000 ? uint16s(size) : int32s(size);
  let offset = 0;
  paragraphs.forEach((p, i) => {
    table[i] = offset;
    offset += length(p);
  });
  table[paragraphs.length] = offset;
  let at = head + FIELDS * sentences.length;
  sentences.forEach((s, i) => {
    const row = head + FIELDS * i;
    const paragraph = paragraphs[s.paragraph]!;
    const from = table[s.paragraph]!;
    table[row + START] = from + (utf8 ? length(paragraph.slice(0, s.start)) : s.start);
    table[row + END] = from + (utf8 ? length(paragraph.slice(0, s.end)) : s.end);
    table[row + TERMS] = at;
    table[row + PARAGRAPH] = s.paragraph;
    table[row + WORDS] = s.words;
    table.set(s.termIds, at);
    at += s.termIds.length;
  });
  return { text, utf8, deflated, table, paragraphs: paragraphs.length, sentences: sentences.length, dictionary };
}

function decode(t: ArticleText, from: number, to: number): string {
  const bytes = t.deflated ? inflated(t) : Buffer.from(t.text.buffer, t.text.byteOffset, t.text.length);
  return bytes.toString(t.utf8 ? 'utf8' : 'latin1', from, to);
}

/**
 * Inflated texts of the articles read last: a query reads many sentences of a few dozen articles.
 * Shared by every query and snapshot, safely: a bounded memo keyed by an immutable text, which
 * snapshots share for unchanged articles anyway.
 */
const recent = new Map<ArticleText, Buffer>();
const RECENT = 128;

function inflated(t: ArticleText): Buffer {
  let bytes = recent.get(t);
  if (bytes) return bytes;
  // Sized to the text, so zlib makes no 16 KB buffer per call and joins no chunks.
  bytes = inflateRawSync(t.text, { windowBits: WINDOW_BITS, chunkSize: Math.max(64, t.table[t.paragraphs]!) });
  if (recent.size >= RECENT) recent.delete(recent.keys().next().value!);
  recent.set(t, bytes);
  return bytes;
}

/** The paragraphs of an article, as cleaning left them. */
export function paragraphsOf(t: ArticleText): string[] {
  const out: string[] = [];
  for (let p = 0; p < t.paragraphs; p++) out.push(decode(t, t.table[p]!, t.table[p + 1]!));
  return out;
}

/** The paragraph of the sentence at `position`, without making a sentence. */
export const paragraphAt = (t: ArticleText, position: number): number => t.table[base(t) + FIELDS * position + PARAGRAPH]!;

/**
 * A sentence of a corpus snapshot, made when asked for: its fields are read from its article's
 * {@link ArticleText}. Two objects for the same id are equal in every field.
 */
export class StoredSentence implements Sentence {
  readonly #article: ArticleText;

  constructor(
    public id: number,
    public articleId: number,
    public position: number,
    article: ArticleText,
  ) {
    this.#article = article;
  }

  get paragraph(): number {
    return paragraphAt(this.#article, this.position);
  }

  get words(): number {
    const t = this.#article;
    return t.table[base(t) + FIELDS * this.position + WORDS]!;
  }

  get text(): string {
    const t = this.#article;
    const row = base(t) + FIELDS * this.position;
    return decode(t, t.table[row + START]!, t.table[row + END]!);
  }

  get terms(): string[] {
    const { ids, start, end } = StoredSentence.termRange(this)!;
    const { dictionary } = this.#article;
    const terms: string[] = new Array(end - start);
    for (let i = start; i < end; i++) terms[i - start] = dictionary[ids[i]!]!;
    return terms;
  }

  /** Where a stored sentence's term ids are: an array and the range in it; undefined for any other sentence. */
  static termRange(sentence: Sentence): { ids: Table; start: number; end: number } | undefined {
    const ids = StoredSentence.termTable(sentence);
    return ids && { ids, start: StoredSentence.termStart(sentence), end: StoredSentence.termEnd(sentence) };
  }

  /** The term of each term id of a stored sentence; undefined for any other sentence. */
  static dictionaryOf(sentence: Sentence): readonly string[] | undefined {
    return #article in sentence ? (sentence as StoredSentence).#article.dictionary : undefined;
  }

  /** The array holding a stored sentence's term ids, for hot loops that read the range with the two below. */
  static termTable(sentence: Sentence): Table | undefined {
    return #article in sentence ? (sentence as StoredSentence).#article.table : undefined;
  }

  static termStart(sentence: Sentence): number {
    const s = sentence as StoredSentence;
    return termStartAt(s.#article, s.position);
  }

  static termEnd(sentence: Sentence): number {
    const s = sentence as StoredSentence;
    return termEndAt(s.#article, s.position);
  }
}

export const termStartAt = (t: ArticleText, position: number): number => t.table[base(t) + FIELDS * position + TERMS]!;
export const termEndAt = (t: ArticleText, position: number): number =>
  position + 1 < t.sentences ? t.table[base(t) + FIELDS * (position + 1) + TERMS]! : t.table.length;

/** Where the term ids of many sentences are: the k-th is `tables[k]` from `starts[k]` to `ends[k]`. */
export interface TermRanges {
  tables: Table[];
  starts: Int32Array;
  ends: Int32Array;
}

/**
 * The term ranges of `count` sentences, given by article and position, as `termStartAt` and
 * `termEndAt` give them one at a time. For thousands of sentences scattered over a large corpus:
 * one at a time, a sentence waited on four reads from memory in a row (its article, the table, the
 * table's row, its term ids), each a cache miss of about 280 ns on this machine. In passes, the
 * reads of one pass do not wait on one another, so the processor has many of them in flight.
 */
export function readTermRanges(texts: readonly ArticleText[], articles: Int32Array, positions: Int32Array, count: number, into: TermRanges): void {
  const { tables, starts, ends } = into;
  for (let k = 0; k < count; k++) {
    const t = texts[articles[k]!]!;
    const position = positions[k]!;
    tables[k] = t.table;
    starts[k] = base(t) + FIELDS * position + TERMS;
    // 1 when the next sentence's row holds the end, 0 when the table's end is.
    ends[k] = position + 1 < t.sentences ? 1 : 0;
  }
  for (let k = 0; k < count; k++) {
    const table = tables[k]!;
    const at = starts[k]!;
    starts[k] = table[at]!;
    ends[k] = ends[k] === 1 ? table[at + FIELDS]! : table.length;
  }
}

/**
 * The sentences of a snapshot by id, each made when asked for from its article's packed text.
 * Array-like enough for the queries: `length`, `at`, `slice` and iteration.
 */
export class SentenceList implements Iterable<Sentence> {
  constructor(
    readonly texts: readonly ArticleText[],
    readonly firstSentence: readonly number[],
    readonly articleOf: Int32Array,
  ) {}

  get length(): number {
    return this.articleOf.length;
  }

  at(id: number): StoredSentence {
    const a = this.articleOf[id]!;
    return new StoredSentence(id, a, id - this.firstSentence[a]!, this.texts[a]!);
  }

  /** The paragraph of sentence `id`, without making the sentence. */
  paragraphOf(id: number): number {
    const a = this.articleOf[id]!;
    return paragraphAt(this.texts[a]!, id - this.firstSentence[a]!);
  }

  slice(start = 0, end = this.length): StoredSentence[] {
    const out: StoredSentence[] = [];
    for (let id = Math.max(0, start); id < Math.min(end, this.length); id++) out.push(this.at(id));
    return out;
  }

  *[Symbol.iterator](): Iterator<StoredSentence> {
    for (let id = 0; id < this.length; id++) yield this.at(id);
  }
}
