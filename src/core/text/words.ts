/**
 * What a word is, for every reader of text: one scan, under one of three rules.
 * - SPLIT: a run of letters and digits (`\p{L}\p{N}`); anything else ends it. The bigram coder's
 *   words (`summarize/bigrams.ts`): "power-sharing" is "power", "sharing".
 * - JOIN: SPLIT, but apostrophes and hyphens (JOINERS) go on a word once it has begun. The topic
 *   scanner's words (`index/topic-scan.ts`), case kept: names and compounds stay whole,
 *   "Kandahar's", "O’Brien", "power-sharing", "Mazar-i-Sharif".
 * - TERMS: the analyzer's words (`tokens.ts`), in lowercased NFKC text: SPLIT with marks (`\p{M}`)
 *   in words, except that a dotted acronym ("u.s" of "U.S.-led") and a number with thousands
 *   separators ("180,000") are one word, their dots and commas dropped, a number keeps its decimal
 *   part and suffix ("3.5", "11th"), and a possessive "'s" is dropped.
 * Three rules, not one, because the answers depend on each: a topic is the name "power-sharing",
 * a query for "sharing" must find that sentence's terms, and a bigram's words are ICSI's.
 * Each rule is defined by its Unicode pattern (`PATTERNS`). The scan reads code units through a
 * table of what each is to the rule, judged by the pattern's classes the first time it is met, and
 * hashes each word (`hashOf`) as it reads it; what a table cannot judge (half of a surrogate pair;
 * for TERMS, a letter, mark or digit other than a-z and 0-9, where NFKC text and `\p{M}` make the
 * rules subtle) sends the whole text to the pattern. Nearly all news text never gets there.
 */
import { FNV_OFFSET, FNV_PRIME, hashOf } from './word-hash.ts';

export const SPLIT = 0;
export const JOIN = 1;
export const TERMS = 2;
export type WordRule = typeof SPLIT | typeof JOIN | typeof TERMS;

/**
 * TERMS as one alternation, tried left to right at each position:
 * 1. dotted acronyms: single letters between dots, the last followed by no letter, mark or digit;
 * 2. numbers with thousands separators, no digit after the last group, and a decimal part or not;
 * 3. numbers with an optional decimal part and a suffix;
 * 4. any other run of letters, marks and digits;
 * and, after 2 to 4, a possessive "'s" that is no part of the word.
 */
const TERM =
  /(\p{L}(?:\.\p{L}(?![\p{L}\p{M}\p{N}]))+)|(\p{N}+(?:,\p{N}{3})+(?![\p{N}])(?:\.\p{N}+)?|\p{N}+(?:\.\p{N}+)?[\p{L}\p{M}\p{N}]*|[\p{L}\p{M}\p{N}]+)(?:['’ʼ]s(?![\p{L}\p{M}\p{N}]))?/gu;

/** What JOIN lets go on a word: apostrophes (straight and typographic) and the hyphen-minus. */
const JOINERS = "'’-";

/** The word each rule finds: for SPLIT and JOIN the whole match, for TERMS group 1 or 2. */
export const PATTERNS: readonly RegExp[] = [/[\p{L}\p{N}]+/gu, new RegExp(`[\\p{L}\\p{N}][\\p{L}\\p{N}${JOINERS}]*`, 'gu'), TERM];

/**
 * Start, end and `hashOf` of each word, three numbers a word, in `at` up to `length`. An end is
 * negated where the word is not the text between (TERMS: an acronym's dots or a number's commas
 * are dropped; see `wordOf`), and its hash is then 0, as that word is rebuilt before it is looked up.
 * Reused from text to text (growing it back for every sentence was the load's largest allocation),
 * and typed: a hash is often no small integer, and one in a plain array turned all of its numbers
 * into doubles.
 */
export interface WordSpans {
  at: Int32Array;
  length: number;
}

export const wordSpans = (): WordSpans => ({ at: new Int32Array(256), length: 0 });

/** The word at one span: the text between, less the dots or commas TERMS drops. */
export function wordOf(text: string, start: number, end: number): string {
  if (end > 0) return text.slice(start, end);
  // An acronym has no comma; a number with thousands separators keeps its decimal point.
  const word = text.slice(start, -end);
  return word.includes(',') ? word.replaceAll(',', '') : word.replaceAll('.', '');
}

// What a code unit is to a rule.
const UNSEEN = 0;
/** No part of a word. */
const NONE = 1;
/** Goes on a word that has begun, but begins none: JOIN's apostrophes and hyphens. */
const TAIL = 2;
/** Begins or goes on a word. */
const WORD = 3;
/** For the pattern to read (see the top of the file). */
const PATTERN = 4;

// Per rule, what each UTF-16 code unit is, judged the first time it is met: the scan then costs one
// array read per character instead of a regex step, a match object and a substring.
const tables = [new Uint8Array(0x10000), new Uint8Array(0x10000), new Uint8Array(0x10000)] as const;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const MARK = /^\p{M}$/u;

function judge(rule: WordRule, c: number): number {
  const char = String.fromCharCode(c);
  let what: number;
  if (c >= 0xd800 && c <= 0xdfff) what = PATTERN;
  else if (rule === TERMS) what = isWordChar(c) ? WORD : LETTER_OR_DIGIT.test(char) || MARK.test(char) ? PATTERN : NONE;
  else if (LETTER_OR_DIGIT.test(char)) what = WORD;
  else what = rule === JOIN && JOINERS.includes(char) ? TAIL : NONE;
  tables[rule][c] = what;
  return what;
}

const push = (spans: WordSpans, start: number, end: number, hash: number) => {
  spans.at[spans.length++] = start;
  spans.at[spans.length++] = end;
  spans.at[spans.length++] = hash;
};

/** Sets `spans` to the words of `text` under `rule`. */
export function findWords(text: string, spans: WordSpans, rule: WordRule): void {
  const length = text.length;
  spans.length = 0;
  // Fewer words than characters.
  if (spans.at.length < 3 * length) spans.at = new Int32Array(6 * length);
  const table = tables[rule];
  for (let i = 0; i < length; ) {
    let c = text.charCodeAt(i);
    let what = table[c]!;
    if (what === UNSEEN) what = judge(rule, c);
    if (what !== WORD) {
      if (what === PATTERN) return findByPattern(text, spans, rule);
      i++;
      continue;
    }
    const start = i;
    if (rule === TERMS) {
      const end = termAt(text, start, c, spans);
      if (end >= 0) {
        i = end;
        continue;
      }
    }
    // `hashOf`, written out: a call per character, before V8 optimizes the loop, made the topic
    // scan's first pass over 6,773 sentences a tenth slower (main-thread medians, 231 -> 258 ms).
    let hash = FNV_OFFSET;
    do {
      hash = Math.imul(hash ^ c, FNV_PRIME);
      if (++i === length) break;
      c = text.charCodeAt(i);
      what = table[c]!;
      if (what === UNSEEN) what = judge(rule, c);
    } while (what === WORD || what === TAIL);
    push(spans, start, i, hash);
    if (rule === TERMS) i = pastPossessive(text, i);
  }
}

/** `findWords` by the rule's pattern. */
export function findByPattern(text: string, spans: WordSpans, rule: WordRule): void {
  spans.length = 0;
  const pattern = PATTERNS[rule]!;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    // Only TERM has groups.
    const word = m[1] ?? m[2] ?? m[0];
    const end = m.index + word.length;
    if (m[1] !== undefined || word.includes(',')) push(spans, m.index, -end, 0);
    else push(spans, m.index, end, hashOf(text, m.index, end));
  }
}

// TERMS in text the scan reads, where letters are a-z, digits 0-9 and there are no marks.
const DOT = 46;
const COMMA = 44;
const APOSTROPHE = 39;
const RIGHT_QUOTE = 0x2019;
const S = 115;
/**
 * The code at `i`, or -1 past the end, which is none of the codes below, as the end of text matches
 * none in TERM. Not charCodeAt's NaN: each new place that read past the end threw away V8's
 * optimized code for the scan, which was then compiled again: five times on a cold start.
 */
const codeAt = (text: string, i: number) => (i < text.length ? text.charCodeAt(i) : -1);
const isLetter = (c: number) => c >= 97 && c <= 122;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isWordChar = (c: number) => isLetter(c) || isDigit(c);

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

/** Past a possessive "'s" at `from`, if there is one. */
function pastPossessive(text: string, from: number): number {
  const q = codeAt(text, from);
  return (q === APOSTROPHE || q === RIGHT_QUOTE) && codeAt(text, from + 1) === S && !isWordChar(codeAt(text, from + 2)) ? from + 2 : from;
}

/**
 * Puts the word at `start`, whose first code is `c`, into `spans` if TERM's alternative 1, 2 or 3
 * reads more than a run of letters and digits there, and returns where the scan goes on; else -1,
 * and the run is alternative 4 (or 3 without a decimal part, which reads the same).
 */
function termAt(text: string, start: number, c: number, spans: WordSpans): number {
  if (isLetter(c)) {
    // 1; the possessive is not part of that alternative, so "U.S.A’s" is "usa", "s".
    let end = start + 1;
    while (codeAt(text, end) === DOT && isLetter(codeAt(text, end + 1)) && !isWordChar(codeAt(text, end + 2))) end += 2;
    if (end === start + 1) return -1;
    push(spans, start, -end, 0);
    return end;
  }
  // 2, else 3.
  const digits = skipDigits(text, start + 1);
  let groups = digits;
  while (codeAt(text, groups) === COMMA && isDigit(codeAt(text, groups + 1)) && isDigit(codeAt(text, groups + 2)) && isDigit(codeAt(text, groups + 3))) groups += 4;
  // A digit after the last group fails `(?![\p{N}])`, and the pattern gives that group back: "1,234,5678" is "1234", "5678".
  if (isDigit(codeAt(text, groups))) groups -= 4;
  let end: number;
  if (groups > digits) push(spans, start, -(end = decimal(text, groups)), 0);
  else {
    const point = decimal(text, digits);
    if (point === digits) return -1;
    end = skipWord(text, point);
    push(spans, start, end, hashOf(text, start, end));
  }
  return pastPossessive(text, end);
}
