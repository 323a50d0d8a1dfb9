/**
 * Quality benchmark: summarises every cluster of an evaluation folder with the engine's generic mode
 * and compares it with published systems on ROUGE-1/2 (ROUGE-1.5.5 standard setting, see rouge.ts)
 * with bootstrap intervals, near-duplicate sentence pairs, reader checks (reader-checks.ts) and
 * wall-clock time; with --cv, cross-validates engine settings (quality-variants.ts). Options: USAGE
 * below, or `--help`.
 *
 * With --cv and references, writes bench/results/quality.json: only then, so the file always holds
 * the whole record, cross-validation included (a plain run used to overwrite it without). The engine
 * is built from the project's config/ folder, as the bot builds it.
 */
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { summarizeTexts } from '../src/core/query/summarize-texts.ts';
import type { Engine } from '../src/core/index/engine.ts';
import { loadEngine } from '../src/config/load-engine.ts';
import { dataDirFlag, intFlag, parseCli, usageError } from './cli.ts';
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
  formatAgainst,
  formatHeadToHead,
  formatIntervals,
  formatTable,
  formatTiming,
  headToHead,
  scoreSummary,
  scoreSystem,
  systemIntervals,
  type EngineTiming,
  type QualityRecord,
  type ScoredInput,
  type ScoredSystem,
  type SystemResult,
} from './quality-report.ts';
import { splitSummarySentences } from './sentences.ts';
import { DEFAULT_BUDGET } from '../src/core/query/digest.ts';
import { BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED, resampleIndexes } from './bootstrap.ts';
import { clusterDigests, disagreementsIn, TOPICS_PER_CLUSTER } from './engine-digests.ts';
import { REPEATED_EVENT, SourceArticles, calibrateRepeats, type RepeatCalibration } from './reader-checks.ts';
import { formatReaderTable, readerChecks, type ReaderInput } from './reader-report.ts';
import { REPEAT_LABELS } from './repeat-labels.ts';
import { CV_SEED, crossValidate, formatCrossValidation, type CrossValidation } from './cross-validation.ts';
import { engineVariants, type GridKind } from './quality-variants.ts';

const ENGINE_NAME = 'this engine';
/** The published systems the cross-validated score is set against: the best by ROUGE-1 and two classic ones. */
const CV_COMPARED = ['DPP', 'ICSISumm', 'Submodular'];
const RESULTS_FILE = join(PROJECT_ROOT, 'bench', 'results', 'quality.json');
const CONFIG_DIR = join(PROJECT_ROOT, 'config');

const COMMAND = {
  name: 'bench:quality',
  usage: `usage: npm run bench:quality -- [--data DIR] [--out DIR] [--words N] [--cv [--grid one|full]]

Summarises every cluster of DIR with this engine and scores it, with published systems, on ROUGE-1/2
(with bootstrap intervals and cluster-by-cluster wins and losses) and on reader checks: unresolved
openers, words over budget, repeated events, "Outlets differ" lines, the main event first.

  --data DIR   clusters/<id>/docs/*.txt, optional clusters/<id>/refs/*.txt (references) and
               reference-systems/<system>/<id>.txt (default: ${DEFAULT_DATA_DIR})
  --out DIR    write <id>.txt per cluster: the engine's summary, one sentence per line
  --words N    summary budget in words (default 100, the DUC setting)
  --cv         also cross-validate the settings of bench/quality-variants.ts over two halves of the
               clusters (needs references)
  --grid KIND  with --cv: one (each tuned constant alone, 13 settings; the default) or full (every
               combination, 729 settings, a few minutes)
  -h, --help   this text

With references and --cv it writes bench/results/quality.json (a plain run prints and leaves it as
it is); without references, only the summaries (to --out, else bench/results/summaries).

examples:
  npm run bench:quality
  npm run bench:quality -- --data ~/my-clusters --out /tmp/summaries --words 60
  npm run bench:quality -- --cv
`,
  options: {
    data: { type: 'string' },
    out: { type: 'string' },
    words: { type: 'string' },
    cv: { type: 'boolean' },
    grid: { type: 'string' },
  },
} as const;

function parseArgv() {
  const values = parseCli(COMMAND);
  // Usage errors first: a bad flag is worth its exit 2 even where the data is missing.
  const words = intFlag(COMMAND.name, 'words', values.words, 100);
  const grid = values.grid ?? 'one';
  if (grid !== 'one' && grid !== 'full') usageError(COMMAND.name, `--grid must be one or full, got ${grid}`);
  if (values.grid !== undefined && !values.cv) usageError(COMMAND.name, '--grid goes with --cv');
  return {
    dataDir: dataDirFlag(COMMAND.name, values.data),
    outDir: values.out ? resolve(values.out) : undefined,
    words,
    cv: values.cv === true,
    grid: grid as GridKind,
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

/** A published system's summaries, by cluster id, as sentences. */
interface SystemSummaries {
  system: string;
  summaries: Map<string, string[]>;
}

/**
 * Published systems' outputs: from the data folder's own `reference-systems/`, else from the default
 * DUC folder, in both cases only for the clusters present in --data (so a subset compares like with like).
 */
function readReferenceSystems(dataDir: string, clusters: readonly EvalCluster[]): { systemsDir: string; systems: SystemSummaries[] } {
  const own = join(dataDir, 'reference-systems');
  const systemsDir = existsSync(own) ? own : join(DEFAULT_DATA_DIR, 'reference-systems');
  const systems = listSystems(systemsDir).flatMap((system) => {
    const summaries = new Map<string, string[]>();
    for (const cluster of clusters) {
      const text = readSystemSummary(systemsDir, system, cluster.id);
      if (text !== undefined) summaries.set(cluster.id, splitSummarySentences(text));
    }
    return summaries.size ? [{ system, summaries }] : [];
  });
  return { systemsDir, systems };
}

const scoredInputs = (clusters: readonly EvalCluster[], summaries: ReadonlyMap<string, string[]>): ScoredInput[] =>
  clusters.flatMap((c) => {
    const sentences = summaries.get(c.id);
    return sentences ? [{ clusterId: c.id, sentences, refs: c.refs }] : [];
  });

/** The reader checks of the engine (generic summaries and topic digests) and of every published system. */
function runReaderChecks(
  engine: Engine,
  clusters: readonly EvalCluster[],
  summaries: ReadonlyMap<string, string[]>,
  systems: readonly SystemSummaries[],
  words: number,
) {
  const articles = new Map(clusters.map((c) => [c.id, new SourceArticles(c.docs.map((d) => d.text))]));
  const engineInputs: ReaderInput[] = [];
  const topicInputs: ReaderInput[] = [];
  for (const cluster of clusters) {
    const digests = clusterDigests(engine, cluster.docs, words);
    const items = summaries.get(cluster.id) ?? [];
    const generic = digests.generic.items.map((i) => i.text);
    if (generic.join('\n') !== items.join('\n')) console.error(`${cluster.id}: the generic digest differs from summarizeTexts's summary; its "Outlets differ" count may not match`);
    const base = { clusterId: cluster.id, articles: articles.get(cluster.id)!, refs: cluster.refs };
    engineInputs.push({ ...base, items, disagreements: disagreementsIn(digests.generic) });
    for (const digest of digests.topics) {
      topicInputs.push({ ...base, clusterId: `${cluster.id}/${digest.topic}`, items: digest.items.map((i) => i.text), refs: [], disagreements: disagreementsIn(digest) });
    }
  }
  const engineChecks = readerChecks(ENGINE_NAME, engineInputs, words);
  const topicChecks = readerChecks(`${ENGINE_NAME}, topic digests`, topicInputs, DEFAULT_BUDGET.words);
  const others = systems.map((s) =>
    readerChecks(
      s.system,
      clusters.flatMap((c) => {
        const items = s.summaries.get(c.id);
        return items ? [{ clusterId: c.id, items, articles: articles.get(c.id)!, refs: c.refs }] : [];
      }),
      words,
    ),
  );
  return { engine: engineChecks, topics: topicChecks, systems: others.map((o) => o.result) };
}

type ReaderRun = ReturnType<typeof runReaderChecks>;

function printReaderChecks(run: ReaderRun, words: number, clusters: number): void {
  const { engine, topics } = run;
  console.log('');
  console.log(`Reader checks (bench/reader-checks.ts), ${clusters} clusters, a budget of ${words} words:`);
  console.log('');
  console.log(formatReaderTable([engine.result, ...run.systems], words));
  const t = topics.result;
  console.log('');
  console.log(
    `${t.system} (/summary of the top ${TOPICS_PER_CLUSTER} topics of each cluster, ${DEFAULT_BUDGET.items} items / ${DEFAULT_BUDGET.words} words): ` +
      `${t.summaries} digests, ${t.items} items; unresolved openers ${t.unresolvedOpeners} (of ${t.openers}); ` +
      `over budget ${t.overBudget}/${t.summaries}; repeated events ${t.repeatedEvents}; "Outlets differ" items ${t.disagreements ?? 0}`,
  );
  const list = (label: string, entries: string[]) => console.log(`- ${label}: ${entries.length ? entries.join(', ') : 'none'}`);
  console.log('');
  console.log(`${ENGINE_NAME}, where a reader check failed:`);
  list('unresolved openers', engine.details.flatMap((d) => d.unresolved.map((u) => `${d.clusterId} #${u.index} "${u.opener.words}"`)));
  list('repeated events', engine.details.flatMap((d) => d.repeated.map((p) => `${d.clusterId} #${p.i}-#${p.j} (${p.similarity.toFixed(2)})`)));
  list('first item without the leads\' main event', engine.details.filter((d) => !d.mainEventFromLeads).map((d) => d.clusterId));
  list('first item without the references\' main event', engine.details.filter((d) => d.mainEventFromRefs === false).map((d) => d.clusterId));
  list('topic digests\' unresolved openers', topics.details.flatMap((d) => d.unresolved.map((u) => `${d.clusterId} #${u.index} "${u.opener.words}"`)));
  list('topic digests\' repeated events', topics.details.flatMap((d) => d.repeated.map((p) => `${d.clusterId} #${p.i}-#${p.j} (${p.similarity.toFixed(2)})`)));
}

/** How the repeated-events check does on the hand-labelled pairs whose system outputs are here. */
function printRepeatCalibration(systems: readonly SystemSummaries[]): RepeatCalibration | undefined {
  const pairs = REPEAT_LABELS.flatMap((label) => {
    const items = systems.find((s) => s.system === label.system)?.summaries.get(label.cluster);
    return items && items[label.j] !== undefined ? [{ a: items[label.i]!, b: items[label.j]!, repeat: label.repeat }] : [];
  });
  if (pairs.length === 0) return undefined;
  const c = calibrateRepeats(pairs);
  console.log(
    `- the repeated-events check (event-word Jaccard >= ${REPEATED_EVENT}) on ${pairs.length} hand-labelled pairs (bench/repeat-labels.ts): ` +
      `${c.truePositives} of ${c.truePositives + c.falseNegatives} repeats caught, ${c.falsePositives} of ${c.falsePositives + c.trueNegatives} others flagged`,
  );
  return c;
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
  const { systems } = readReferenceSystems(args.dataDir, clusters);
  const reader = runReaderChecks(engine, clusters, summaries, systems, args.words);
  printReaderChecks(reader, args.words, clusters.length);
  const calibration = printRepeatCalibration(systems);
  if (!hasRefs) {
    console.error(`no references in ${args.dataDir}: ROUGE scores need clusters/<id>/refs/*.txt, so none were computed.`);
    if (args.cv) console.error('--cv needs references too: nothing to cross-validate.');
    return;
  }

  const engineResult = scoreSystem(ENGINE_NAME, scoredInputs(clusters, summaries));
  const referenceSystems = systems.map((s) => scoreSystem(s.system, scoredInputs(clusters, s.summaries)));
  console.log('');
  console.log(`ROUGE-1.5.5 recall x100 (-n 2 -m -l 100 -f A), ${clusters.length} clusters of ${args.dataDir}`);
  console.log('');
  console.log(formatTable(engineResult, referenceSystems));

  const scored = clusters.filter((c) => c.refs.length > 0).length;
  const draws = resampleIndexes(scored);
  const comparable = referenceSystems.filter((s) => s.perCluster.length === scored);
  const intervals = systemIntervals([engineResult, ...comparable], draws);
  const comparisons = headToHead(engineResult, comparable, draws);
  console.log('');
  console.log(`95% bootstrap intervals (${BOOTSTRAP_RESAMPLES} resamples of the ${scored} clusters, seed ${BOOTSTRAP_SEED}, the same for every system):`);
  console.log('');
  console.log(formatIntervals(intervals));
  console.log('');
  console.log('Cluster by cluster (W: the engine scores higher):');
  console.log('');
  console.log(formatHeadToHead(engineResult, comparable, comparisons));

  let crossValidation: CrossValidation | undefined;
  if (args.cv) {
    const withRefs = clusters.filter((c) => c.refs.length > 0);
    crossValidation = crossValidate(withRefs, engineVariants(engine, args.words, args.grid), (c, summary) => scoreSummary(summary, c.refs));
    console.log('');
    console.log(
      `Two-fold cross-validation (bench/quality-variants.ts, --grid ${args.grid}: ${crossValidation.variants.length} settings; ` +
        `halves by a shuffle with seed ${CV_SEED}; chosen by ROUGE-1 + ROUGE-2):`,
    );
    console.log('');
    console.log(formatCrossValidation(crossValidation));
    const heldOut: ScoredSystem = { ...engineResult, system: `${ENGINE_NAME}, cross-validated`, perCluster: crossValidation.heldOut };
    const against = comparable.filter((s) => CV_COMPARED.includes(s.system));
    console.log('');
    console.log(`The cross-validated scores with 95% bootstrap intervals (the same resamples), and cluster by cluster (W: the engine's held-out score is higher):`);
    console.log('');
    console.log(formatIntervals(systemIntervals([heldOut, engineResult, ...against], draws)));
    console.log('');
    console.log(formatAgainst(heldOut, against, draws));
  }

  if (!crossValidation) {
    console.error(`${RESULTS_FILE} left as it is: it is written with --cv, so that it holds the whole record`);
    return;
  }
  const withoutPerCluster = ({ perCluster: _, ...rest }: ScoredSystem): SystemResult => rest;
  const record: QualityRecord = {
    generatedAt: new Date().toISOString(),
    nodeFlags: process.execArgv,
    dataDir: args.dataDir,
    words: args.words,
    clusters: clusters.length,
    scored: true,
    engine: { ...withoutPerCluster(engineResult), ...timing },
    referenceSystems: referenceSystems.map(withoutPerCluster),
    intervals,
    headToHead: comparisons,
    readerChecks: [reader.engine.result, reader.topics.result, ...reader.systems],
    ...(calibration ? { repeatCalibration: calibration } : {}),
    crossValidation,
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
