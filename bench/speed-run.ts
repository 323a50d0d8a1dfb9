/**
 * One size of the speed benchmark, run by bench/speed.ts in a fresh process so that peak memory
 * belongs to that size alone. Options: USAGE below, or `--help`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { LiveCorpus } from '../src/core/index/live-corpus.ts';
import { topicsCommand } from '../src/commands/topics.ts';
import { loadEngine } from '../src/config/load-engine.ts';
import { parseConfig } from '../src/config/env.ts';
import type { Corpus } from '../src/core/index/snapshot.ts';
import { DEFAULT_BUDGET, digestTopic } from '../src/core/query/digest.ts';
import { extractTopics } from '../src/core/index/topics.ts';
import { dataDirFlag, intFlag, parseCli, usageError } from './cli.ts';
import { PROJECT_ROOT } from './eval-data.ts';
import { DEFAULT_SEED, writeCorpus, type CorpusSpec } from './speed-corpus.ts';
import { QUERIES, QUERY_KINDS, querySchedule, type QueryKind } from './speed-queries.ts';
import { engineRevision, machineInfo, type SpeedRecord } from './speed-record.ts';
import { readSentencePools } from './speed-sources.ts';
import { MemorySampler, corpusStats, countOpens, osPeakRssBytes, roundMs, summarizeLatencies, type CorpusStats } from './speed-stats.ts';

const CHANGE_SHARE = 0.01;
const MB = 1e6;

const COMMAND = {
  name: 'speed-run',
  usage: `usage: node --expose-gc --import tsx bench/speed-run.ts --size N [--dir DIR] [--seed S] [--queries K] [--data DIR] [--out FILE]

One size of the speed benchmark (npm run bench:speed runs it once per size).

  --size N        corpus size in articles
  --dir DIR       a corpus written by writeCorpus with the same size and seed; without it one is
                  generated into a temporary folder (and removed), which then counts in the peak memory too
  --seed S        generator seed (default ${DEFAULT_SEED})
  --queries K     /summary queries per kind (default 60, so 240 in all)
  --data DIR      evaluation folder the sentences come from (see npm run bench:speed -- --help)
  --out FILE      JSON file for the record, rewritten after every stage so a run that dies says how far it got
  --corpus-stats  {files, bytes, formats} of --dir as JSON, counted by the caller (else counted here)

example:
  node --expose-gc --import tsx bench/speed-run.ts --size 1000 --queries 10 --out /tmp/record.json
`,
  options: {
    size: { type: 'string' },
    dir: { type: 'string' },
    seed: { type: 'string' },
    queries: { type: 'string' },
    data: { type: 'string' },
    out: { type: 'string' },
    'corpus-stats': { type: 'string' },
  },
} as const;

const values = parseCli(COMMAND);
if (values.size === undefined) usageError(COMMAND.name, '--size is required');
const spec: CorpusSpec = { articles: intFlag(COMMAND.name, 'size', values.size, 0), seed: intFlag(COMMAND.name, 'seed', values.seed, DEFAULT_SEED, -Infinity) };
const perKind = intFlag(COMMAND.name, 'queries', values.queries, 60);
// The folder is checked before the run: a missing one would otherwise show up only at the reload, late.
const dataDir = dataDirFlag(COMMAND.name, values.data);

const log = (message: string) => process.stderr.write(`[speed ${spec.articles}] ${message}\n`);
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const record: SpeedRecord = { articles: spec.articles, seed: spec.seed, stage: 'started', measuredAt: new Date().toISOString(), machine: machineInfo(), engine: engineRevision() };
const save = () => {
  if (values.out) writeFileSync(values.out, JSON.stringify(record, null, 2));
};

const engine = loadEngine(join(PROJECT_ROOT, 'config'));
const maxBytes = parseConfig({}).MAX_ARTICLE_BYTES;
let dir = values.dir;
const ownDir = dir === undefined;
if (dir === undefined) {
  dir = mkdtempSync(join(tmpdir(), 'digest-speed-'));
  const started = performance.now();
  writeCorpus(dir, spec, readSentencePools(engine, dataDir));
  record.generateSeconds = (performance.now() - started) / 1000;
}

try {
  await measure(dir);
} catch (err) {
  record.error = (err as Error).stack ?? String(err);
  save();
  throw err;
} finally {
  if (ownDir) rmSync(dir, { recursive: true, force: true });
}

async function measure(dir: string): Promise<void> {
  // Counted by the parent when it passes them: a walk over 100,000 files leaves this process
  // tens of megabytes of RSS that the bot itself never holds.
  const stats = values['corpus-stats'] !== undefined ? (JSON.parse(values['corpus-stats']) as CorpusStats) : corpusStats(dir);
  const { files, bytes } = stats;
  Object.assign(record, { files, corpusBytes: bytes, formats: stats.formats });
  gc();
  record.baselineRssBytes = process.memoryUsage().rss;
  const sampler = new MemorySampler().start();

  record.loadAverageAtLoad = loadavg()[0];
  log(`loading ${files} files, ${(bytes / MB).toFixed(1)} MB`);
  // Loaded as the bot loads: LiveCorpus keeps a record per file, so that a reload opens only the changed ones.
  const live = new LiveCorpus({ engine, dir, maxBytes });
  let started = performance.now();
  const loaded = await live.reload();
  const loadSeconds = (performance.now() - started) / 1000;
  if (!loaded.ok) throw new Error(`load failed: ${loaded.error}`);
  const corpus = live.current;
  sampler.sample();
  Object.assign(record, {
    stage: 'loaded',
    loadSeconds,
    loadMBps: bytes / MB / loadSeconds,
    articlesLoaded: corpus.articles.length,
    sentences: corpus.sentences.length,
    notLoaded: corpus.report.filter((e) => e.outcome !== 'loaded').length,
    heapUsedAfterLoadBytes: process.memoryUsage().heapUsed,
  });
  log(`loaded in ${loadSeconds.toFixed(1)} s (${record.loadMBps!.toFixed(2)} MB/s)`);

  started = performance.now();
  record.topicsCount = extractTopics(corpus).length;
  record.topicsBuildMs = performance.now() - started;
  save();

  await timeQueries(corpus);
  record.loadAverageAfterQueries = loadavg()[0];
  sampler.stop();
  record.peakRssBytes = Math.max(sampler.peakRss, osPeakRssBytes());
  record.peakHeapUsedBytes = sampler.peakHeapUsed;
  record.rssPerCorpusByte = record.peakRssBytes / bytes;
  record.rssGrowthPerCorpusByte = (record.peakRssBytes - record.baselineRssBytes) / bytes;
  record.stage = 'queried';
  save();

  await timeReload(live, dir);
  record.peakRssWithReloadBytes = osPeakRssBytes();
  record.stage = 'reloaded';
  save();
  log('done');
}

async function timeQueries(corpus: Corpus): Promise<void> {
  // One pass over every query first: the first calls pay for compiling, not for the corpus size.
  for (const kind of QUERY_KINDS) for (const topic of QUERIES[kind]) digestTopic(corpus, topic, DEFAULT_BUDGET);
  const schedule = querySchedule(perKind);
  log(`timing ${schedule.length} /summary queries`);
  const timed: { kind: QueryKind; topic: string; ms: number }[] = [];
  const byKind = new Map<QueryKind, { ms: number[]; articlesMatched: number; items: number; suggestions: number }>();
  for (const { kind, topic } of schedule) {
    // The bot answers each command in its own turn of the event loop, and V8 runs its garbage
    // collector's tasks between turns. A loop that never yields left them no turn: V8 then finished
    // a full collection inside a query (a 70 ms pause; --trace-incremental-marking said its task
    // would have waited 7 s). The bot never runs queries that way.
    await new Promise((resolve) => setImmediate(resolve));
    const started = performance.now();
    const digest = digestTopic(corpus, topic, DEFAULT_BUDGET);
    const ms = performance.now() - started;
    timed.push({ kind, topic, ms });
    let entry = byKind.get(kind);
    if (!entry) byKind.set(kind, (entry = { ms: [], articlesMatched: 0, items: 0, suggestions: 0 }));
    entry.ms.push(ms);
    // The figures of the kind's first spelling, to show what the query had to work on.
    if (entry.ms.length === 1) {
      Object.assign(entry, { articlesMatched: digest.stats.articlesMatched, items: digest.items.length, suggestions: digest.suggestions?.length ?? 0 });
    }
  }
  const overall = summarizeLatencies(timed.map((q) => q.ms));
  Object.assign(record, {
    summaryQueries: overall.count,
    summaryP50Ms: overall.p50,
    summaryP95Ms: overall.p95,
    summaryP99Ms: overall.p99,
    summaryMaxMs: overall.max,
    summarySlowest: timed.sort((a, b) => b.ms - a.ms).slice(0, 5).map((q) => ({ ...q, ms: roundMs(q.ms) })),
    summaryByKind: Object.fromEntries(
      [...byKind].map(([kind, { ms, ...rest }]) => [kind, { ...summarizeLatencies(ms), ...rest }]),
    ) as SpeedRecord['summaryByKind'],
  });
  log(`/summary p50 ${overall.p50} ms, p99 ${overall.p99} ms; slowest ${record.summarySlowest!.map((q) => `${q.topic} ${q.ms}`).join(', ')}`);
}

async function timeReload(live: LiveCorpus, dir: string): Promise<void> {
  const invoker = { platform: 'console', id: 'bench', isAdmin: false, channel: 'terminal' } as const;
  const deps = { corpus: live, budgets: { short: DEFAULT_BUDGET, medium: DEFAULT_BUDGET, long: DEFAULT_BUDGET } };
  const serve: number[] = [];
  for (let i = 0; i < 50; i++) {
    const started = performance.now();
    await topicsCommand.run({}, invoker, deps);
    serve.push(performance.now() - started);
  }
  record.topicsServeMs = serve.sort((a, b) => a - b)[serve.length >> 1]!;

  // Changed by a process of its own, as the files a bot serves are (see speed-change.ts).
  const changer = ['--import', 'tsx', join(PROJECT_ROOT, 'bench', 'speed-change.ts')];
  const changeArgs = ['--dir', dir, '--size', String(spec.articles), '--seed', String(spec.seed), '--share', String(CHANGE_SHARE), '--data', dataDir];
  const changed = JSON.parse(execFileSync(process.execPath, [...changer, ...changeArgs], { cwd: PROJECT_ROOT, encoding: 'utf8' })) as string[];
  record.peakRssBeforeReloadBytes = osPeakRssBytes();
  log(`changed ${changed.length} files; reloading`);
  const opens = countOpens(dir);
  const started = performance.now();
  const report = await live.reload();
  const seconds = (performance.now() - started) / 1000;
  const filesRead = opens.stop();
  if (!report.ok) throw new Error(`reload failed: ${report.error}`);
  Object.assign(record, {
    reloadSeconds: seconds,
    changeShare: CHANGE_SHARE,
    reloadChangedFiles: changed.length,
    reloadReportedChanged: report.changed.length,
    reloadFilesRead: filesRead,
  });
  log(`reload after ${changed.length} changed files: ${seconds.toFixed(1)} s, ${filesRead} files read`);
}
