/**
 * Sentence splitting for summaries read from files. Most systems write one sentence per line, but
 * some (DPP) put a whole summary on one line, and near-duplicate counting needs sentences.
 * A small heuristic is enough here: it only has to find the boundaries of well-edited newswire.
 */

// Words that end in a period without ending the sentence ("Gen. Augusto Pinochet", "Oct. 16").
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'rev', 'st', 'jr', 'sr', 'gen', 'lt', 'col', 'maj', 'capt', 'sgt', 'adm',
  'cmdr', 'brig', 'gov', 'sen', 'rep', 'pres', 'sec', 'gov', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug',
  'sep', 'sept', 'oct', 'nov', 'dec', 'inc', 'co', 'corp', 'ltd', 'no', 'vs', 'etc', 'mt', 'ft', 'ave',
]);

// A candidate boundary: end punctuation, optional closing quotes or brackets, space, then something
// that can start a sentence (a capital, a digit or an opening quote).
const BOUNDARY = /([.!?])(['"')\]]*)\s+(?=["'`(]*[A-Z0-9])/g;

/** Splits one line of running text into sentences. */
export function splitLine(line: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  for (const match of line.matchAll(BOUNDARY)) {
    const end = match.index + match[1]!.length + match[2]!.length;
    if (match[1] === '.' && isAbbreviation(line.slice(start, match.index))) continue;
    sentences.push(line.slice(start, end).trim());
    start = match.index + match[0].length;
  }
  const rest = line.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences;
}

function isAbbreviation(before: string): boolean {
  const word = /(\S+)$/.exec(before)?.[1] ?? '';
  // Single initials ("John F. Kennedy") and dotted acronyms ("U.S.", "U.N.") rarely end a sentence in news.
  if (/^[A-Z]$/.test(word) || /^([A-Za-z]\.)+[A-Za-z]$/.test(word)) return true;
  return ABBREVIATIONS.has(word.toLowerCase());
}

/** Splits a summary file's text (any mix of lines and running text) into sentences. */
export function splitSummarySentences(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .flatMap(splitLine);
}
