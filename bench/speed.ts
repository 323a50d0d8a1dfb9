/**
 * Speed benchmark: loading, memory, /summary latency, /topics and reload on synthetic corpora of
 * real sentences (see speed-corpus.ts), one size at a time. Options: USAGE below, or `--help`.
 *
 * Each corpus is written to a temporary folder and removed afterwards; each size is measured in a
 * fresh child process (bench/speed-run.ts), so its peak memory is its own. Prints markdown tables
 * and writes the results file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadEngine } from '../src/config/load-engine.ts';
import { dataDirFlag, intFlag, parseCli, usageError } from './cli.ts';
import { DEFAULT_DATA_DIR, PROJECT_ROOT } from './eval-data.ts';
import { DEFAULT_SEED, writeCorpus } from './speed-corpus.ts';
import { engineRevision, machineInfo, type SpeedRecord } from './speed-record.ts';
import { formatReport, saveResults } from './speed-report.ts';
import { readSentencePools, type SentencePools } from './speed-sources.ts';
import { corpusStats } from './speed-stats.ts';

const DEFAULT_OUT = join(PROJECT_ROOT, 'bench', 'results', 'speed.json');
const COMMAND = {
  name: 'bench:speed',
  usage: `usage: npm run bench:speed -- [--sizes N,N,...] [--seed S] [--queries K] [--data DIR] [--out FILE]

Measures loading, memory, /summary latency, /topics and reload on synthetic corpora of real
sentences, one size at a time, and prints markdown tables.

  --sizes N,N,...  corpus sizes in articles (default 1000,10000,100000)
  --seed S         generator seed (default ${DEFAULT_SEED}, so runs compare)
  --queries K      /summary queries per kind, four kinds (default 60, so 240 per size)
  --data DIR       where the corpus's sentences come from, besides articles/: a folder laid out as
                   DIR/clusters/<id>/docs/*.txt (default: ${DEFAULT_DATA_DIR})
  --out FILE       results file, merged by size with what it holds (default bench/results/speed.json)
  -h, --help       this text

examples:
  npm run bench:speed
  npm run bench:speed -- --sizes 1000 --queries 10 --out /tmp/speed.json
  npm run bench:speed -- --data ~/my-clusters --sizes 1000,10000
`,
  options: {
    sizes: { type: 'string' },
    seed: { type: 'string' },
    queries: { type: 'string' },
    data: { type: 'string' },
    out: { type: 'string' },
  },
} as const;

const values = parseCli(COMMAND);
const sizesText = values.sizes ?? '1000,10000,100000';
const sizes = sizesText.split(',').map((s) => Number(s.trim().replace(/_/g, '')));
if (sizes.some((n) => !Number.isInteger(n) || n < 1)) {
  usageError(COMMAND.name, `--sizes: expected positive whole numbers separated by commas, got ${JSON.stringify(sizesText)}`);
}
const seed = intFlag(COMMAND.name, 'seed', values.seed, DEFAULT_SEED, -Infinity);
const queries = intFlag(COMMAND.name, 'queries', values.queries, 60);
const RESULTS_FILE = resolve(values.out ?? DEFAULT_OUT);
const dataDir = dataDirFlag(COMMAND.name, values.data);

// Temporary folders go even when the run is interrupted (Ctrl-C, or a timeout's SIGTERM).
const live = new Set<string>();
let running: ChildProcess | undefined;
const cleanUp = () => {
  running?.kill('SIGTERM');
  for (const dir of live) rmSync(dir, { recursive: true, force: true });
  live.clear();
};
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.on(signal, () => {
    cleanUp();
    process.exit(code);
  });
}

function runChild(size: number, dir: string, out: string): Promise<string | undefined> {
  // As `npm start` runs the bot: V8's pool sized to the machine, and V8's default heap limits (a
  // heap flag here would measure another process).
  const args = ['--v8-pool-size=0', '--expose-gc', '--import', 'tsx', join(PROJECT_ROOT, 'bench', 'speed-run.ts')];
  args.push('--size', String(size), '--dir', dir, '--seed', String(seed), '--queries', String(queries), '--data', dataDir, '--out', out);
  args.push('--corpus-stats', JSON.stringify(corpusStats(dir)));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: PROJECT_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    running = child;
    child.on('error', (err) => resolve(`could not start: ${err.message}`));
    child.on('exit', (code, signal) => {
      running = undefined;
      resolve(code === 0 ? undefined : `child exited with ${signal ?? `code ${code}`}`);
    });
  });
}

async function measureSize(size: number, pools: SentencePools): Promise<SpeedRecord> {
  const dir = mkdtempSync(join(tmpdir(), `digest-speed-${size}-`));
  live.add(dir);
  const work = mkdtempSync(join(tmpdir(), 'digest-speed-out-'));
  live.add(work);
  try {
    const out = join(work, 'record.json');
    const started = performance.now();
    console.error(`[speed ${size}] writing the corpus to ${dir}`);
    writeCorpus(dir, { articles: size, seed }, pools);
    const generateSeconds = (performance.now() - started) / 1000;
    const failure = await runChild(size, dir, out);
    const record: SpeedRecord = existsSync(out)
      ? (JSON.parse(readFileSync(out, 'utf8')) as SpeedRecord)
      : { articles: size, seed, stage: 'started', measuredAt: new Date().toISOString(), machine: machineInfo(), engine: engineRevision() };
    record.generateSeconds = generateSeconds;
    if (failure !== undefined) record.error = record.error ?? failure;
    return record;
  } finally {
    for (const d of [dir, work]) {
      rmSync(d, { recursive: true, force: true });
      live.delete(d);
    }
  }
}

const pools = readSentencePools(loadEngine(join(PROJECT_ROOT, 'config')), dataDir);
const records: SpeedRecord[] = [];
for (const size of sizes) {
  const record = await measureSize(size, pools);
  records.push(record);
  // Saved after every size: a long run that is stopped keeps what it measured.
  saveResults(RESULTS_FILE, records);
}
const saved = saveResults(RESULTS_FILE, records);
console.log(formatReport(records, saved.machine));
console.error(`written to ${RESULTS_FILE}`);
process.exitCode = records.some((r) => r.error !== undefined) ? 1 : 0;
