/**
 * Quality benchmark: summarises every cluster of an evaluation folder with the engine's generic mode
 * and compares it with published systems on ROUGE-1/2 (ROUGE-1.5.5 standard setting, see rouge.ts),
 * near-duplicate sentence pairs and wall-clock time.
 *
 *   npm run bench:quality -- [--data DIR] [--out DIR] [--words N]
 *
 * --data  folder with clusters/<id>/docs/*.txt and optional clusters/<id>/refs/*.txt
 *         (default ../shared/eval/duc2004-dev beside the project root)
 * --out   write <id>.txt per cluster: the engine's summary, one sentence per line
 * --words summary budget passed to the engine (default 100, the DUC setting)
 *
 * Writes bench/results/quality.json when the data has references. The engine is built from the
 * project's config/ folder, as the bot builds it.
 */
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { summarizeTexts } from '../src/core/query/summarize-texts.ts';
import type { Engine } from '../src/core/index/engine.ts';
import { loadEngine } from '../src/config/load-engine.ts';
import {
  DEFAULT_DATA_DIR,
  PROJECT_ROOT,
  listClusterIds,
  listSystems,
  readCluster,
  readSystemSummary,
  type EvalCluster,
} from './eval-data.ts';
import {
  formatTable,
  formatTiming,
  scoreSystem,
  type EngineTiming,
  type QualityRecord,
  type ScoredInput,
  type SystemResult,
} from './quality-report.ts';
import { splitSummarySentences } from './sentences.ts';

const ENGINE_NAME = 'this engine';
const RESULTS_FILE = join(PROJECT_ROOT, 'bench', 'results', 'quality.json');
const CONFIG_DIR = join(PROJECT_ROOT, 'config');

interface Args {
  dataDir: string;
  outDir?: string;
  words: number;
}

function parseCli(argv: string[]): Args {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string' },
      out: { type: 'string' },
      words: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log('usage: npm run bench:quality -- [--data DIR] [--out DIR] [--words N]');
    process.exit(0);
  }
  const words = values.words === undefined ? 100 : Number(values.words);
  if (!Number.isInteger(words) || words <= 0) throw new Error(`--words must be a positive integer, got ${values.words}`);
  return {
    dataDir: values.data ? resolve(values.data) : DEFAULT_DATA_DIR,
    outDir: values.out ? resolve(values.out) : undefined,
    words,
  };
}

/** Reads and summarises every cluster, timing the engine calls on their own; then times them again, warm. */
function runEngine(engine: Engine, dataDir: string, ids: readonly string[], words: number) {
  const clusters: EvalCluster[] = [];
  const summaries = new Map<string, string[]>();
  let summarizeMs = 0;
  const start = performance.now();
  for (const id of ids) {
    const cluster = readCluster(dataDir, id);
    clusters.push(cluster);
    const t0 = performance.now();
    let sentences: string[];
    try {
      sentences = summarizeTexts(engine, cluster.docs, { words });
    } catch (err) {
      throw new Error(`summarizeTexts failed on cluster ${id}: ${(err as Error).message}`);
    }
    summarizeMs += performance.now() - t0;
    summaries.set(id, sentences);
  }
  const totalMs = performance.now() - start;
  const warmStart = performance.now();
  for (const cluster of clusters) summarizeTexts(engine, cluster.docs, { words });
  const timing: EngineTiming = { summarizeMs, totalMs, warmSummarizeMs: performance.now() - warmStart };
  return { clusters, summaries, timing };
}

function writeSummaries(outDir: string, summaries: ReadonlyMap<string, string[]>): void {
  mkdirSync(outDir, { recursive: true });
  for (const [id, sentences] of summaries) writeFileSync(join(outDir, `${id}.txt`), `${sentences.join('\n')}\n`);
}

/**
 * Published systems' outputs: from the data folder's own `reference-systems/`, else from the default
 * DUC folder, in both cases only for the clusters present in --data (so a subset compares like with like).
 */
function scoreReferenceSystems(dataDir: string, clusters: readonly EvalCluster[]): SystemResult[] {
  const own = join(dataDir, 'reference-systems');
  const systemsDir = existsSync(own) ? own : join(DEFAULT_DATA_DIR, 'reference-systems');
  return listSystems(systemsDir).flatMap((system) => {
    const inputs: ScoredInput[] = [];
    for (const cluster of clusters) {
      const text = readSystemSummary(systemsDir, system, cluster.id);
      if (text !== undefined) inputs.push({ clusterId: cluster.id, sentences: splitSummarySentences(text), refs: cluster.refs });
    }
    return inputs.length ? [scoreSystem(system, inputs)] : [];
  });
}

function main(): void {
  const args = parseCli(process.argv.slice(2));
  const ids = listClusterIds(args.dataDir);
  if (ids.length === 0) {
    console.error(`no clusters found: expected ${join(args.dataDir, 'clusters', '<id>', 'docs', '*.txt')}`);
    process.exit(1);
  }
  // Compiling the rules is start-up cost, not summarising: it stays out of both timings.
  const engine = loadEngine(CONFIG_DIR);
  const { clusters, summaries, timing } = runEngine(engine, args.dataDir, ids, args.words);
  const hasRefs = clusters.some((c) => c.refs.length > 0);

  const outDir = args.outDir ?? (hasRefs ? undefined : join(PROJECT_ROOT, 'bench', 'results', 'summaries'));
  if (outDir) {
    writeSummaries(outDir, summaries);
    console.log(`wrote ${summaries.size} summaries to ${outDir}`);
  }
  console.log(formatTiming(timing, clusters.length));
  if (!hasRefs) {
    console.log(`no references in ${args.dataDir}: ROUGE scores need clusters/<id>/refs/*.txt, so none were computed.`);
    return;
  }

  const engineResult = scoreSystem(
    ENGINE_NAME,
    clusters.map((c) => ({ clusterId: c.id, sentences: summaries.get(c.id) ?? [], refs: c.refs })),
  );
  const referenceSystems = scoreReferenceSystems(args.dataDir, clusters);
  console.log('');
  console.log(`ROUGE-1.5.5 recall x100 (-n 2 -m -l 100 -f A), ${clusters.length} clusters of ${args.dataDir}`);
  console.log('');
  console.log(formatTable(engineResult, referenceSystems));

  const record: QualityRecord = {
    generatedAt: new Date().toISOString(),
    nodeFlags: process.execArgv,
    dataDir: args.dataDir,
    words: args.words,
    clusters: clusters.length,
    scored: true,
    engine: { ...engineResult, ...timing },
    referenceSystems,
  };
  mkdirSync(join(PROJECT_ROOT, 'bench', 'results'), { recursive: true });
  // Four decimals are plenty for scores and milliseconds, and keep the file readable in diffs.
  const round = (_key: string, v: unknown) => (typeof v === 'number' ? Math.round(v * 1e4) / 1e4 : v);
  writeFileSync(RESULTS_FILE, `${JSON.stringify(record, round, 2)}\n`);
  console.log('');
  console.log(`wrote ${RESULTS_FILE}`);
}

try {
  main();
} catch (err) {
  // Bad arguments and unreadable data are the user's to fix: say what, without a stack trace.
  console.error(`bench:quality: ${(err as Error).message}`);
  process.exit(1);
}
