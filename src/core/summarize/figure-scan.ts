/**
 * The figures of one sentence and what each measures. Words are read as written (case, hyphens,
 * commas, parentheses), since what tells a count from a date, an age or a score is exactly what the
 * index's terms leave out: "Aug. 7", "Qin Yongmin, 45,", "3-0", "500 kilometers (300 miles)".
 */

import {
  ABOUT,
  CARDINAL_WORDS,
  CLAUSE_JOINS,
  CLOCK,
  CURRENCY_AFTER,
  CURRENCY_BEFORE,
  DAYS,
  DURATIONS,
  FRACTIONS,
  HEAD_WORDS,
  LENGTHS,
  MONTHS,
  MULTIPLIERS,
  NAUTICAL,
  NOT_A_LENGTH,
  PEOPLE,
  PHRASE_END,
  ROLE_REACH,
  ROLES,
  SELECTORS,
  isCapitalised,
  isNumberToken,
  mayCount,
  numberAt,
  singular,
  tokenize,
  wordAt,
  type Token,
} from './figure-words.ts';

export { mayCount } from './figure-words.ts';

/** What a number measures: a count of things, a rank, a share, an amount of money, a length, or a named person's age. */
export type FigureKind = 'count' | 'ordinal' | 'percent' | 'money' | 'length' | 'age';

/** How a value was given: as is, roughly ("about 180"), or as a bound ("at least 60", "nearly 600"). */
export type Bound = 'exact' | 'about' | 'atLeast' | 'atMost';

export interface Figure {
  /** In the kind's own unit: lengths in km, money in the currency, "2.8 million" as 2800000. */
  value: number;
  /** As written: "ninth", "10", "1,200", "$4 billion". */
  written: string;
  kind: FigureKind;
  /**
   * What is measured, as a key: the counted noun in the singular ("capital" for provincial capitals;
   * "person" for people, persons and a bare toll such as "60 dead"), the currency, "km", "percent";
   * for an age, whose it is ("qin yongmin"): two people's ages are two quantities.
   */
  unit: string;
  /** What happened to what is counted: dead, injured, missing, arrested; "" when nothing says. */
  role: string;
  /** The words that say what it measures, for display ("provincial capitals", "people killed"). */
  unitText: string;
  bound: Bound;
  /**
   * Lowercased words of the proper names in the sentence, those of the counted noun left out, nearest
   * first. For an age, the name of the person it is the age of, and only that ("qin yongmin").
   */
  names: string[];
  /** The nearest of them as written ("Ghazni"), to name the subject of a rank. */
  nearest?: string;
}

export interface ScanTools {
  stopwords: ReadonlySet<string>;
}

/**
 * Why the number at `i` (ending before `end`) is no figure to compare: a year, a date, a time, an
 * age, a score or range, part of a sequence, a subset, an identifier ("Game 2"), a previous value.
 */
function notAFigure(tokens: Token[], i: number, end: number): boolean {
  const t = tokens[i]!;
  const prev = tokens[i - 1];
  const prev2 = tokens[i - 2];
  const next = tokens[end];
  // Years, and decades ("the 1990s").
  if (t.type === 'num' && /^\d{4}$/.test(t.text) && t.suffix === '' && Number(t.text) >= 1000 && Number(t.text) <= 2100) return true;
  if (t.suffix === 's') return true;
  if (prev?.lower === "'" || prev?.lower === '’') return true;
  // Dates: "Aug. 7", "Aug 7", "12th August", "7 of August"; times: "05:40", "5 p.m.".
  const before = prev?.lower === '.' ? prev2 : prev;
  if (before?.type === 'word' && MONTHS.has(before.lower) && before.text !== 'may' && before.text !== 'march') return true;
  const after = wordAt(tokens, end) === 'of' ? tokens[end + 1] : next;
  if (after?.type === 'word' && MONTHS.has(after.lower) && (after.text !== 'may' && after.text !== 'march')) return true;
  if (next?.lower === ':' && tokens[end + 1]?.type === 'num') return true;
  if (prev?.lower === ':' && prev2?.type === 'num') return true;
  if (next?.type === 'word' && CLOCK.has(next.lower)) return true;
  if ((next?.lower === 'a' || next?.lower === 'p') && tokens[end + 1]?.lower === '.' && wordAt(tokens, end + 2) === 'm') return true;
  // Scores, ranges and seasons: "3-0", "1998-99", "17-18"; "13 to 18", "10 or 11", "between 30 and 40".
  if ((next?.lower === '-' || next?.lower === '–' || next?.lower === '/') && isNumberToken(tokens, end + 1)) return true;
  if ((prev?.lower === '-' || prev?.lower === '–' || prev?.lower === '/') && prev2 !== undefined && (prev2.type === 'num' || prev2.type === 'word')) return true;
  if ((next?.lower === 'to' || next?.lower === 'or' || next?.lower === 'and') && (isNumberToken(tokens, end + 1) || CURRENCY_BEFORE.has(tokens[end + 1]?.lower ?? ''))) {
    if (next.lower !== 'and' || tokens.slice(Math.max(0, i - 3), i).some((x) => x.lower === 'between')) return true;
  }
  if ((prev?.lower === 'to' || prev?.lower === 'or' || prev?.lower === 'and') && (prev2?.type === 'num' || (prev2 && MULTIPLIERS.has(prev2.lower)) || (prev2 && CARDINAL_WORDS.has(prev2.lower)))) return true;
  if (prev?.lower === 'between') return true;
  // A value something changed from ("cut from 171 to 145", "from dlrs 70 billion"): the old one.
  for (let k = i - 1; k >= Math.max(0, i - 3); k--) {
    if (tokens[k]!.lower === 'from') return true;
    if (tokens[k]!.type !== 'word' && !CURRENCY_BEFORE.has(tokens[k]!.lower)) break;
  }
  // Ages: "Qin Yongmin, 45,", "(45)", "aged 45", "the age of 77", "45 years old", "82-year-old".
  if (prev?.lower === ',' && isCapitalised(prev2) && (next === undefined || [',', ')', ';', '.'].includes(next.lower) || next.lower === 'and')) return true;
  if (prev?.lower === '(' && isCapitalised(prev2) && next?.lower === ')') return true;
  if (prev?.lower === 'aged' || prev?.lower === 'age' || (prev?.lower === 'of' && prev2?.lower === 'age')) return true;
  if (next?.type === 'word' && DURATIONS.has(next.lower)) return true;
  if (next?.lower === '-' && tokens[end + 1]?.type === 'word') {
    const compound = tokens[end + 1]!.lower.split('-')[0]!;
    if (DURATIONS.has(compound) || FRACTIONS.has(compound)) return true;
  }
  if (next?.type === 'word' && FRACTIONS.has(next.lower) && !t.suffix) return true;
  // A subset ("20 of them", "one of which", "70 of the 513 seats") and part of a sequence ("the first two weeks").
  if (wordAt(tokens, end) === 'of') return true;
  if (prev?.lower === 'the' && wordAt(tokens, i - 2) === 'of' && tokens[i - 3] && isNumberToken(tokens, i - 3)) return true;
  if (t.lower === 'one' && ['another', 'by', 'day', 'point', 'time', 'way'].includes(wordAt(tokens, end) ?? '')) return true;
  if (t.lower === 'one' && ['no', 'the', 'any', 'every', 'each', 'this', 'that', 'only'].includes(prev?.lower ?? '')) return true;
  if (prev?.type === 'word' && SELECTORS.has(prev.lower)) return true;
  if (prev?.type === 'word' && (prev.lower === 'more' || prev.lower === 'other') && wordAt(tokens, i - 2) === 'the') return true;
  // Identifiers: "Game 2", "Apollo 11", "No. 1", "number 3", "F-16", "Resolution 1199".
  if (t.type === 'num' && prev?.type === 'word' && isCapitalised(prev) && !/['’]s$/.test(prev.text) && i - 1 > 0 && !DAYS.has(prev.lower) && !MONTHS.has(prev.lower)) return true;
  if (prev?.lower === 'number' || prev?.lower === '#' || (prev?.lower === '.' && prev2?.lower === 'no')) return true;
  return false;
}

interface Measure {
  kind: FigureKind;
  unit: string;
  factor: number;
  /** Index of the first token after the unit words. */
  end: number;
  text: string;
}

/** A unit written right after the number: percent, a currency, a length. */
function measureAfter(tokens: Token[], at: number, suffix: string): Measure | undefined {
  if (LENGTHS.has(suffix)) return { kind: 'length', unit: 'km', factor: LENGTHS.get(suffix)!, end: at, text: suffix };
  // "a 50-foot arm"
  if (tokens[at]?.lower === '-' && LENGTHS.has(wordAt(tokens, at + 1) ?? '')) {
    return { kind: 'length', unit: 'km', factor: LENGTHS.get(wordAt(tokens, at + 1)!)!, end: at + 2, text: tokens[at + 1]!.text };
  }
  const w = wordAt(tokens, at);
  if (tokens[at]?.lower === '%' || w === 'percent' || w === 'pct') return { kind: 'percent', unit: 'percent', factor: 1, end: at + 1, text: 'percent' };
  if (w === 'per' && wordAt(tokens, at + 1) === 'cent') return { kind: 'percent', unit: 'percent', factor: 1, end: at + 2, text: 'per cent' };
  if (w === 'percentage') return undefined;
  if (w && CURRENCY_AFTER.has(w)) return { kind: 'money', unit: CURRENCY_AFTER.get(w)!, factor: 1, end: at + 1, text: tokens[at]!.text };
  if (w === 'nautical' && (wordAt(tokens, at + 1) === 'miles' || wordAt(tokens, at + 1) === 'mile')) {
    return { kind: 'length', unit: 'km', factor: NAUTICAL, end: at + 2, text: 'nautical miles' };
  }
  if (w && LENGTHS.has(w)) return { kind: 'length', unit: 'km', factor: LENGTHS.get(w)!, end: at + 1, text: tokens[at]!.text };
  return undefined;
}

/** A currency written before the number: "$4 billion", "US$ 30", "dlrs 50 billion". */
function currencyBefore(tokens: Token[], i: number): string | undefined {
  const prev = tokens[i - 1]?.lower;
  if (prev && CURRENCY_BEFORE.has(prev)) {
    if (prev === '$' && wordAt(tokens, i - 2) === 'us') return 'usd';
    return CURRENCY_BEFORE.get(prev);
  }
  if (prev === '.' && wordAt(tokens, i - 2) === 'rs') return 'inr';
  return undefined;
}

/** How a value was given, and the index of the token its words start at ("at least 60" starts at "at"). */
function boundOf(tokens: Token[], i: number): { bound: Bound; from: number } {
  let k = i - 1;
  if (tokens[k] && CURRENCY_BEFORE.has(tokens[k]!.lower)) k--;
  const w = (n: number) => wordAt(tokens, k - n);
  const [w1, w2, w3] = [w(0), w(1), w(2)];
  if ((w1 === 'least' && w2 === 'at') || (w1 === 'than' && w2 === 'more') || (w1 === 'of' && (w2 === 'excess' || w2 === 'upwards'))) {
    return { bound: 'atLeast', from: w2 === 'excess' && w3 === 'in' ? k - 2 : k - 1 };
  }
  if (w1 === 'over' || w1 === 'exceeding' || w1 === 'above') return { bound: 'atLeast', from: k };
  if ((w1 === 'than' && (w2 === 'less' || w2 === 'fewer')) || (w1 === 'to' && w2 === 'up')) return { bound: 'atMost', from: k - 1 };
  if (w1 === 'nearly' || w1 === 'almost' || w1 === 'under' || w1 === 'below') return { bound: 'atMost', from: k };
  if (w1 === 'as' && w2 === 'many' && w3 === 'as') return { bound: 'atMost', from: k - 2 };
  if (w1 === 'to' && w2 === 'close') return { bound: 'about', from: k - 1 };
  if (w1 && ABOUT.has(w1)) return { bound: 'about', from: k };
  return { bound: 'exact', from: k + 1 };
}

/** The role said within a few words before the number ("killing 60") or after what it counts ("60 people died"). */
function roleOf(tokens: Token[], i: number, after: number): { role: string; before: boolean } {
  for (let k = i - 1, n = 0; k >= 0 && n < ROLE_REACH + 1; k--, n++) {
    const t = tokens[k]!;
    if (t.type !== 'word' || CLAUSE_JOINS.has(t.lower)) break;
    const role = ROLES.get(t.lower);
    if (role) return { role, before: true };
    if (t.lower === 'toll' && wordAt(tokens, k - 1) === 'death') return { role: 'dead', before: true };
  }
  for (let k = after, n = 0; k < tokens.length && n < ROLE_REACH; k++, n++) {
    const t = tokens[k]!;
    if (t.type !== 'word' || CLAUSE_JOINS.has(t.lower)) break;
    const role = ROLES.get(t.lower);
    if (role) return { role, before: false };
  }
  return { role: '', before: false };
}

/** Lowercased words of the sentence's proper names, nearest to `at` first, skipping tokens in `skip`. */
function namesNear(tokens: Token[], at: number, skip: ReadonlySet<number>, stopwords: ReadonlySet<string>): { words: string[]; nearest?: string } {
  const found: { word: string; written: string; distance: number }[] = [];
  tokens.forEach((t, k) => {
    if (skip.has(k) || !isCapitalised(t)) return;
    const lower = t.lower.replace(/['’]s$/, '');
    if (stopwords.has(lower) || MONTHS.has(lower) || DAYS.has(lower) || numberAt(tokens, k)) return;
    found.push({ word: lower, written: t.text.replace(/['’]s$/, ''), distance: Math.abs(k - at) });
  });
  found.sort((a, b) => a.distance - b.distance);
  return { words: [...new Set(found.map((f) => f.word))], nearest: found[0]?.written };
}

/**
 * The person whose age the number at `i` is, written in apposition after the name ("Qin Yongmin,
 * 45, a veteran dissident", "Wang, 31, and"): the capitalised words before the comma. Other ages
 * ("82-year-old", "aged 45") are left out, as are numbers that are no age ("in Goteborg, 60 people").
 */
function apposedAge(tokens: Token[], i: number, end: number, stopwords: ReadonlySet<string>): Token[] | undefined {
  const t = tokens[i]!;
  const next = tokens[end];
  if (t.type !== 'num' || t.suffix !== '' || !/^\d{1,3}$/.test(t.text) || Number(t.text) > 120 || end !== i + 1) return undefined;
  if (tokens[i - 1]?.lower !== ',' || !(next === undefined || [',', ')', ';', '.'].includes(next.lower) || next.lower === 'and')) return undefined;
  const run: Token[] = [];
  for (let k = i - 2; k >= 0 && run.length < 4 && isCapitalised(tokens[k]) && !stopwords.has(tokens[k]!.lower) && !DAYS.has(tokens[k]!.lower) && !MONTHS.has(tokens[k]!.lower); k--) run.unshift(tokens[k]!);
  return run.length > 0 ? run : undefined;
}

/**
 * The full name an article gives a person it also names by one word ("Wang" -> "Wang Youcai"): the
 * one run of two or more capitalised words in its texts that holds the word, or undefined when none
 * or several do (two Wangs are not one).
 */
export function fullName(word: string, texts: readonly string[], stopwords: ReadonlySet<string>): string | undefined {
  const found = new Set<string>();
  for (const text of texts) {
    if (!text.includes(word)) continue;
    const tokens = tokenize(text.normalize('NFKC'));
    for (let k = 0; k < tokens.length; k++) {
      if (!isCapitalised(tokens[k]) || isCapitalised(tokens[k - 1])) continue;
      let e = k;
      while (isCapitalised(tokens[e])) e++;
      // "The" or "On" opening a sentence is no part of a name.
      const run = tokens.slice(k, e).filter((t) => !stopwords.has(t.lower)).map((t) => t.text.replace(/['’]s$/, ''));
      if (run.length >= 2 && run.length <= 4 && run.includes(word)) found.add(run.join(' '));
    }
  }
  return found.size === 1 ? [...found][0] : undefined;
}

/** Every figure of a sentence that says what it measures. */
export function scanFigures(text: string, tools: ScanTools): Figure[] {
  if (!mayCount(text)) return [];
  const normal = text.normalize('NFKC');
  const tokens = tokenize(normal);
  const figures: Figure[] = [];
  // Where the last number and the last measure ("500 kilometers") ended, in tokens.
  let next = 0;
  let measureEnd = -1;
  for (let i = 0; i < tokens.length; i++) {
    if (i < next) continue;
    const parsed = numberAt(tokens, i);
    if (!parsed) continue;
    const { ordinal } = parsed;
    let { value, end } = parsed;
    next = end;
    const person = apposedAge(tokens, i, end, tools.stopwords);
    if (person) {
      const name = person.map((t) => t.text).join(' ');
      figures.push({ value, written: tokens[i]!.text, kind: 'age', unit: name.toLowerCase(), role: '', unitText: `age of ${name}`, bound: 'exact', names: [name.toLowerCase()], nearest: name });
      continue;
    }
    if (notAFigure(tokens, i, end)) continue;
    // "500 kilometers (300 miles)": the figure in parentheses restates the one before it.
    if (tokens[i - 1]?.lower === '(' && measureEnd === i - 1) continue;
    let kind: FigureKind = ordinal ? 'ordinal' : 'count';
    let unit = '';
    let unitText = '';
    const currency = ordinal ? undefined : currencyBefore(tokens, i);
    const measure = ordinal ? undefined : measureAfter(tokens, end, tokens[i]!.suffix);
    if (currency) {
      kind = 'money';
      unit = currency;
      unitText = tokens[i - 1]!.text;
    } else if (measure) {
      if (measure.kind === 'length' && NOT_A_LENGTH.has(wordAt(tokens, measure.end) ?? '')) continue;
      if (measure.kind === 'length' && wordAt(tokens, i - 1) === 'square') continue;
      kind = measure.kind;
      unit = measure.unit;
      value *= measure.factor;
      unitText = measure.text;
      end = measure.end;
      measureEnd = end;
    }
    // What it counts: the words that follow, up to the end of the noun phrase; the last is its head.
    const head: Token[] = [];
    const headAt = new Set<number>();
    let k = end;
    const compound = kind === 'count' && tokens[k]?.lower === '-' && tokens[k + 1]?.type === 'word';
    if (compound) {
      // "124-member council", "60-seat majority": the number counts the word after the hyphen; what
      // follows is what has them, its subject.
      head.push(tokens[k + 1]!);
      k += 2;
    } else if (kind === 'count' || kind === 'ordinal') {
      for (; k < tokens.length && head.length < HEAD_WORDS; k++) {
        const t = tokens[k]!;
        if (t.type !== 'word' || tools.stopwords.has(t.lower) || PHRASE_END.has(t.lower) || ROLES.has(t.lower) || numberAt(tokens, k)) break;
        head.push(t);
        headAt.add(k);
      }
    } else if (kind === 'percent' && wordAt(tokens, end) === 'of') {
      // "16 percent of children": what the share is of.
      for (k = end + 1; k < tokens.length && head.length < HEAD_WORDS; k++) {
        const t = tokens[k]!;
        if (t.type !== 'word' || PHRASE_END.has(t.lower) || (tools.stopwords.has(t.lower) && head.length > 0)) break;
        if (tools.stopwords.has(t.lower)) continue;
        head.push(t);
        headAt.add(k);
      }
    }
    const { role, before } = kind === 'count' ? roleOf(tokens, i, k) : { role: '', before: false };
    // "six others died later" counts those beyond a toll given before, not a toll; "wounding 22 others" is one.
    const others = wordAt(tokens, end) === 'other' || wordAt(tokens, end) === 'others';
    if (others && !(role && before)) continue;
    if (kind === 'count' || kind === 'ordinal') {
      const last = head[head.length - 1];
      if (last && DURATIONS.has(last.lower)) continue;
      if ((last && PEOPLE.has(last.lower)) || (!last && role && kind === 'count') || others) unit = 'person';
      else if (last) unit = singular(last.lower);
      else continue;
      unitText = unit === 'person' && (!last || others) ? 'people' : head.map((t) => t.text).join(' ');
    } else if (kind === 'percent' && head.length > 0) {
      // A share of children is not a share of revenue.
      unit = `percent of ${singular(head[head.length - 1]!.lower)}`;
      unitText = `percent of ${head.map((t) => t.text).join(' ')}`;
    }
    const { words: names, nearest } = namesNear(tokens, i, kind === 'count' || kind === 'ordinal' ? headAt : new Set(), tools.stopwords);
    const { bound, from } = boundOf(tokens, i);
    // As the outlet wrote it, with its "at least" and its unit: "at least 60", "about 500 kilometers".
    const last = kind === 'length' || kind === 'percent' ? end - 1 : parsed.end - 1;
    const figure: Figure = { value, written: normal.slice(tokens[from]!.start, tokens[last]!.end), kind, unit, role, unitText, bound, names };
    if (nearest) figure.nearest = nearest;
    figures.push(figure);
    next = Math.max(end, i + 1);
  }
  return figures;
}
