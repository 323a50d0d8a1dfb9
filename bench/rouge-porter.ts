/**
 * The Porter (1980) stemmer exactly as ROUGE-1.5.5 ships it.
 *
 * Why not the `stemmer` package: ROUGE-1.5.5 carries a modified step 4 (Chin-Yew Lin, 2004) in which
 * `-ment` and `-ent` are tried one after the other instead of as alternatives of one longest-suffix
 * rule, so "agreement" becomes "agreem" where the textbook algorithm leaves it alone. Scores only
 * reproduce the published tables if both sides are stemmed the same way ROUGE does it.
 *
 * The measure m of a stem is expressed, as in the Perl original, with regular expressions over
 * consonant (c) and vowel (v) classes; an initial "y" is upper-cased first so that it counts as a
 * consonant.
 */

const c = '[^aeiou]';
const v = '[aeiouy]';
const C = `${c}[^aeiouy]*`;
const V = `${v}[aeiou]*`;

/** m > 0 */
const mGt0 = new RegExp(`^(${C})?${V}${C}`);
/** m = 1 */
const mEq1 = new RegExp(`^(${C})?${V}${C}(${V})?$`);
/** m > 1 */
const mGt1 = new RegExp(`^(${C})?${V}${C}${V}${C}`);
/** The stem contains a vowel. */
const hasVowel = new RegExp(`^(${C})?${v}`);
/** The whole word is consonant-vowel-consonant, the last not w, x or y (Porter's *o). */
const shortCvc = new RegExp(`^${C}${v}[^aeiouwxy]$`);

const step2: Record<string, string> = {
  ational: 'ate', tional: 'tion', enci: 'ence', anci: 'ance', izer: 'ize', bli: 'ble', alli: 'al',
  entli: 'ent', eli: 'e', ousli: 'ous', ization: 'ize', ation: 'ate', ator: 'ate', alism: 'al',
  iveness: 'ive', fulness: 'ful', ousness: 'ous', aliti: 'al', iviti: 'ive', biliti: 'ble', logi: 'log',
};
const step3: Record<string, string> = {
  icate: 'ic', ative: '', alize: 'al', iciti: 'ic', ical: 'ic', ful: '', ness: '',
};
// Alternation order matters only for suffixes that start at the same position; JS and Perl both
// take the leftmost match, then the first alternative, so these mirror the original lists.
const step2Re = new RegExp(`(${Object.keys(step2).join('|')})$`);
const step3Re = new RegExp(`(${Object.keys(step3).join('|')})$`);
const step4Re = /(al|ance|ence|er|ic|able|ible|ant|ement|ou|ism|ate|iti|ous|ive|ize)$/;

/**
 * Stems one lowercase token the way ROUGE-1.5.5's `stem` does (words shorter than 3 are returned as is).
 * ROUGE itself only calls it on tokens longer than 3 characters; that rule lives in the tokenizer.
 */
export function rougePorterStem(word: string): string {
  if (word.length < 3) return word;
  const initialY = word.startsWith('y');
  let w = initialY ? `Y${word.slice(1)}` : word;
  let m: RegExpExecArray | null;

  // Step 1a: plurals.
  if ((m = /(ss|i)es$/.exec(w))) w = w.slice(0, m.index) + m[1];
  else if ((m = /([^s])s$/.exec(w))) w = w.slice(0, m.index) + m[1];

  // Step 1b: -eed, -ed, -ing.
  if ((m = /eed$/.exec(w))) {
    if (mGt0.test(w.slice(0, m.index))) w = w.slice(0, -1);
  } else if ((m = /(ed|ing)$/.exec(w))) {
    const stem = w.slice(0, m.index);
    if (hasVowel.test(stem)) {
      w = stem;
      if (/(at|bl|iz)$/.test(w)) w += 'e';
      else if (/([^aeiouylsz])\1$/.test(w)) w = w.slice(0, -1);
      else if (shortCvc.test(w)) w += 'e';
    }
  }

  // Step 1c: terminal y to i when the stem has a vowel.
  if ((m = /y$/.exec(w))) {
    const stem = w.slice(0, m.index);
    if (hasVowel.test(stem)) w = `${stem}i`;
  }

  // Steps 2 and 3: double and single suffix mappings, m > 0.
  if ((m = step2Re.exec(w))) {
    const stem = w.slice(0, m.index);
    if (mGt0.test(stem)) w = stem + step2[m[1]!];
  }
  if ((m = step3Re.exec(w))) {
    const stem = w.slice(0, m.index);
    if (mGt0.test(stem)) w = stem + step3[m[1]!];
  }

  // Step 4, ROUGE's variant: -ment and -ent are separate, successive rules (see the file comment).
  if ((m = step4Re.exec(w))) {
    const stem = w.slice(0, m.index);
    if (mGt1.test(stem)) w = stem;
  }
  if ((m = /ment$/.exec(w))) {
    const stem = w.slice(0, m.index);
    if (mGt1.test(stem)) w = stem;
  }
  if ((m = /ent$/.exec(w))) {
    const stem = w.slice(0, m.index);
    if (mGt1.test(stem)) w = stem;
  } else if ((m = /(s|t)(ion)$/.exec(w))) {
    const stem = w.slice(0, m.index) + m[1];
    if (mGt1.test(stem)) w = stem;
  }

  // Step 5: final -e and -ll.
  if ((m = /e$/.exec(w))) {
    const stem = w.slice(0, m.index);
    if (mGt1.test(stem) || (mEq1.test(stem) && !shortCvc.test(stem))) w = stem;
  }
  if (/ll$/.test(w) && mGt1.test(w)) w = w.slice(0, -1);

  return initialY ? `y${w.slice(1)}` : w;
}
