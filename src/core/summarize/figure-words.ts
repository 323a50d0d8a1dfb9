/**
 * The words figures are read from: a sentence's tokens as written (case, hyphens, commas kept),
 * numbers in digits and in words, and the vocabularies that say what a number measures.
 */

export interface Token {
  text: string;
  /** Where it starts and ends in the (NFKC) text. */
  start: number;
  end: number;
  lower: string;
  type: 'num' | 'word' | 'punct';
  /** Letters written onto a number: "th" of 11th, "km" of 150km. */
  suffix: string;
}

const TOKEN = /((?:\p{Lu}\.){2,})|(\d+(?:[.,]\d+)*)([\p{L}]*)|([\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*)|(\S)/gu;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const start = m.index;
    const end = start + m[0].length;
    const word = m[1] ?? m[4];
    if (m[2] !== undefined) tokens.push({ text: m[2], lower: m[2], type: 'num', suffix: (m[3] ?? '').toLowerCase(), start, end });
    else if (word !== undefined) tokens.push({ text: word, lower: word.toLowerCase(), type: 'word', suffix: '', start, end });
    else tokens.push({ text: m[5]!, lower: m[5]!, type: 'punct', suffix: '', start, end });
  }
  return tokens;
}

const UNITS: readonly string[] = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS: readonly string[] = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
// "first" and "second" are rarely ranks that outlets could disagree on ("the second city", "first olive branch").
const ORDINALS: readonly string[] = ['', '', '', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh',
  'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth', 'twentieth'];
export const CARDINAL_WORDS: ReadonlyMap<string, number> = new Map<string, number>([...UNITS.map((w, i) => [w, i] as const), ...TENS.map((w, i) => [w, i * 10] as const).filter(([w]) => w)]);
const ORDINAL_WORDS: ReadonlyMap<string, number> = new Map<string, number>(ORDINALS.map((w, i) => [w, i] as const).filter(([w]) => w));
export const MULTIPLIERS: ReadonlyMap<string, number> = new Map([['hundred', 1e2], ['thousand', 1e3], ['million', 1e6], ['billion', 1e9], ['trillion', 1e12], ['bn', 1e9]]);

export const MONTHS: ReadonlySet<string> = new Set(['jan', 'january', 'feb', 'february', 'mar', 'march', 'apr', 'april', 'may', 'jun', 'june', 'jul', 'july',
  'aug', 'august', 'sep', 'sept', 'september', 'oct', 'october', 'nov', 'november', 'dec', 'december']);
export const DAYS: ReadonlySet<string> = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export const CLOCK: ReadonlySet<string> = new Set(['am', 'pm', 'gmt', 'utc', 'est', 'edt', 'cet', 'bst', 'ist', 'pst', 'pdt', 'hrs', "o'clock"]);
/** Spans of time: "30 days", "17 years in power", "two hours and 10 minutes" are durations, not counts. */
export const DURATIONS: ReadonlySet<string> = new Set(['second', 'seconds', 'minute', 'minutes', 'hour', 'hours', 'day', 'days', 'week', 'weeks', 'month', 'months',
  'year', 'years', 'decade', 'decades', 'century', 'centuries', 'times', 'time', 'fold', 'yr', 'yrs', 'min', 'mins']);
/** Parts of a whole, not counts: "two-thirds", "one half". */
export const FRACTIONS: ReadonlySet<string> = new Set(['half', 'halves', 'third', 'thirds', 'quarter', 'quarters', 'fourth', 'fourths', 'fifth', 'fifths', 'tenth', 'tenths']);
/** Words that pick part of a sequence ("the first two weeks", "the past three years"): what follows is no total. */
export const SELECTORS: ReadonlySet<string> = new Set(['first', 'last', 'next', 'past', 'top', 'final', 'previous', 'initial', 'opening', 'coming', 'remaining', 'another', 'additional', 'further', 'extra']);
export const CURRENCY_BEFORE: ReadonlyMap<string, string> = new Map([['$', 'usd'], ['us$', 'usd'], ['dlrs', 'usd'], ['£', 'gbp'], ['€', 'eur'], ['¥', 'jpy'], ['rs', 'inr']]);
// Not "pounds": in American copy it is as often a weight.
export const CURRENCY_AFTER: ReadonlyMap<string, string> = new Map([['dollars', 'usd'], ['dollar', 'usd'], ['dlrs', 'usd'], ['sterling', 'gbp'], ['euros', 'eur'],
  ['euro', 'eur'], ['yen', 'jpy'], ['yuan', 'cny'], ['rupees', 'inr'], ['francs', 'fr'], ['marks', 'dem'], ['lire', 'itl'], ['pesos', 'peso'],
  ['rubles', 'rub'], ['roubles', 'rub'], ['afghanis', 'afn']]);
export const LENGTHS: ReadonlyMap<string, number> = new Map([['km', 1], ['kms', 1], ['kilometer', 1], ['kilometers', 1], ['kilometre', 1], ['kilometres', 1], ['mile', 1.609344],
  ['miles', 1.609344], ['meter', 0.001], ['meters', 0.001], ['metre', 0.001], ['metres', 0.001], ['feet', 0.0003048], ['foot', 0.0003048],
  ['ft', 0.0003048], ['yards', 0.0009144], ['yard', 0.0009144]]);
export const NAUTICAL = 1.852;
/** Words after a length that make it something else: a speed ("80 km per hour"), an area ("500 square miles"). */
export const NOT_A_LENGTH: ReadonlySet<string> = new Set(['per', 'an', 'a', 'square', 'sq', 'squared']);
/** Words that make a value approximate: "about 180", "some 2,000 kilometers". */
export const ABOUT: ReadonlySet<string> = new Set(['about', 'around', 'some', 'roughly', 'approximately', 'estimated', 'approx', 'circa']);

/** Roles a count of people can have, by the words that say it ("killing 60", "60 dead", "were wounded"). */
export const ROLES: ReadonlyMap<string, string> = new Map<string, string>([
  ...['killed', 'killing', 'kill', 'kills', 'dead', 'died', 'die', 'dies', 'dying', 'death', 'deaths', 'fatalities', 'perished', 'slain',
    'massacred', 'murdered', 'drowned'].map((w) => [w, 'dead'] as const),
  ...['injured', 'injuring', 'injuries', 'wounded', 'wounding', 'hurt', 'hospitalized', 'hospitalised'].map((w) => [w, 'injured'] as const),
  ...['missing', 'unaccounted'].map((w) => [w, 'missing'] as const),
  ...['arrested', 'arresting', 'detained', 'detaining', 'jailed'].map((w) => [w, 'arrested'] as const),
  ...['evacuated', 'displaced', 'homeless', 'evacuating'].map((w) => [w, 'displaced'] as const),
]);
/** Nouns for people in general: "60 people", "60 persons" and a bare "60 dead" count the same. */
export const PEOPLE: ReadonlySet<string> = new Set(['people', 'persons', 'person', 'individuals', 'victims']);
/** Where a noun phrase ends: after these words comes what is said about the count, not what it counts. */
export const PHRASE_END: ReadonlySet<string> = new Set(['may', 'might', 'could', 'would', 'must', 'said', 'says', 'say', 'including', 'according', 'per']);
/** Words that join two clauses: a role word beyond one belongs to the other clause's number. */
export const CLAUSE_JOINS: ReadonlySet<string> = new Set(['and', 'or', 'but', 'while', 'whereas']);
export const HEAD_WORDS = 4;
export const ROLE_REACH = 3;

/** Every word a number can be written with. */
export const NUMBER_WORDS: readonly string[] = [...CARDINAL_WORDS.keys(), ...ORDINAL_WORDS.keys()];

/**
 * False only for text in which no figure can be found: ASCII text with no digit and no number
 * word. Most sentences have none, and most of a digest's figure search is ruling them out.
 */
const MAY_COUNT = new RegExp(`[0-9]|[^\\0-\\x7f]|(?<![a-z0-9])(?:${NUMBER_WORDS.join('|')})(?![a-z0-9])`, 'i');
export const mayCount = (text: string): boolean => MAY_COUNT.test(text);

export const isCapitalised = (t: Token | undefined) => t?.type === 'word' && /^\p{Lu}/u.test(t.text);

export interface Parsed {
  value: number;
  ordinal: boolean;
  /** Index of the first token after the number and its multiplier. */
  end: number;
}

/** The number starting at token `i` ("2.8 million", "Sixty-seven", "11th", "ninth"), if one does. */
export function numberAt(tokens: Token[], i: number): Parsed | undefined {
  const t = tokens[i]!;
  let value: number;
  let ordinal = false;
  let end = i + 1;
  if (t.type === 'num') {
    if (/,/.test(t.text)) {
      if (!/^\d{1,3}(?:,\d{3})+$/.test(t.text)) return undefined;
      value = Number(t.text.replace(/,/g, ''));
    } else if (/^\d+(?:\.\d+)?$/.test(t.text)) value = Number(t.text);
    else return undefined;
    if (['st', 'nd', 'rd', 'th'].includes(t.suffix)) ordinal = true;
    else if (MULTIPLIERS.has(t.suffix)) value *= MULTIPLIERS.get(t.suffix)!;
    else if (t.suffix !== '' && !LENGTHS.has(t.suffix)) return undefined;
  } else if (t.type === 'word' && ORDINAL_WORDS.has(t.lower)) {
    value = ORDINAL_WORDS.get(t.lower)!;
    ordinal = true;
  } else if (t.type === 'word' && CARDINAL_WORDS.has(t.lower)) {
    value = CARDINAL_WORDS.get(t.lower)!;
  } else if (t.type === 'word' && /^[a-z]+-[a-z]+$/.test(t.lower)) {
    // "sixty-seven"; other hyphenated number words ("two-thirds", "two-story") are no counts.
    const [tens, unit] = t.lower.split('-') as [string, string];
    const v = CARDINAL_WORDS.get(tens);
    const u = CARDINAL_WORDS.get(unit);
    if (v === undefined || v < 20 || v % 10 !== 0 || u === undefined || u === 0 || u > 9) return undefined;
    value = v + u;
  } else return undefined;
  if (!ordinal && t.suffix === '') {
    const m = tokens[end];
    // "500 billion", and "500 billion-worth".
    if (m?.type === 'word' && MULTIPLIERS.has(m.lower.split('-')[0]!)) {
      value *= MULTIPLIERS.get(m.lower.split('-')[0]!)!;
      end++;
    }
  }
  return { value, ordinal, end };
}

export const wordAt = (tokens: Token[], i: number) => (tokens[i]?.type === 'word' ? tokens[i]!.lower : undefined);
export const isNumberToken = (tokens: Token[], i: number) => tokens[i] !== undefined && numberAt(tokens, i) !== undefined;

/**
 * The key of a counted noun: its singular, lowercased ("capitals" -> "capital"). Not its stem:
 * Porter makes "spacewalkers" and "spacewalks" one word, and they are two things to count.
 */
export function singular(word: string): string {
  const w = word.toLowerCase().replace(/['’]s$/, '');
  const irregular = IRREGULAR.get(w);
  if (irregular) return irregular;
  if (w.endsWith('men') && w.length > 4) return `${w.slice(0, -3)}man`;
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (/(?:ss|ch|sh|x)es$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w) && w.length > 3) return w.slice(0, -1);
  return w;
}
const IRREGULAR: ReadonlyMap<string, string> = new Map([['children', 'child'], ['women', 'woman'], ['men', 'man'], ['people', 'person'], ['feet', 'foot'], ['teeth', 'tooth'], ['mice', 'mouse']]);
