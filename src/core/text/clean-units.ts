/**
 * Splitting plain text into the units the cleaner works on, and the small text tests it shares.
 * A unit is one paragraph: outlets separate paragraphs with blank lines or, as often, with single
 * line breaks, so every line is a unit unless it plainly continues the one before (hard wrapping).
 */

/** One candidate paragraph. `kept` turns false when a rule removes it. */
export interface Unit {
  text: string;
  /** A blank line (or the end of the text) follows: a headline usually stands alone. */
  blankAfter: boolean;
  kept: boolean;
  /** {@link paragraphKey} of `keyed`, kept so that it is made once per text. */
  key: string;
  keyed: string | undefined;
}

/** Words a heading or a paragraph never ends on; a cut-off or hard-wrapped line often does. */
export const DANGLING: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'nor', 'of', 'to', 'in', 'on', 'at', 'for', 'with', 'by', 'from',
  'as', 'that', 'which', 'who', 'is', 'are', 'was', 'were', 'be', 'has', 'have', 'had', 'its', 'their',
  'his', 'her', 'than', 'into', 'said', 'says',
]);

const TERMINAL = /[.!?…:"”’')\]]$/u;
const SENTENCE_END = /[.!?…]["'”’)\]]*$/u;
const STARTS_LOWER = /^\p{Ll}/u;
const ENDS_MID_CLAUSE = /[,;]$/;

/** Splits `body` into units, joining hard-wrapped lines (a line that cannot end a paragraph). */
export function splitUnits(body: string): Unit[] {
  const units: Unit[] = [];
  // Loaders already turn line breaks into \n: the scan for \r is cheaper than a replace that finds none.
  for (const raw of (body.includes('\r') ? body.replace(/\r\n?/g, '\n') : body).split('\n')) {
    const line = raw.trim();
    const prev = units[units.length - 1];
    if (line === '') {
      if (prev) prev.blankAfter = true;
      continue;
    }
    if (prev && !prev.blankAfter && continues(prev.text, line)) prev.text += ` ${line}`;
    else units.push({ text: line, blankAfter: false, kept: true, key: '', keyed: undefined });
  }
  const last = units[units.length - 1];
  if (last) last.blankAfter = true;
  return units;
}

function continues(prev: string, next: string): boolean {
  return !TERMINAL.test(prev) && (STARTS_LOWER.test(next) || ENDS_MID_CLAUSE.test(prev) || endsDangling(prev));
}

/** True when the last word of `text` is one a paragraph or heading cannot end on. */
export function endsDangling(text: string): boolean {
  const last = /(\p{L}+)[^\p{L}]*$/u.exec(text.slice(-40));
  return last !== null && DANGLING.has(last[1]!.toLowerCase());
}

/** True for lines such as ".", "***" or "— •" that carry no words. */
export function isPunctuationOnly(text: string): boolean {
  return /^[\p{P}\p{S}\s]+$/u.test(text);
}

/** True when the text ends the way a sentence does, closing quotes and brackets allowed. */
export function endsSentence(text: string): boolean {
  return SENTENCE_END.test(text);
}

/** Words separated by whitespace (what `\s` matches), counted without splitting the text. */
export function countWords(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = isSpace(text.charCodeAt(i));
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}

/** The code units `\s` matches in a JavaScript regex. */
export function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** {@link paragraphKey} of the unit's text as it is now; computed again only once the text has changed. */
export function unitKey(unit: Unit): string {
  if (unit.keyed !== unit.text) {
    unit.key = paragraphKey(unit.text);
    unit.keyed = unit.text;
  }
  return unit.key;
}

/** Printable ASCII words separated by single spaces, with none at either end: already in normal form. */
const PLAIN = /^[!-~]+(?: [!-~]+)*$/;

/** The key under which two paragraphs count as the same: case and spacing do not matter. */
export function paragraphKey(text: string): string {
  // Most paragraphs are plain and skip normalising; one regex scan beats a loop over the characters.
  const plain = PLAIN.test(text) ? text : text.normalize('NFKC').replace(/\s+/g, ' ').trim();
  return plain.toLowerCase();
}
