/**
 * Word tokens and stemmed terms. This runs over every sentence at index time and over every query,
 * so it tokenizes with one global regex pass and memoises stems (news vocabulary repeats a lot).
 */
import { stemmer } from 'stemmer';

/** Tokenizer and stemmer bound to one stopword list. */
export interface Analyzer {
  /** NFKC-normalised, lowercased word tokens: letters, marks and digits of any script. */
  words(text: string): string[];
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
/** Enough for any real vocabulary; past it the memo is reset so hostile input cannot grow it forever. */
const MAX_MEMO = 200_000;

/** Builds an analyzer; `stopwords` are lowercase words as `words` yields them. */
export function createAnalyzer(options: { stopwords: ReadonlySet<string> }): Analyzer {
  const { stopwords } = options;
  const memo = new Map<string, string>();

  const words = (text: string): string[] => {
    const out: string[] = [];
    const normal = text.normalize('NFKC').toLowerCase();
    TOKEN.lastIndex = 0;
    for (let m = TOKEN.exec(normal); m !== null; m = TOKEN.exec(normal)) {
      if (m[1] !== undefined) out.push(m[1].replaceAll('.', ''));
      else {
        const word = m[2]!;
        out.push(word.includes(',') ? word.replaceAll(',', '') : word);
      }
    }
    return out;
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

  return { words, stem, terms, termOf, stopwords };
}
