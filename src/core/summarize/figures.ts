import type { Disagreement, SourceRef } from '../types.ts';

/** A number in a sentence and what it counts ("10" + {provinci, capit}). */
export interface Figure {
  value: number;
  /** As written: "ninth", "10", "11th". */
  written: string;
  /** Stems of the content words that follow the number: what it counts. */
  unit: string[];
  /** The unit words as written, for display ("provincial capitals"). */
  unitText: string;
}

export interface TextTools {
  words(text: string): string[];
  stem(word: string): string;
  stopwords: ReadonlySet<string>;
}

const CARDINALS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten',
  'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];
const ORDINALS = ['zeroth', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth',
  'tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth',
  'eighteenth', 'nineteenth', 'twentieth'];
const WORD_VALUES = new Map<string, number>([
  ...CARDINALS.map((w, i) => [w, i] as [string, number]),
  // "first" and "second" are rarely counts ("the second city", "first olive branch").
  ...ORDINALS.slice(3).map((w, i) => [w, i + 3] as [string, number]),
]);
const UNIT_WINDOW = 3;

/**
 * False only for text in which `words` can find no number: ASCII text with no digit and no number
 * word. Most sentences have none, and most of a digest's figure search is ruling them out.
 */
const MAY_COUNT = new RegExp(`[0-9]|[^\\0-\\x7f]|(?<![a-z0-9])(?:${[...WORD_VALUES.keys()].join('|')})(?![a-z0-9])`, 'i');
export const mayCount = (text: string): boolean => MAY_COUNT.test(text);

export function numberValue(word: string): number | undefined {
  const m = /^(\d{1,9})(?:st|nd|rd|th)?$/.exec(word);
  if (m) return Number(m[1]);
  return WORD_VALUES.get(word);
}

/** Numbers with the words they count. Years are dates, not figures, and are left out. */
export function extractFigures(text: string, tools: TextTools): Figure[] {
  if (!mayCount(text)) return [];
  const words = tools.words(text);
  const figures: Figure[] = [];
  for (let i = 0; i < words.length; i++) {
    const written = words[i]!;
    const value = numberValue(written);
    if (value === undefined || (/^\d{4}$/.test(written) && value >= 1900 && value <= 2100)) continue;
    const following = words.slice(i + 1, i + 1 + UNIT_WINDOW);
    const content = following.filter((w) => !tools.stopwords.has(w) && numberValue(w) === undefined && w.length > 1);
    if (content.length === 0) continue;
    const lastContent = following.lastIndexOf(content[content.length - 1]!);
    figures.push({
      value,
      written,
      unit: [...new Set(content.map((w) => tools.stem(w)))],
      unitText: following.slice(0, lastContent + 1).join(' '),
    });
  }
  return figures;
}

/** Two figures count the same thing when what follows them shares two stems (or is the same one word). */
export function sameUnit(a: readonly string[], b: readonly string[]): boolean {
  let shared = 0;
  for (const stem of a) if (b.includes(stem)) shared++;
  return shared >= 2 || (shared === 1 && a.length === 1 && b.length === 1 && !GENERIC_UNITS.has(a[0]!));
}

// Single-word units too common to tell two claims apart ("30 days" and "two days" are not one claim).
const GENERIC_UNITS = new Set(['dai', 'year', 'week', 'month', 'hour', 'minut', 'time', 'peopl', 'percent', 'per']);

// Case and quotes aside: "deccanherald.com" before "Reuters", a quoted title among the outlets by its words.
const OUTLET_ORDER = new Intl.Collator('en', { sensitivity: 'base', ignorePunctuation: true });
const byOutlet = (a: SourceRef, b: SourceRef): number =>
  OUTLET_ORDER.compare(a.source, b.source) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);

export interface FigureMention {
  figure: Figure;
  article: number;
  source: SourceRef;
}

/**
 * Where outlets give different values for what `figure` counts. An outlet that gives
 * several values for it (e.g. "30 days" and later "90 days") is describing different
 * things and is left out of the comparison.
 */
export function findDisagreement(figure: Figure, mentions: readonly FigureMention[]): Disagreement | undefined {
  const perArticle = new Map<number, { values: Set<number>; written: Set<string>; source: SourceRef }>();
  for (const m of mentions) {
    if (!sameUnit(figure.unit, m.figure.unit)) continue;
    const entry = perArticle.get(m.article) ?? { values: new Set<number>(), written: new Set<string>(), source: m.source };
    entry.values.add(m.figure.value);
    entry.written.add(m.figure.written);
    perArticle.set(m.article, entry);
  }
  const byValue = new Map<number, { written: Set<string>; sources: SourceRef[] }>();
  for (const entry of perArticle.values()) {
    if (entry.values.size !== 1) continue;
    const value = [...entry.values][0]!;
    const claim = byValue.get(value) ?? { written: new Set<string>(), sources: [] };
    for (const w of entry.written) claim.written.add(w);
    claim.sources.push(entry.source);
    byValue.set(value, claim);
  }
  if (byValue.size < 2) return undefined;
  // "tenth" and "10" are the same count told two ways: one claim, both spellings shown. The order
  // is the same in every digest, whatever order its articles came in: values by number, each
  // value's spellings in character order (figures first), its outlets alphabetically.
  const claims = [...byValue.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([, claim]) => ({ value: [...claim.written].sort().join(' / '), sources: claim.sources.sort(byOutlet) }));
  return { about: figure.unitText, claims };
}
