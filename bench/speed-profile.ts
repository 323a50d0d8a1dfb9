/**
 * CPU profiles of the load and of /summary queries on a synthetic corpus, for whoever optimises
 * the engine: where the time goes, function by function.
 *
 * Options: USAGE below, or `--help`. Profiles the load (loadCorpus: list, read, parse, clean, split, index, topics; each file is
 * analysed as it is read), then each /summary query kind (its first spelling, `--repeat` times after a
 * warm-up). Prints hotspot tables and writes the .cpuprofile files (open them in Chrome DevTools or
 * VS Code) to --out, by default a new folder under the system temp folder.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEngine } from '../src/config/load-engine.ts';
import { parseConfig } from '../src/config/env.ts';
import { digestTopic } from '../src/core/query/digest.ts';
import { loadCorpus } from '../src/core/index/corpus.ts';
import { dataDirFlag, intFlag, parseCli } from './cli.ts';
import { PROJECT_ROOT } from './eval-data.ts';
import { DEFAULT_SEED, writeCorpus } from './speed-corpus.ts';
import { formatHotspots, hotspots, type CpuProfile } from './speed-hotspots.ts';
import { QUERIES, QUERY_KINDS } from './speed-queries.ts';
import { readSentencePools } from './speed-sources.ts';

const COMMAND = {
  name: 'speed-profile',
  usage: `usage: node --expose-gc --import tsx bench/speed-profile.ts [--size N] [--seed S] [--repeat R] [--out DIR] [--dir CORPUS] [--data DIR]

CPU profiles of the load and of each /summary query kind on a synthetic corpus: prints hotspot
tables and writes .cpuprofile files (open them in Chrome DevTools or VS Code).

  --size N      articles in the generated corpus (default 10000)
  --seed S      generator seed (default ${DEFAULT_SEED})
  --repeat R    runs of each query kind after a warm-up (default 5)
  --out DIR     where the .cpuprofile files go (default a new folder under the system temp folder)
  --dir CORPUS  a corpus written before (same size and seed), used in place of a generated one and left in place
  --data DIR    evaluation folder the generated corpus's sentences come from (see npm run bench:speed -- --help)

example:
  node --expose-gc --import tsx bench/speed-profile.ts --size 10000 --out /tmp/profiles
`,
  options: {
    size: { type: 'string' },
    dir: { type: 'string' },
    seed: { type: 'string' },
    repeat: { type: 'string' },
    out: { type: 'string' },
    data: { type: 'string' },
  },
} as const;

const values = parseCli(COMMAND);
const size = intFlag(COMMAND.name, 'size', values.size, 10_000);
const seed = intFlag(COMMAND.name, 'seed', values.seed, DEFAULT_SEED, -Infinity);
const repeat = intFlag(COMMAND.name, 'repeat', values.repeat, 5);
const dataDir = values.dir === undefined ? dataDirFlag(COMMAND.name, values.data) : undefined;
const outDir = values.out ?? mkdtempSync(join(tmpdir(), 'digest-speed-profile-'));
mkdirSync(outDir, { recursive: true });

const session = new Session();
session.connect();
await session.post('Profiler.enable');

/** Runs `work` under the sampling profiler; writes NAME.cpuprofile and prints its hotspots. */
async function profiled<T>(name: string, title: string, intervalUs: number, work: () => Promise<T> | T): Promise<T> {
  await session.post('Profiler.setSamplingInterval', { interval: intervalUs });
  await session.post('Profiler.start');
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: CpuProfile };
  writeFileSync(join(outDir, `${name}.cpuprofile`), JSON.stringify(profile));
  console.log(`\n${formatHotspots(`${title} (${ms.toFixed(0)} ms)`, hotspots(profile))}`);
  return result;
}

const engine = loadEngine(join(PROJECT_ROOT, 'config'));
// --dir reuses a corpus written before (by writeCorpus, same size and seed) and leaves it in place.
const dir = values.dir ?? mkdtempSync(join(tmpdir(), `digest-speed-profile-corpus-${size}-`));
try {
  if (dataDir !== undefined) writeCorpus(dir, { articles: size, seed }, readSentencePools(engine, dataDir));
  (globalThis as { gc?: () => void }).gc?.();
  console.log(`# CPU profile, ${size} articles`);
  const maxBytes = parseConfig({}).MAX_ARTICLE_BYTES;
  const corpus = await profiled('load-corpus', 'load: loadCorpus (list, read, parse, clean, split, index, topics)', 1000, () => loadCorpus(engine, dir, { maxBytes }));
  for (const kind of QUERY_KINDS) for (const topic of QUERIES[kind]) digestTopic(corpus, topic);
  for (const kind of QUERY_KINDS) {
    const topic = QUERIES[kind][0]!;
    await profiled(`summary-${kind}`, `/summary ${JSON.stringify(topic)} (${kind}) x${repeat}`, 100, () => {
      for (let i = 0; i < repeat; i++) digestTopic(corpus, topic);
    });
  }
  console.log(`\nProfiles written to ${outDir}`);
} finally {
  if (values.dir === undefined) rmSync(dir, { recursive: true, force: true });
  session.disconnect();
}
