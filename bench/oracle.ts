/**
 * How high an extractive summary of these clusters can score: a greedy oracle that sees the
 * references. From the sentences the engine splits each cluster into (its own candidates, before
 * any filter), it adds at each step the sentence that raises the objective most, until none does.
 * Two rules for length:
 * - the engine's: whole sentences within the budget as a reader counts words (a sentence that would
 *   cross it is not a candidate, a later shorter one may be);
 * - the scorer's: sentences are added while the summary is under the budget, and ROUGE reads its
 *   first N words, part of the last sentence included (what the published figures allow).
 * Scored with the project's ROUGE (rouge.ts), so the ceiling is on the same scale as bench:quality.
 * Greedy, so not the exact optimum, which is higher still. Usage:
 * `node --import tsx bench/oracle.ts [--data DIR]`.
 */
import { join } from 'node:path';
import { loadEngine } from '../src/config/load-engine.ts';
import { dataDirFlag, parseCli } from './cli.ts';
import { PROJECT_ROOT, listClusterIds, readCluster, type EvalCluster } from './eval-data.ts';
import { clusterCorpus } from './engine-digests.ts';
import { countNgrams, tokenizeForRouge } from './rouge.ts';
import { scoreSummary } from './quality-report.ts';
import { countWords } from './reader-checks.ts';
import { bootstrapInterval, resampleIndexes, type Interval } from './bootstrap.ts';

const NAME = 'bench/oracle.ts';
const values = parseCli({
  name: NAME,
  usage: `usage: node --import tsx bench/oracle.ts [--data DIR]

A greedy extractive oracle on every cluster of DIR with references: ROUGE-1/2 of the best summary a
greedy search finds from the engine's sentences, whole sentences within 100 words and with ROUGE's
cut at 100 words, for three objectives (ROUGE-1, ROUGE-2, their sum).`,
  options: { data: { type: 'string' } },
});
const dataDir = dataDirFlag(NAME, values.data);
/** The DUC budget, which is also where the scorer cuts (rouge.ts, \`-l 100\`). */
const budget = 100;

/** The references' clipped n-gram counts, counted once per cluster. */
interface References {
  unigrams: Map<string, number>[];
  bigrams: Map<string, number>[];
  total1: number;
  total2: number;
}

function referencesOf(refs: readonly string[]): References {
  const tokens = refs.map((r) => tokenizeForRouge(r, { wordLimit: budget }));
  const unigrams = tokens.map((t) => countNgrams(t, 1));
  const bigrams = tokens.map((t) => countNgrams(t, 2));
  const sum = (maps: Map<string, number>[]) => maps.reduce((s, m) => s + [...m.values()].reduce((a, b) => a + b, 0), 0);
  return { unigrams, bigrams, total1: sum(unigrams), total2: sum(bigrams) };
}

/** Pooled clipped recall x100, as rouge.ts computes it, of a summary's ROUGE tokens. */
function recall(tokens: readonly string[], refs: References): { rouge1: number; rouge2: number } {
  const hits = (peer: Map<string, number>, maps: Map<string, number>[]) => {
    let h = 0;
    for (const ref of maps) for (const [gram, n] of peer) h += Math.min(n, ref.get(gram) ?? 0);
    return h;
  };
  return {
    rouge1: (100 * hits(countNgrams(tokens, 1), refs.unigrams)) / (refs.total1 || 1),
    rouge2: (100 * hits(countNgrams(tokens, 2), refs.bigrams)) / (refs.total2 || 1),
  };
}

/** A candidate: its text, its length as a reader counts it, and its ROUGE tokens word by word. */
interface Sentence {
  text: string;
  words: number;
  tokens: string[][];
}

const objectives = {
  'ROUGE-1': (s: { rouge1: number; rouge2: number }) => s.rouge1,
  'ROUGE-2': (s: { rouge1: number; rouge2: number }) => s.rouge2,
  'ROUGE-1 + ROUGE-2': (s: { rouge1: number; rouge2: number }) => s.rouge1 + s.rouge2,
} as const;
type Objective = (s: { rouge1: number; rouge2: number }) => number;

/** The summary's ROUGE tokens: the chosen sentences in order, cut at `budget` words when `cut`. */
function tokensOf(chosen: readonly Sentence[], cut: boolean): string[] {
  const out: string[] = [];
  let words = 0;
  for (const s of chosen) {
    for (const w of s.tokens) {
      if (cut && words >= budget) return out;
      out.push(...w);
      words++;
    }
  }
  return out;
}

function greedy(sentences: readonly Sentence[], refs: References, objective: Objective, cut: boolean): Sentence[] {
  const chosen: Sentence[] = [];
  const taken = new Set<number>();
  let words = 0;
  let current = 0;
  while (words < budget) {
    let best = -1;
    let bestValue = current;
    sentences.forEach((s, i) => {
      if (taken.has(i) || (!cut && words + s.words > budget)) return;
      const value = objective(recall(tokensOf([...chosen, s], cut), refs));
      if (value > bestValue + 1e-9) {
        best = i;
        bestValue = value;
      }
    });
    if (best < 0) break;
    taken.add(best);
    chosen.push(sentences[best]!);
    words += sentences[best]!.words;
    current = bestValue;
  }
  return chosen;
}

function sentencesOf(engine: ReturnType<typeof loadEngine>, cluster: EvalCluster): Sentence[] {
  const corpus = clusterCorpus(engine, cluster.docs);
  const seen = new Set<string>();
  const out: Sentence[] = [];
  for (const s of corpus.sentences.slice()) {
    const text = s.text.trim();
    if (seen.has(text)) continue;
    seen.add(text);
    // Word by word, so the scorer's cut falls where ROUGE's does (whitespace-separated words).
    const tokens = text.split(/\s+/).filter(Boolean).map((w) => tokenizeForRouge(w, { wordLimit: 0 }));
    out.push({ text, words: countWords(text), tokens });
  }
  return out;
}

const engine = loadEngine(join(PROJECT_ROOT, 'config'));
const clusters = listClusterIds(dataDir)
  .map((id) => readCluster(dataDir, id))
  .filter((c) => c.refs.length > 0);
const prepared = clusters.map((c) => ({ cluster: c, sentences: sentencesOf(engine, c), refs: referencesOf(c.refs) }));
const draws = resampleIndexes(clusters.length);
const interval = (i: Interval) => `${i.mean.toFixed(2)} [${i.low.toFixed(2)}, ${i.high.toFixed(2)}]`;

console.log(`Greedy oracle, ${clusters.length} clusters of ${dataDir}, a budget of ${budget} words (ROUGE-1.5.5 recall x100, 95% bootstrap intervals):`);
console.log('');
console.log('| objective | rule | ROUGE-1 | ROUGE-2 | mean words |');
console.log('|---|---|---:|---:|---:|');
for (const [name, objective] of Object.entries(objectives)) {
  for (const cut of [false, true]) {
    const r1: number[] = [];
    const r2: number[] = [];
    let words = 0;
    for (const { cluster, sentences, refs } of prepared) {
      const chosen = greedy(sentences, refs, objective, cut);
      // The full scorer on the final summary: the incremental tokens above must agree with it.
      const scores = scoreSummary(chosen.map((s) => s.text), cluster.refs);
      const mine = recall(tokensOf(chosen, cut), refs);
      if (Math.abs(scores.rouge1 - mine.rouge1) > 1e-6 || Math.abs(scores.rouge2 - mine.rouge2) > 1e-6) {
        throw new Error(`${cluster.id}: the oracle's own scoring differs from rouge.ts (${mine.rouge1} / ${scores.rouge1})`);
      }
      r1.push(scores.rouge1);
      r2.push(scores.rouge2);
      words += chosen.reduce((n, s) => n + s.words, 0);
    }
    const rule = cut ? `scorer's cut at ${budget}` : `whole sentences within ${budget}`;
    console.log(`| ${name} | ${rule} | ${interval(bootstrapInterval(r1, draws))} | ${interval(bootstrapInterval(r2, draws))} | ${(words / clusters.length).toFixed(1)} |`);
  }
}
