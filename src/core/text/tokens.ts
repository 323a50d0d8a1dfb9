/**
 * Word tokens and stemmed terms. This runs over every sentence at index time and over every query,
 * so words are found by the scan of `words.ts` (rule TERMS), and stems and term ids are memoised
 * (news vocabulary repeats a lot).
 */
import { stemmer } from 'stemmer';
import { WordTable, wordAt } from './word-table.ts';
import { hashOf } from './word-hash.ts';
import { findWords, TERMS, wordOf, wordSpans, type WordSpans } from './words.ts';

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

const SINGLE_DIGIT = /^\p{N}$/u;
/** Enough for any real vocabulary; past it a memo is reset so hostile input cannot grow it forever. */
const MAX_MEMO = 200_000;

/**
 * A character NFKC might change: none of ASCII and the punctuation news text uses most. Nearly all
 * news text has none and is spared the normalisation.
 */
const NEEDS_NFKC = /[^\0-\x7f‘’“”–—«»•€£°]/;

/** Sets `spans` to the words of `text` (see `TERMS`) in the lowercased, NFKC text it returns. */
function findTerms(text: string, spans: WordSpans): string {
  const source = NEEDS_NFKC.test(text) ? text.normalize('NFKC').toLowerCase() : text.toLowerCase();
  findWords(source, spans, TERMS);
  return source;
}

/** Builds an analyzer; `stopwords` are lowercase words as `words` yields them. */
export function createAnalyzer(options: { stopwords: ReadonlySet<string> }): Analyzer {
  const { stopwords } = options;
  const memo = new Map<string, string>();
  const spans = wordSpans();

  const words = (text: string): string[] => {
    const source = findTerms(text, spans);
    const out: string[] = [];
    for (let i = 0; i < spans.length; i += 3) out.push(wordOf(source, spans.at[i]!, spans.at[i + 1]!));
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
    const found = wordSpans();
    return (text: string): number[] => {
      const source = findTerms(text, found);
      const out: number[] = [];
      for (let i = 0; i < found.length; i += 3) {
        const start = found.at[i]!;
        const end = found.at[i + 1]!;
        let id: number;
        if (end > 0) id = idOf(source, start, end, found.at[i + 2]!);
        else {
          const word = wordOf(source, start, end);
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
