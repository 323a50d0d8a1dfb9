/**
 * Quality benchmark: summarises every cluster of an evaluation folder with the engine's generic mode
 * and compares it with published systems on ROUGE-1/2 (ROUGE-1.5.5 standard setting, see rouge.ts),
 * near-duplicate sentence pairs and wall-clock time. Options: USAGE below, or `--help`.
 *
 * Writes bench/results/quality.json when the data has references. The engine is built from the
 * project's config/ folder, as the bot builds it.
 */
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { summarizeTexts } from '../src/core/query/summarize-texts.ts';
import type { Engine } from '../src/core/index/engine.ts';
import { loadEngine } from '../src/config/load-engine.ts';
import { dataDirFlag, intFlag, parseCli } from './cli.ts';
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

const COMMAND = {
  name: 'bench:quality',
  usage: `usage: npm run bench:quality -- [--data DIR] [--out DIR] [--words N]

Summarises every cluster of DIR with this engine and scores it, with published systems, on ROUGE-1/2.

  --data DIR   clusters/<id>/docs/*.txt, optional clusters/<id>/refs/*.txt (references) and
               reference-systems/<system>/<id>.txt (default: ${DEFAULT_DATA_DIR})
  --out DIR    write <id>.txt per cluster: the engine's summary, one sentence per line
  --words N    summary budget in words (default 100, the DUC setting)
  -h, --help   this text

With references it writes bench/results/quality.json; without, only the summaries (to --out, else
bench/results/summaries).

examples:
  npm run bench:quality
  npm run bench:quality -- --data ~/my-clusters --out /tmp/summaries --words 60
`,
  options: {
    data: { type: 'string' },
    out: { type: 'string' },
    words: { type: 'string' },
  },
} as const;

function parseArgv() {
  const values = parseCli(COMMAND);
  // Usage errors first: a bad flag is worth its exit 2 even where the data is missing.
  const words = intFlag(COMMAND.name, 'words', values.words, 100);
  return {
    dataDir: dataDirFlag(COMMAND.name, values.data),
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
  const args = parseArgv();
  const ids = listClusterIds(args.dataDir);
  // Compiling the rules is start-up cost, not summarising: it stays out of both timings.
  const engine = loadEngine(CONFIG_DIR);
  const { clusters, summaries, timing } = runEngine(engine, args.dataDir, ids, args.words);
  const hasRefs = clusters.some((c) => c.refs.length > 0);

  const outDir = args.outDir ?? (hasRefs ? undefined : join(PROJECT_ROOT, 'bench', 'results', 'summaries'));
  if (outDir) {
    writeSummaries(outDir, summaries);
    console.error(`wrote ${summaries.size} summaries to ${outDir}`);
  }
  console.log(formatTiming(timing, clusters.length));
  if (!hasRefs) {
    console.error(`no references in ${args.dataDir}: ROUGE scores need clusters/<id>/refs/*.txt, so none were computed.`);
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
  console.error(`wrote ${RESULTS_FILE}`);
}

try {
  main();
} catch (err) {
  // Unreadable data is the user's to fix: say what, without a stack trace.
  console.error(`${COMMAND.name}: ${(err as Error).message}`);
  process.exit(1);
}
