import type { Sentence } from '../types.ts';
import type { TermSpace } from './term-space.ts';

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
function tellSameEvent(shared: number, sizeA: number, sizeB: number): boolean {
  return shared >= MIN_SHARED && shared >= SHARE * Math.min(sizeA, sizeB);
}

// Three, as same-fact grouping asks (similarity.ts): two short sentences about one place are not one
// event (2 to 4 chose the same items on the DUC clusters). A half: chosen by two-fold cross-validation
// (docs/summarizer.md section 7); at 0.6 no retelling was caught, 0.4 scored lower on both halves.
const MIN_SHARED = 3;
const SHARE = 0.5;

/** Words that say when something happened or that someone spoke, not what happened. */
const NOT_EVENT = [
  'said', 'say', 'says', 'told', 'tell', 'report', 'reported', 'added', 'according',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'today', 'yesterday',
  'week', 'month', 'year', 'day', 'last', 'next', 'ago', 'earlier', 'later',
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
];

/**
 * Sentence by sentence, whether it tells an event told by another: `of(sentence)` gives its event
 * words once. `stem` is the stemmer that made the corpus's terms.
 */
export function eventWords(stem: (word: string) => string): { of(sentence: Sentence): Set<string>; same(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean } {
  const notEvent = new Set(NOT_EVENT.map(stem));
  return {
    of(sentence) {
      const words = new Set<string>();
      for (const term of sentence.terms) if (!notEvent.has(term)) words.add(term);
      return words;
    },
    same(a, b) {
      const [small, large] = a.size <= b.size ? [a, b] : [b, a];
      let shared = 0;
      for (const word of small) if (large.has(word)) shared++;
      return tellSameEvent(shared, a.size, b.size);
    },
  };
}

/**
 * The same test on a term space's sentences (its indexes), whose term of each id is `terms[id]`:
 * no set is made, since a topic digest compares each pick with hundreds of open groups.
 */
export function eventsIn(space: TermSpace, terms: readonly string[], stem: (word: string) => string): (a: number, b: number) => boolean {
  const notEvent = new Set(NOT_EVENT.map(stem));
  const counts = new Uint8Array(space.size);
  for (let id = 0; id < terms.length; id++) counts[id] = notEvent.has(terms[id]!) ? 0 : 1;
  const { bags, bagStart } = space;
  const mark = new Uint8Array(space.size);
  const size = (i: number) => {
    let n = 0;
    for (let k = bagStart[i]!; k < bagStart[i + 1]!; k++) n += counts[bags[k]!]!;
    return n;
  };
  return (a, b) => {
    for (let k = bagStart[a]!; k < bagStart[a + 1]!; k++) mark[bags[k]!] = 1;
    let shared = 0;
    for (let k = bagStart[b]!; k < bagStart[b + 1]!; k++) if (mark[bags[k]!]) shared += counts[bags[k]!]!;
    for (let k = bagStart[a]!; k < bagStart[a + 1]!; k++) mark[bags[k]!] = 0;
    return tellSameEvent(shared, size(a), size(b));
  };
}
