/**
 * Word tokens and stemmed terms. This runs over every sentence at index time and over every query,
 * so plain text is tokenized by a scan of its character codes, other text by one global regex pass,
 * and stems and term ids are memoised (news vocabulary repeats a lot).
 */
import { stemmer } from 'stemmer';
import { WordTable, wordAt } from './word-table.ts';
import { FNV_OFFSET, FNV_PRIME, hashOf } from './word-hash.ts';

/** Tokenizer and stemmer bound to one stopword list. */
export interface Analyzer {
  /** NFKC-normalised, lowercased word tokens: letters, marks and digits of any script. */
  words(text: string): string[];
  /**
   * Makes `(text) => words(text).map(value)` less the negative numbers, calling `value` once per
   * distinct word: for indexing, where a word seen before then needs no string of its own.
   * `value` gives 32-bit integers.
   */
  wordIds(value: (word: string) => number): (text: string) => number[];
  /** Porter stem of a lowercased word, memoised. */
  stem(word: string): string;
  /** `words` minus stopwords and one-character non-digits, stemmed: the terms the index uses. */
  terms(text: string): string[];
  /** The term of one word as `words` yields it, or undefined for a word `terms` leaves out. */
  termOf(word: string): string | undefined;
  /** The stopword list `terms` removes, for callers that filter words themselves. */
  readonly stopwords: ReadonlySet<string>;
}

/**
 * One alternation, tried left to right at each position:
 * 1. dotted acronyms ("u.s" from "U.S.-led"), whose dots are dropped;
 * 2. numbers with thousands separators ("180,000"), whose commas are dropped;
 * 3. numbers with an optional decimal part and a suffix ("3.5", "11th");
 * 4. any other run of letters, marks and digits.
 * Hyphens and apostrophes split words; a possessive "'s" is swallowed so "Kandahar's" gives "kandahar".
 */
const TOKEN =
  /(\p{L}(?:\.\p{L}(?![\p{L}\p{M}\p{N}]))+)|(\p{N}+(?:,\p{N}{3})+(?![\p{N}])(?:\.\p{N}+)?|\p{N}+(?:\.\p{N}+)?[\p{L}\p{M}\p{N}]*|[\p{L}\p{M}\p{N}]+)(?:['’ʼ]s(?![\p{L}\p{M}\p{N}]))?/gu;
const SINGLE_DIGIT = /^\p{N}$/u;
/** Enough for any real vocabulary; past it a memo is reset so hostile input cannot grow it forever. */
const MAX_MEMO = 200_000;

/**
 * Text that `plainSpans` reads as `TOKEN` does: ASCII, and punctuation that NFKC and lowercasing
 * leave alone and that is no letter, mark or digit. Nearly all news text is plain, and scanning its
 * character codes costs less than NFKC and the Unicode pattern.
 */
const NOT_PLAIN = /[^\0-\x7f‘’“”–—«»•€£°]/;
const DOT = 46;
const COMMA = 44;
const APOSTROPHE = 39;
const RIGHT_QUOTE = 0x2019;
const S = 115;
/**
 * The code at `i`, or -1 past the end, which is none of the codes below, as the end of text matches
 * none in `TOKEN`. Not charCodeAt's NaN: each new place that read past the end threw away V8's
 * optimized code for the scan, which was then compiled again: five times on a cold start.
 */
const codeAt = (text: string, i: number) => (i < text.length ? text.charCodeAt(i) : -1);
const isLetter = (c: number) => c >= 97 && c <= 122;
const isDigit = (c: number) => c >= 48 && c <= 57;
/** A letter or digit of lowercased ASCII text: what a word is made of wherever plain text is scanned by code. */
export const isWordChar = (c: number) => isLetter(c) || isDigit(c);

// Module-level rather than nested where used: tsx names each closure as it is made, on every call.
function skipDigits(text: string, from: number): number {
  while (isDigit(codeAt(text, from))) from++;
  return from;
}

function skipWord(text: string, from: number): number {
  while (isWordChar(codeAt(text, from))) from++;
  return from;
}

/** Past `\.\p{N}+` at `from`, if there is one. */
function decimal(text: string, from: number): number {
  return codeAt(text, from) === DOT && isDigit(codeAt(text, from + 1)) ? skipDigits(text, from + 2) : from;
}

/**
 * Start, end and `hashOf` of each word, three numbers a word, in `at` up to `length`; the hash is 0
 * where the end is negative, as that word is rebuilt before it is looked up. The array is reused from
 * text to text (growing it back for every sentence was the load's largest allocation), and typed: a
 * hash is often no small integer, and one in a plain array turned all of its numbers into doubles.
 */
interface Spans {
  at: Int32Array;
  length: number;
}

const emptySpans = (): Spans => ({ at: new Int32Array(256), length: 0 });

/** Empties `spans` with room for the words of a text of `length` characters: fewer words than characters. */
function reset(spans: Spans, length: number): void {
  spans.length = 0;
  if (spans.at.length < 3 * length) spans.at = new Int32Array(6 * length);
}

const push = (spans: Spans, start: number, end: number, hash: number) => {
  spans.at[spans.length++] = start;
  spans.at[spans.length++] = end;
  spans.at[spans.length++] = hash;
};

/**
 * Sets `spans` to the start and end of each word of `text` in the string it returns, the lowercased
 * (and for text that is not plain, NFKC-normalised) text. An end is negated where `spanWord` must
 * drop the dots of an acronym or the commas of a number.
 */
function findWords(text: string, spans: Spans): string {
  if (!NOT_PLAIN.test(text)) {
    const lower = text.toLowerCase();
    reset(spans, lower.length);
    plainSpans(lower, spans);
    return lower;
  }
  const normal = text.normalize('NFKC').toLowerCase();
  reset(spans, normal.length);
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(normal); m !== null; m = TOKEN.exec(normal)) {
    const word = m[1] ?? m[2]!;
    const end = m.index + word.length;
    if (m[1] !== undefined || word.includes(',')) push(spans, m.index, -end, 0);
    else push(spans, m.index, end, hashOf(normal, m.index, end));
  }
  return normal;
}

/**
 * `findWords` for lowercased plain text, where letters are a-z, digits 0-9 and there are no marks.
 * Each branch stands for the alternative of `TOKEN` it names.
 */
function plainSpans(text: string, spans: Spans): void {
  for (let start = 0; start < text.length; ) {
    const c = text.charCodeAt(start);
    if (!isWordChar(c)) {
      start++;
      continue;
    }
    let end = start + 1;
    if (isLetter(c)) {
      // 1; the possessive is not part of that alternative, so "U.S.A’s" is "usa", "s".
      while (codeAt(text, end) === DOT && isLetter(codeAt(text, end + 1)) && !isWordChar(codeAt(text, end + 2))) end += 2;
      if (end > start + 1) {
        push(spans, start, -end, 0);
        start = end;
        continue;
      }
      // 4. Hashed as it is read, so the word table need not read the characters again.
      let hash = Math.imul(FNV_OFFSET ^ c, FNV_PRIME);
      for (let d = codeAt(text, end); isWordChar(d); d = codeAt(text, ++end)) hash = Math.imul(hash ^ d, FNV_PRIME);
      push(spans, start, end, hash);
    } else {
      // 2, else 3.
      const digits = skipDigits(text, end);
      let groups = digits;
      while (codeAt(text, groups) === COMMA && isDigit(codeAt(text, groups + 1)) && isDigit(codeAt(text, groups + 2)) && isDigit(codeAt(text, groups + 3))) groups += 4;
      // A digit after the last group fails `(?![\p{N}])`, and the pattern gives that group back: "1,234,5678" is "1234", "5678".
      if (isDigit(codeAt(text, groups))) groups -= 4;
      if (groups > digits) push(spans, start, -(end = decimal(text, groups)), 0);
      else {
        end = skipWord(text, decimal(text, digits));
        push(spans, start, end, hashOf(text, start, end));
      }
    }
    const q = codeAt(text, end);
    if ((q === APOSTROPHE || q === RIGHT_QUOTE) && codeAt(text, end + 1) === S && !isWordChar(codeAt(text, end + 2))) end += 2;
    start = end;
  }
}

/** The word at one span from `findWords`. */
function spanWord(text: string, start: number, end: number): string {
  if (end > 0) return text.slice(start, end);
  // An acronym has no comma; a number with thousands separators keeps its decimal point.
  const word = text.slice(start, -end);
  return word.includes(',') ? word.replaceAll(',', '') : word.replaceAll('.', '');
}

/** Builds an analyzer; `stopwords` are lowercase words as `words` yields them. */
export function createAnalyzer(options: { stopwords: ReadonlySet<string> }): Analyzer {
  const { stopwords } = options;
  const memo = new Map<string, string>();
  const spans = emptySpans();

  const words = (text: string): string[] => {
    const source = findWords(text, spans);
    const out: string[] = [];
    for (let i = 0; i < spans.length; i += 3) out.push(spanWord(source, spans.at[i]!, spans.at[i + 1]!));
    return out;
  };

  const wordIds = (value: (word: string) => number) => {
    // Numbers of words, each computed once and found again by the word's place in a text.
    const ids = new WordTable<number>();
    const idOf = (text: string, start: number, end: number, hash: number): number => {
      const id = ids.find(text, start, end, hash);
      if (id !== undefined) return id;
      if (ids.size >= MAX_MEMO) ids.clear();
      return ids.add(text, start, end, value(wordAt(text, start, end)), hash);
    };
    // Its own, as `value` may call `words`.
    const found = emptySpans();
    return (text: string): number[] => {
      const source = findWords(text, found);
      const out: number[] = [];
      for (let i = 0; i < found.length; i += 3) {
        const start = found.at[i]!;
        const end = found.at[i + 1]!;
        let id: number;
        if (end > 0) id = idOf(source, start, end, found.at[i + 2]!);
        else {
          const word = spanWord(source, start, end);
          id = idOf(word, 0, word.length, hashOf(word, 0, word.length));
        }
        if (id >= 0) out.push(id);
      }
      return out;
    };
  };

  const stem = (word: string): string => {
    let stemmed = memo.get(word);
    if (stemmed === undefined) {
      if (memo.size >= MAX_MEMO) memo.clear();
      stemmed = stemmer(word);
      memo.set(word, stemmed);
    }
    return stemmed;
  };

  const termOf = (word: string): string | undefined =>
    stopwords.has(word) || (word.length === 1 && !SINGLE_DIGIT.test(word)) ? undefined : stem(word);

  const terms = (text: string): string[] => {
    const out: string[] = [];
    for (const word of words(text)) {
      const term = termOf(word);
      if (term !== undefined) out.push(term);
    }
    return out;
  };

  return { words, wordIds, stem, terms, termOf, stopwords };
}
