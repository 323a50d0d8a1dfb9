import type { Candidate, Selection, SelectOptions } from './contract.ts';
import type { Sentence } from '../types.ts';
import { usablePool } from './pool.ts';
import { documentBigrams } from './bigrams.ts';
import { leansOnContext, unbroken } from './stands-alone.ts';
import { eventWords, type EventWords } from './same-event.ts';
import { GENERIC_TUNING } from './tuning.ts';

// The tuned constants (tuning.ts):
// - `minWords`: ICSI's floor; shorter sentences are mostly datelines, captions and fragments.
// - `repeats`: two items whose words, small ones included, are half shared or more (by cosine) read
//   as one thing said twice, even when they report different facts; the later one goes.
// - `mainLengthExponent`: the main development leads: of the articles' lead sentences, the one
//   carrying the most of what several documents report, its worth divided by its length to this
//   power. 1 would be the greedy's own worth per word, which prefers short sentences; 0 the longest lead.

/**
 * Generic summaries: the sentence that states the main development first (`mainEvent`), then
 * greedily the sentence that adds the most not-yet-covered concept worth (bigrams, see bigrams.ts)
 * per word, among those that fit the words left. A sentence that does not fit is left out whole,
 * and a shorter one may take the room: a reader sees every word shown, so the budget holds as they
 * count, not as a scorer that cuts at N words would.
 * Greedy rather than exact: the gain of a better optimum did not carry over to better summaries.
 * A sentence that tells an event already told (same-event.ts) is not a second item: of the two
 * tellings, the one carrying more of what the documents report stays.
 */
export function selectGenericItems(candidates: readonly Candidate[], options: SelectOptions): Selection {
  const { budget } = options;
  const tuning = options.tuning ? { ...GENERIC_TUNING, ...options.tuning } : GENERIC_TUNING;
  const sentences = candidates.map((c) => c.sentence);
  const { ids, weights, documents, bar: firstBar, codes } = documentBigrams(sentences, options.tools, tuning);
  const pool = usablePool(candidates, (c) => c.sentence.words >= tuning.minWords && unbroken(c.sentence.text));
  const covered = new Uint8Array(weights.length);
  const done = new Uint8Array(sentences.length);
  // A sentence that leans on the one before it ("The move ...", "He added ...") waits until that one
  // is chosen, and is then read right after it (reading-order.ts).
  const follows = new Uint8Array(sentences.length);
  for (const i of pool) if (leansOnContext(sentences[i]!.text)) done[i] = follows[i] = WAITS;
  const chosen: number[] = [];
  let words = 0;
  let bar = firstBar;
  const worth = (i: number) => {
    let w = 0;
    for (const c of ids[i]!) if (documents[c]! >= bar) w += weights[c]!;
    return w;
  };
  const event = eventWords(options.tools.stem, tuning.sameEventShare);
  const events: EventWords[] = [];
  const eventOf = (i: number) => (events[i] ??= event.of(sentences[i]!));
  const choose = (i: number) => {
    done[i] = 1;
    chosen.push(i);
    words += sentences[i]!.words;
    for (const c of ids[i]!) covered[c] = 1;
    const next = sentences[i + 1];
    if (next && done[i + 1] === WAITS && next.articleId === sentences[i]!.articleId && next.position === sentences[i]!.position + 1) done[i + 1] = 0;
  };
  /** Whether `i` takes the place of chosen `j`, a telling of its event: not the first, nor one of a sequence, and it fits. */
  const replaces = (i: number, j: number) =>
    j !== chosen[0] && !follows[i] && !follows[j] && !chosen.includes(j + 1) && worth(i) > worth(j) && words - sentences[j]!.words + sentences[i]!.words <= budget.words;

  const main = mainEvent(pool, done, sentences, worth, budget.words, tuning.mainLengthExponent);
  if (main >= 0 && budget.items > 0) choose(main);
  while (chosen.length < budget.items && words < budget.words) {
    const best = bestNext(pool, { sentences, ids, weights, documents, covered, done }, bar, budget.words - words);
    if (best < 0) {
      // All that enough documents agree on is said: what fewer of them report may fill the room left.
      if (bar <= 1) break;
      bar--;
      continue;
    }
    done[best] = 1;
    // A sentence read after the one it leans on must fit: the one that runs past is read last.
    if (follows[best] && sentences[best]!.words > budget.words - words) continue;
    const told = chosen.findIndex((j) => event.same(eventOf(j), eventOf(best)));
    if (told >= 0) {
      const j = chosen[told]!;
      if (!replaces(best, j)) continue;
      chosen[told] = best;
      words += sentences[best]!.words - sentences[j]!.words;
      covered.fill(0);
      for (const k of chosen) for (const c of ids[k]!) covered[c] = 1;
      continue;
    }
    if (chosen.some((j) => wordCosine(codes[j]!, codes[best]!) >= tuning.repeats)) continue;
    choose(best);
  }

  // Who else tells each fact is for the digest to find, across the whole corpus.
  const items = chosen.map((i) => ({ leader: sentences[i]!, members: [sentences[i]!] }));
  return { items };
}

/** `done` of a sentence that waits for the one before it in its article to be chosen. */
const WAITS = 2;

/** The lead sentence, free and within `room` words, of the most worth per word^`exponent`; or -1. */
function mainEvent(pool: readonly number[], done: Uint8Array, sentences: readonly Sentence[], worth: (i: number) => number, room: number, exponent: number): number {
  let best = -1;
  let bestWorth = 0;
  for (const i of pool) {
    const { position, words } = sentences[i]!;
    if (done[i] || position > 0 || words > room) continue;
    const perWord = worth(i) / Math.pow(words, exponent);
    if (perWord > bestWorth) {
      best = i;
      bestWorth = perWord;
    }
  }
  return best;
}

interface Scores {
  sentences: readonly { words: number }[];
  ids: readonly Int32Array[];
  weights: Float64Array;
  documents: Int32Array;
  covered: Uint8Array;
  done: Uint8Array;
}

/**
 * The pool sentence that fits the room left and adds the most uncovered worth per word, or -1. The
 * hot loop, in a small function of its own: inside selectGenericItems, with all that function
 * inlines, V8 compiled it five times on a cold start of 25 summaries, 290 ms of compiling on a
 * 2-core machine.
 */
function bestNext(pool: readonly number[], scores: Scores, bar: number, room: number): number {
  const { sentences, ids, weights, documents, covered, done } = scores;
  let best = -1;
  let bestRatio = 0;
  for (const i of pool) {
    if (done[i]) continue;
    const length = sentences[i]!.words;
    if (length > room) continue;
    const own = ids[i]!;
    let gain = 0;
    for (let k = 0; k < own.length; k++) {
      const c = own[k]!;
      if (!covered[c] && documents[c]! >= bar) gain += weights[c]!;
    }
    const ratio = gain / length;
    if (ratio > bestRatio) {
      best = i;
      bestRatio = ratio;
    }
  }
  return best;
}

/** Cosine of two sentences' stem counts, small words included: how alike they read. */
function wordCosine(a: Int32Array, b: Int32Array): number {
  const count = (codes: Int32Array) => {
    const m = new Map<number, number>();
    for (const code of codes) m.set(code >> 1, (m.get(code >> 1) ?? 0) + 1);
    return m;
  };
  const ca = count(a);
  const cb = count(b);
  let dot = 0;
  for (const [id, n] of ca) dot += n * (cb.get(id) ?? 0);
  if (dot === 0) return 0;
  const norm = (m: Map<number, number>) => [...m.values()].reduce((s, n) => s + n * n, 0);
  return dot / Math.sqrt(norm(ca) * norm(cb));
}
