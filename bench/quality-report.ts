/**
 * Scoring and reporting for the quality benchmark: per-system means over clusters, the markdown
 * table and the JSON record. Kept apart from the CLI so it can be tested without data or an engine.
 */
import { bootstrapInterval, winsLosses, type Interval, type WinsLosses } from './bootstrap.ts';
import { countNearDuplicates } from './near-duplicates.ts';
import { countWords, type RepeatCalibration } from './reader-checks.ts';
import type { ReaderResult } from './reader-report.ts';
import type { CrossValidation } from './cross-validation.ts';
import { rougeScores } from './rouge.ts';

/** One system's summary of one cluster, as sentences, next to that cluster's references. */
export interface ScoredInput {
  clusterId: string;
  sentences: string[];
  refs: string[];
}

/** What the benchmark reports for one system. Scores are recall x100; undefined without references. */
export interface SystemResult {
  system: string;
  /** Clusters the figures are computed on. */
  clusters: number;
  rouge1?: number;
  rouge2?: number;
  /** Near-duplicate sentence pairs, summed over all of the system's summaries. */
  nearDuplicatePairs: number;
  /** Mean summary length in whitespace-separated words, before ROUGE's 100-word cut. */
  meanWords: number;
}

/** Engine timing, milliseconds. */
export interface EngineTiming {
  /** Only the summarizeTexts calls. */
  summarizeMs: number;
  /** Reading the documents plus the summarizeTexts calls. */
  totalMs: number;
  /**
   * The summarizeTexts calls of a second pass over the same clusters: the engine with its code
   * compiled, as in a running bot. The first pass includes V8 compiling it.
   */
  warmSummarizeMs: number;
}

/** Everything `bench/results/quality.json` holds. */
export interface QualityRecord {
  generatedAt: string;
  /** The process's Node flags: the timings depend on how V8 runs (its pool size, say). */
  nodeFlags: string[];
  dataDir: string;
  words: number;
  clusters: number;
  scored: boolean;
  engine: SystemResult & EngineTiming;
  referenceSystems: SystemResult[];
  /** ROUGE-1/2 with 95% bootstrap intervals over clusters, the engine first. */
  intervals: SystemIntervals[];
  /** The engine against the best published system on each measure, cluster by cluster. */
  headToHead: HeadToHead[];
  /** The engine's generic summaries, its topic digests, then each published system. */
  readerChecks: ReaderResult[];
  /** The repeated-events check on the hand-labelled pairs (bench/repeat-labels.ts). */
  repeatCalibration?: RepeatCalibration;
  /** The file is written only by runs with --cv, so that it always holds this. */
  crossValidation: CrossValidation;
}

/** One cluster's ROUGE-1/2 recall x100. */
export interface ClusterScore {
  clusterId: string;
  rouge1: number;
  rouge2: number;
}

/** A system's result with its per-cluster scores (clusters with references only), for intervals and wins. */
export interface ScoredSystem extends SystemResult {
  perCluster: ClusterScore[];
}

/** ROUGE-1/2 recall x100 of one summary, one sentence per line: the layout ROUGE-1.5.5 reads (SPL). */
export function scoreSummary(sentences: readonly string[], refs: readonly string[]): { rouge1: number; rouge2: number } {
  const scores = rougeScores(sentences.join('\n'), refs);
  return { rouge1: 100 * scores.rouge1, rouge2: 100 * scores.rouge2 };
}

/**
 * Means over clusters of ROUGE-1/2 recall (x100) and the near-duplicate total. Clusters without
 * references still count toward near-duplicates and length; scores need at least one with references.
 */
export function scoreSystem(system: string, inputs: readonly ScoredInput[]): ScoredSystem {
  let pairs = 0;
  let words = 0;
  const perCluster: ClusterScore[] = [];
  for (const input of inputs) {
    pairs += countNearDuplicates(input.sentences);
    words += input.sentences.reduce((n, s) => n + countWords(s), 0);
    if (input.refs.length > 0) perCluster.push({ clusterId: input.clusterId, ...scoreSummary(input.sentences, input.refs) });
  }
  const result: ScoredSystem = {
    system,
    clusters: inputs.length,
    nearDuplicatePairs: pairs,
    meanWords: inputs.length ? words / inputs.length : 0,
    perCluster,
  };
  if (perCluster.length > 0) {
    result.rouge1 = perCluster.reduce((s, c) => s + c.rouge1, 0) / perCluster.length;
    result.rouge2 = perCluster.reduce((s, c) => s + c.rouge2, 0) / perCluster.length;
  }
  return result;
}

const fixed = (x: number | undefined): string => (x === undefined ? 'n/a' : x.toFixed(2));

/** The markdown table: the engine first, then the reference systems. */
export function formatTable(engine: SystemResult, systems: readonly SystemResult[]): string {
  const rows = [
    '| system | clusters | ROUGE-1 | ROUGE-2 | near-duplicate pairs | mean words |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const r of [{ ...engine, system: `**${engine.system}**` }, ...systems]) {
    rows.push(
      `| ${r.system} | ${r.clusters} | ${fixed(r.rouge1)} | ${fixed(r.rouge2)} | ${r.nearDuplicatePairs} | ${r.meanWords.toFixed(1)} |`,
    );
  }
  return rows.join('\n');
}

/** One line on the engine's wall-clock time. */
export function formatTiming(timing: EngineTiming, clusters: number): string {
  const perCluster = clusters ? timing.summarizeMs / clusters : 0;
  return (
    `engine time: summarizeTexts ${timing.summarizeMs.toFixed(0)} ms for ${clusters} clusters ` +
    `(${perCluster.toFixed(1)} ms per cluster); total including reading ${timing.totalMs.toFixed(0)} ms; ` +
    `a second pass, with the code compiled: ${timing.warmSummarizeMs.toFixed(0)} ms`
  );
}

/** A system's ROUGE-1/2 means with their bootstrap intervals. */
export interface SystemIntervals {
  system: string;
  rouge1: Interval;
  rouge2: Interval;
}

/** Intervals for every system, all from the same resamples of the clusters (paired). */
export function systemIntervals(systems: readonly ScoredSystem[], draws: readonly Int32Array[]): SystemIntervals[] {
  return systems.map((s) => ({
    system: s.system,
    rouge1: bootstrapInterval(s.perCluster.map((c) => c.rouge1), draws),
    rouge2: bootstrapInterval(s.perCluster.map((c) => c.rouge2), draws),
  }));
}

const interval = (i: Interval) => `${i.mean.toFixed(2)} [${i.low.toFixed(2)}, ${i.high.toFixed(2)}]`;
const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(2)}`;

export function formatIntervals(rows: readonly SystemIntervals[]): string {
  const lines = ['| system | ROUGE-1 [95% interval] | ROUGE-2 [95% interval] |', '|---|---:|---:|'];
  for (const r of rows) lines.push(`| ${r.system} | ${interval(r.rouge1)} | ${interval(r.rouge2)} |`);
  return lines.join('\n');
}

/** The engine against the published system with the best mean on one measure, cluster by cluster. */
export interface HeadToHead extends WinsLosses {
  measure: 'rouge1' | 'rouge2';
  against: string;
}

/** For each measure, the engine against the other system with the best mean on it. */
export function headToHead(engine: ScoredSystem, others: readonly ScoredSystem[], draws: readonly Int32Array[]): HeadToHead[] {
  return (['rouge1', 'rouge2'] as const).flatMap((measure) => {
    const scored = others.filter((o) => o[measure] !== undefined && o.perCluster.length === engine.perCluster.length);
    if (scored.length === 0) return [];
    const best = scored.reduce((a, b) => (b[measure]! > a[measure]! ? b : a));
    const byId = new Map(best.perCluster.map((c) => [c.clusterId, c[measure]]));
    const mine = engine.perCluster.map((c) => c[measure]);
    const theirs = engine.perCluster.map((c) => byId.get(c.clusterId) ?? Number.NaN);
    if (theirs.some(Number.isNaN)) return [];
    return [{ measure, against: best.system, ...winsLosses(mine, theirs, draws) }];
  });
}

const MEASURE = { rouge1: 'ROUGE-1', rouge2: 'ROUGE-2' } as const;

/** One line per measure, then the per-cluster table of the engine and the systems it is compared with. */
export function formatHeadToHead(engine: ScoredSystem, others: readonly ScoredSystem[], comparisons: readonly HeadToHead[]): string {
  const lines = comparisons.map(
    (c) =>
      `- ${MEASURE[c.measure]}: ${engine.system} against ${c.against} (the best published mean): ${c.wins} wins, ${c.losses} losses, ${c.ties} ties; ` +
      `mean difference ${signed(c.difference.mean)} [${signed(c.difference.low)}, ${signed(c.difference.high)}]`,
  );
  const columns = comparisons.map((c) => ({ c, by: new Map(others.find((o) => o.system === c.against)!.perCluster.map((p) => [p.clusterId, p[c.measure]])) }));
  lines.push('', `| cluster | ${columns.map(({ c }) => `${MEASURE[c.measure]}: ${engine.system} / ${c.against}`).join(' | ')} |`);
  lines.push(`|---|${columns.map(() => '---:|').join('')}`);
  for (const p of engine.perCluster) {
    const cells = columns.map(({ c, by }) => {
      const mine = p[c.measure];
      const theirs = by.get(p.clusterId)!;
      return `${mine.toFixed(2)} / ${theirs.toFixed(2)} ${mine > theirs + 1e-9 ? 'W' : mine < theirs - 1e-9 ? 'L' : '='}`;
    });
    lines.push(`| ${p.clusterId} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

/** Wins, losses and ties of `engine` against each of `others` on ROUGE-1 and ROUGE-2, cluster by cluster. */
export function formatAgainst(engine: ScoredSystem, others: readonly ScoredSystem[], draws: readonly Int32Array[]): string {
  const lines = [`| ${engine.system} against | ROUGE-1: wins / losses / ties, mean difference | ROUGE-2: wins / losses / ties, mean difference |`, '|---|---:|---:|'];
  for (const other of others) {
    const cells = (['rouge1', 'rouge2'] as const).map((m) => {
      const theirs = new Map(other.perCluster.map((c) => [c.clusterId, c[m]]));
      const w = winsLosses(engine.perCluster.map((c) => c[m]), engine.perCluster.map((c) => theirs.get(c.clusterId)!), draws);
      return `${w.wins} / ${w.losses} / ${w.ties}, ${signed(w.difference.mean)} [${signed(w.difference.low)}, ${signed(w.difference.high)}]`;
    });
    lines.push(`| ${other.system} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}
