/**
 * Shape tests for headlines and section headings. Outlets put headings in their own markup, which
 * plain text loses, so they are recognised by shape: short, no final period, capitalised start.
 */
import type { CleanRules } from './clean-rules.ts';
import { countWords, endsDangling } from './clean-units.ts';

/** Titles before names end in a period without ending the sentence ("Mr. Smith"). */
const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'dr', 'st', 'gen', 'col', 'lt', 'sgt', 'capt', 'gov', 'sen', 'rep', 'prof', 'jr', 'sr', 'no', 'vs']);

const STARTS_CAPITAL = /^["“‘']?[\p{Lu}\p{N}]/u;
const TITLE_BAD_END = /[.,;:]$/;
const HEADING_BAD_END = /[.,;:!…"”’')\]-]$/u;
const INNER_SENTENCE_END = /[\p{Ll}\d][.!?]["”’)]*\s+\p{Lu}/u;

/** A short first line that reads as a headline ("Taliban Move Closer To Afghan Capital..."). */
export function isTitleLine(text: string, rules: CleanRules): boolean {
  if (text.length > rules.title.maxChars || !STARTS_CAPITAL.test(text) || TITLE_BAD_END.test(text)) return false;
  const words = countWords(text);
  return words >= 2 && words <= rules.title.maxWords && !endsDangling(text);
}

/** A short mid-article line without final punctuation ("RAPID GAINS", "New power-sharing terms?"). */
export function isSectionHeading(text: string, rules: CleanRules): boolean {
  if (text.length > rules.headings.maxChars || !STARTS_CAPITAL.test(text) || HEADING_BAD_END.test(text)) return false;
  if (/^["“‘]/u.test(text) || INNER_SENTENCE_END.test(text)) return false;
  return countWords(text) <= rules.headings.maxWords && !endsDangling(text);
}

/**
 * Splits off a heading that a page's layout glued after a paragraph's last sentence
 * ("...from their strongholds in the south. Taliban take key headquarters").
 * Returns undefined when the paragraph ends normally.
 */
export function splitInlineHeading(text: string, rules: CleanRules): { body: string; heading: string } | undefined {
  if (HEADING_BAD_END.test(text) || text.endsWith('?')) return undefined;
  const tailStart = Math.max(0, text.length - rules.headings.inlineMaxWords * 30);
  const tail = text.slice(tailStart); // only the tail: a huge paragraph costs nothing here
  let cut = -1;
  for (const m of tail.matchAll(/([\p{L}\d]+)[.!?]["”’)]*\s+(?=\p{Lu})/gu)) {
    if (!HONORIFICS.has(m[1]!.toLowerCase()) && /[\p{Ll}\d]$/u.test(m[1]!)) cut = m.index + m[0].length;
  }
  if (cut < 0) return undefined;
  const heading = tail.slice(cut).trim();
  const words = countWords(heading);
  if (words < 1 || words > rules.headings.inlineMaxWords || !STARTS_CAPITAL.test(heading) || endsDangling(heading)) return undefined;
  return { body: text.slice(0, tailStart + cut).trimEnd(), heading };
}
