/**
 * Sentence splitting for news prose. A boundary is sentence-final punctuation (with any closing
 * quotes or brackets) followed by whitespace and a word that does not start in lower case, unless
 * the period belongs to an abbreviation, an initial or a dotted acronym, or the boundary falls inside
 * a quotation that closes later in the paragraph. One linear pass; no regex backtracking over the text.
 */

import { isSpace } from './clean-units.ts';

const CANDIDATE = /[.!?…]+["'”’)\]]*(?=\s|$)/gu;
const QUOTE = /["“”]/g;
const OPENS_QUOTE_AFTER = /[\s([{\u2014\u2013/-]/u;
const LOWER = /\p{Ll}/u;
const DIGIT = /\p{N}/u;
const INITIAL = /^\p{Lu}$/u;
const DOTTED = /^(?:\p{L}\.)+\p{L}$/u;
const UPPER = /\p{Lu}/u;
const OPENERS = '(["“‘\'';

/** `\p{Ll}` for one character; ASCII, nearly every case, without the regex. */
function startsLower(char: string): boolean {
  const c = char.charCodeAt(0);
  return c < 0x80 ? c >= 0x61 && c <= 0x7a : LOWER.test(char);
}

/**
 * Splits a paragraph into trimmed sentences. `abbreviations` holds lowercase forms without the final
 * dot ("mr", "sept", "u.s"). Text without final punctuation (a headline) is one sentence.
 */
export function splitSentences(paragraph: string, abbreviations: ReadonlySet<string>): string[] {
  const spans = quoteSpans(paragraph);
  const sentences: string[] = [];
  let start = 0;
  let span = 0;
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(paragraph); m !== null; m = CANDIDATE.exec(paragraph)) {
    const end = m.index + m[0].length;
    let next = end;
    while (next < paragraph.length && isSpace(paragraph.charCodeAt(next))) next++;
    if (next >= paragraph.length) break;
    const nextChar = paragraph[next]!;
    if (startsLower(nextChar)) continue;
    while (span < spans.length && spans[span]![1] < end) span++;
    const quote = spans[span];
    if (quote && quote[0] < end && end <= quote[1]) continue; // still inside a quotation
    if (m[0] === '.' && !periodEndsSentence(paragraph, m.index, nextChar, abbreviations)) continue;
    pushTrimmed(sentences, paragraph.slice(start, end));
    start = end;
  }
  pushTrimmed(sentences, paragraph.slice(start));
  return sentences;
}

/**
 * Pairs double quotes into [open, close] index spans. A straight quote opens after whitespace or
 * an opening bracket or dash, and closes otherwise. A quote that never closes is ignored, so a stray
 * mark cannot glue the rest of the paragraph into one sentence.
 */
function quoteSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  // Without an opening mark no span can start; two native searches beat the regex scan.
  if (!text.includes('"') && !text.includes('“')) return spans;
  let open = -1;
  QUOTE.lastIndex = 0;
  for (let m = QUOTE.exec(text); m !== null; m = QUOTE.exec(text)) {
    const at = m.index;
    const opening = m[0] === '“' || (m[0] === '"' && (at === 0 || OPENS_QUOTE_AFTER.test(text[at - 1]!)));
    if (opening) open = at;
    else if (open >= 0) {
      spans.push([open, at]);
      open = -1;
    }
  }
  return spans;
}

/** Decides a lone period followed by a capital, digit or quote: abbreviation or sentence end? */
function periodEndsSentence(text: string, dot: number, nextChar: string, abbreviations: ReadonlySet<string>): boolean {
  let from = dot;
  while (from > 0 && dot - from < 40 && !isSpace(text.charCodeAt(from - 1))) from--;
  const raw = text.slice(from, dot);
  const token = raw !== '' && OPENERS.includes(raw[0]!) ? raw.replace(/^[(["“‘']+/u, '') : raw;
  if (token === '') return true;
  if (INITIAL.test(token)) return false; // "George W. Bush", "J. R. R. Tolkien"
  const lower = token.toLowerCase();
  if (DOTTED.test(token)) return !(abbreviations.has(lower) || UPPER.test(token)); // "U.S.", "e.g." stay; "p.m." ends
  if (!abbreviations.has(lower)) return true;
  // "Sept. 11", "No. 10", "Gen. Smith" continue; a lower-case "etc." or "vs." before a capital ends.
  return !(DIGIT.test(nextChar) || UPPER.test(token[0]!));
}

function pushTrimmed(out: string[], text: string): void {
  const trimmed = text.trim();
  if (trimmed !== '') out.push(trimmed);
}
