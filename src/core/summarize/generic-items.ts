import type { Candidate, Selection, SelectOptions } from './contract.ts';
import { usablePool } from './pool.ts';
import { documentBigrams } from './bigrams.ts';
import { standsAlone } from './stands-alone.ts';

/** ICSI's floor: shorter sentences are mostly datelines, captions and fragments. */
const MIN_WORDS = 10;
/**
 * Two items whose words, small ones included, are half shared or more (by cosine) read as one
 * thing said twice, even when they report different facts; the later one goes.
 */
const REPEATS = 0.5;

/**
 * Generic summaries: greedily takes the sentence that adds the most not-yet-covered concept worth
 * (bigrams, see bigrams.ts) per word, among those that fit the words left. A sentence that does
 * not fit is left out whole, and a shorter one may take the room: a reader sees every word shown,
 * so the budget holds as they count, not as a scorer that cuts at N words would.
 * Greedy rather than exact: the gain of a better optimum did not carry over to better summaries.
 */
export function selectGenericItems(candidates: readonly Candidate[], options: SelectOptions): Selection {
  const { budget } = options;
  const sentences = candidates.map((c) => c.sentence);
  const { ids, weights, documents, bar: firstBar, codes } = documentBigrams(sentences, options.tools);
  const pool = usablePool(candidates, (c) => c.sentence.words >= MIN_WORDS && standsAlone(c.sentence.text));
  const covered = new Uint8Array(weights.length);
  const done = new Uint8Array(sentences.length);
  const chosen: number[] = [];
  let words = 0;
  let bar = firstBar;

  while (chosen.length < budget.items && words < budget.words) {
    const best = bestNext(pool, { sentences, ids, weights, documents, covered, done }, bar, budget.words - words);
    if (best < 0) {
      // All that enough documents agree on is said: what fewer of them report may fill the room left.
      if (bar <= 1) break;
      bar--;
      continue;
    }
    done[best] = 1;
    if (chosen.some((j) => wordCosine(codes[j]!, codes[best]!) >= REPEATS)) continue;
    chosen.push(best);
    words += sentences[best]!.words;
    for (const c of ids[best]!) covered[c] = 1;
  }

  // Who else tells each fact is for the digest to find, across the whole corpus.
  const items = chosen.map((i) => ({ leader: sentences[i]!, members: [sentences[i]!] }));
  return { items };
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
