/**
 * CPU profiles of the load and of /summary queries on a synthetic corpus, for whoever optimises
 * the engine: where the time goes, function by function.
 *
 *   node --expose-gc --import tsx bench/speed-profile.ts [--size 10000] [--seed S] [--repeat 5] [--out DIR] [--dir CORPUS]
 *
 * Profiles the load (loadCorpus: list, read, parse, clean, split, index, topics; each file is
 * analysed as it is read), then each /summary query kind (its first spelling, `--repeat` times after a
 * warm-up). Prints hotspot tables and writes the .cpuprofile files (open them in Chrome DevTools or
 * VS Code) to --out, by default a new folder under the system temp folder.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadEngine } from '../src/config/load-engine.ts';
import { parseConfig } from '../src/config/env.ts';
import { digestTopic } from '../src/core/query/digest.ts';
import { loadCorpus } from '../src/core/index/engine.ts';
import { PROJECT_ROOT } from './eval-data.ts';
import { DEFAULT_SEED, writeCorpus } from './speed-corpus.ts';
import { formatHotspots, hotspots, type CpuProfile } from './speed-hotspots.ts';
import { QUERIES, QUERY_KINDS } from './speed-queries.ts';
import { readSentencePools } from './speed-sources.ts';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '10000' },
    dir: { type: 'string' },
    seed: { type: 'string', default: String(DEFAULT_SEED) },
    repeat: { type: 'string', default: '5' },
    out: { type: 'string' },
  },
});
const size = Number(values.size);
const repeat = Number(values.repeat);
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
  if (values.dir === undefined) writeCorpus(dir, { articles: size, seed: Number(values.seed) }, readSentencePools(engine));
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
