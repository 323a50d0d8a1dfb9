/**
 * Scoring and reporting for the quality benchmark: per-system means over clusters, the markdown
 * table and the JSON record. Kept apart from the CLI so it can be tested without data or an engine.
 */
import { countNearDuplicates } from './near-duplicates.ts';
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
}

function wordCount(sentences: readonly string[]): number {
  return sentences.reduce((n, s) => n + s.split(/\s+/).filter(Boolean).length, 0);
}

/**
 * Means over clusters of ROUGE-1/2 recall (x100) and the near-duplicate total. Clusters without
 * references still count toward near-duplicates and length; scores need at least one with references.
 */
export function scoreSystem(system: string, inputs: readonly ScoredInput[]): SystemResult {
  let r1 = 0;
  let r2 = 0;
  let scored = 0;
  let pairs = 0;
  let words = 0;
  for (const input of inputs) {
    pairs += countNearDuplicates(input.sentences);
    words += wordCount(input.sentences);
    if (input.refs.length === 0) continue;
    // One sentence per line, the layout ROUGE-1.5.5 reads (SPL).
    const scores = rougeScores(input.sentences.join('\n'), input.refs);
    r1 += scores.rouge1;
    r2 += scores.rouge2;
    scored++;
  }
  const result: SystemResult = {
    system,
    clusters: inputs.length,
    nearDuplicatePairs: pairs,
    meanWords: inputs.length ? words / inputs.length : 0,
  };
  if (scored > 0) {
    result.rouge1 = (100 * r1) / scored;
    result.rouge2 = (100 * r2) / scored;
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
