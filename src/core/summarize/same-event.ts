import type { Sentence } from '../types.ts';
import type { TermSpace } from './term-space.ts';
import { GENERIC_TUNING } from './tuning.ts';

/**
 * Whether two sentences tell one event: they share at least 3 of their event words and at least
 * half of the event words of the one that has fewer. Event words are a sentence's terms (content
 * words, stemmed and synonym-folded) less those that say when or that someone spoke: "Pinochet was
 * arrested in London on Oct. 16 at the instigation of Spanish magistrate Baltasar Garzon ..." and
 * "The 82-year-old Pinochet was arrested Friday at a Spanish magistrate's request" share pinochet,
 * arrest, spanish and magistrate, more than half of the second's seven (82, old, pinochet, arrest, spanish,
 * magistrate, request).
 * Same-fact grouping (similarity.ts) weighs words by rarity, so a retelling with a new detail or
 * two (an age, a day) passes it as a new fact; this counts each word alike.
 */
function tellSameEvent(shared: number, sizeA: number, sizeB: number, share = SHARE): boolean {
  return shared >= MIN_SHARED && shared >= share * Math.min(sizeA, sizeB);
}

// Three, as same-fact grouping asks (similarity.ts): two short sentences about one place are not one
// event (2 to 4 chose the same items on the DUC clusters). A half (tuning.ts, `sameEventShare`):
// chosen by two-fold cross-validation (docs/summarizer.md section 7).
const MIN_SHARED = 3;
const SHARE = GENERIC_TUNING.sameEventShare;

/** Words that say when something happened or that someone spoke, not what happened. */
const NOT_EVENT: readonly string[] = [
  'said', 'say', 'says', 'told', 'tell', 'report', 'reported', 'added', 'according',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'today', 'yesterday',
  'week', 'month', 'year', 'day', 'last', 'next', 'ago', 'earlier', 'later',
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
];

/**
 * The numbers a sentence gives that count or number something ("campaign number 20", "flight 17",
 * "3 people"), as the corpus's terms spell them; not a date's day ("Oct. 16"), a year ("1998",
 * "the 1998-99 season") or an age ("82-year-old", "the league's 51-year history"), which a retelling
 * adds or leaves out.
 */
function countsOf(text: string): string[] {
  return Array.from(text.matchAll(COUNT), ([number]) => number.replace(/,/g, '')).filter((n) => !YEAR.test(n));
}
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\\.?';
const COUNT = new RegExp(
  `(?<!${MONTH} )(?<![\\d,]|\\d\\.|(?:19|20)\\d\\d-)\\d[\\d,]*(?:st|nd|rd|th)?(?![\\d,]*(?:-years?\\b| years?[- ]old))(?!\\.?\\d|\\w)`,
  'g',
);
const YEAR = /^(?:19|20)\d\d$/;

/**
 * Two sentences that pass the word test are still two events when each gives a number the other
 * does not: "Malaysia Airlines flight 370" and "... flight 17", one outlet's template filled in
 * twice ("23 bridges ... campaign number 20", "43 bridges ... campaign number 40"). A retelling adds
 * a number or leaves one out, on one side only. Names are not compared: two outlets' tellings of one
 * event name different sources and places ("told AFP", "in Qatar"; "Ghani-led", "local media").
 * A death toll revised between reports also gives each side its own number: two items.
 */
function countsApart(countsA: readonly string[], wordsA: (w: string) => boolean, countsB: readonly string[], wordsB: (w: string) => boolean): boolean {
  return countsA.some((n) => !wordsB(n)) && countsB.some((n) => !wordsA(n));
}

/** A sentence's event words and the numbers it gives (see `tellSameEvent` and `countsApart`). */
export interface EventWords {
  words: Set<string>;
  counts: string[];
}

/**
 * Sentence by sentence, whether it tells an event told by another: `of(sentence)` gives its event
 * words once. `stem` is the stemmer that made the corpus's terms; `share`, the share of the smaller
 * sentence's event words the two must share.
 */
export function eventWords(stem: (word: string) => string, share = SHARE): { of(sentence: Sentence): EventWords; same(a: EventWords, b: EventWords): boolean } {
  const notEvent = new Set(NOT_EVENT.map(stem));
  return {
    of(sentence) {
      const words = new Set<string>();
      for (const term of sentence.terms) if (!notEvent.has(term)) words.add(term);
      return { words, counts: countsOf(sentence.text) };
    },
    same(a, b) {
      const [small, large] = a.words.size <= b.words.size ? [a.words, b.words] : [b.words, a.words];
      let shared = 0;
      for (const word of small) if (large.has(word)) shared++;
      return tellSameEvent(shared, a.words.size, b.words.size, share) && !countsApart(a.counts, (w) => a.words.has(w), b.counts, (w) => b.words.has(w));
    },
  };
}

/**
 * The same test on a term space's sentences (its indexes), whose term of each id is `terms[id]` and
 * whose text is `textOf(index)`: no set is made, and a text is read only for the few pairs that pass
 * the word test, since a topic digest compares each pick with hundreds of open groups.
 */
export function eventsIn(space: TermSpace, terms: readonly string[], textOf: (i: number) => string, stem: (word: string) => string): (a: number, b: number) => boolean {
  const notEvent = new Set(NOT_EVENT.map(stem));
  const counts = new Uint8Array(space.size);
  for (let id = 0; id < terms.length; id++) counts[id] = notEvent.has(terms[id]!) ? 0 : 1;
  const idOf = new Map(terms.map((term, id) => [term, id]));
  const { bags, bagStart } = space;
  const mark = new Uint8Array(space.size);
  const size = (i: number) => {
    let n = 0;
    for (let k = bagStart[i]!; k < bagStart[i + 1]!; k++) n += counts[bags[k]!]!;
    return n;
  };
  const has = (i: number) => (word: string) => {
    const id = idOf.get(word);
    if (id === undefined) return false;
    for (let k = bagStart[i]!; k < bagStart[i + 1]!; k++) if (bags[k] === id) return true;
    return false;
  };
  return (a, b) => {
    for (let k = bagStart[a]!; k < bagStart[a + 1]!; k++) mark[bags[k]!] = 1;
    let shared = 0;
    for (let k = bagStart[b]!; k < bagStart[b + 1]!; k++) if (mark[bags[k]!]) shared += counts[bags[k]!]!;
    for (let k = bagStart[a]!; k < bagStart[a + 1]!; k++) mark[bags[k]!] = 0;
    if (!tellSameEvent(shared, size(a), size(b))) return false;
    return !countsApart(countsOf(textOf(a)), has(a), countsOf(textOf(b)), has(b));
  };
}
