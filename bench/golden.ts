/**
 * Fingerprints of everything the engine answers on the benchmark's synthetic corpora and the DUC
 * clusters: every digest (three lengths) of the top topics and the benchmark's queries, the topic
 * list, and the 25 generic summaries. A change meant to leave answers alone (a refactor, a speed-up)
 * is checked with it: `npm run bench:golden -- --write before.json` on the old code, then
 * `--check before.json` on the new. Needs the DUC data, like the other benchmarks.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { loadEngine } from '../src/config/load-engine.ts';
import { loadCorpus } from '../src/core/index/corpus.ts';
import { digestTopic } from '../src/core/query/digest.ts';
import { summarizeTexts } from '../src/core/query/summarize-texts.ts';
import { budgetsFrom } from '../src/app/bootstrap.ts';
import { parseConfig } from '../src/config/env.ts';
import { DEFAULT_SEED, writeCorpus } from './speed-corpus.ts';
import { readSentencePools } from './speed-sources.ts';
import { QUERIES, QUERY_KINDS } from './speed-queries.ts';
import { PROJECT_ROOT, listClusterIds, readCluster } from './eval-data.ts';
import { dataDirFlag, intFlag, parseCli, usageError } from './cli.ts';

const NAME = 'bench:golden';
const values = parseCli({
  name: NAME,
  usage: `usage: npm run bench:golden -- (--write FILE | --check FILE) [--sizes 1000,10000] [--topics 40] [--data DIR] [--show KEY]

Fingerprints every digest of the top topics and the speed benchmark's queries (short, medium, long),
the topic list, and the generic summaries of the evaluation clusters.
  --write FILE  write the fingerprints (before a change)
  --check FILE  compare with them (after it); exit 1 when any differs, naming them
  --show KEY    print the digest of one key, such as 1000/Senate/short, on stderr

example:
  npm run bench:golden -- --write /tmp/before.json && git stash && npm run bench:golden -- --check /tmp/before.json`,
  options: {
    write: { type: 'string' },
    check: { type: 'string' },
    sizes: { type: 'string', default: '1000,10000' },
    topics: { type: 'string', default: '40' },
    data: { type: 'string' },
    show: { type: 'string' },
  },
});
if (Boolean(values.write) === Boolean(values.check)) usageError(NAME, 'give --write FILE or --check FILE');
const dataDir = dataDirFlag(NAME, values.data);
const topicCount = intFlag(NAME, '--topics', values.topics, 40);

const FIXED_TIME = new Date('2026-01-01T00:00:00Z');
const hash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
const engine = loadEngine(join(PROJECT_ROOT, 'config'));
const budgets = budgetsFrom(parseConfig({}));
const prints: Record<string, string> = {};

for (const id of listClusterIds(dataDir)) {
  const docs = readCluster(dataDir, id).docs.map((d) => ({ id: d.id, text: d.text }));
  prints[`duc/${id}`] = hash(summarizeTexts(engine, docs, { words: 100 }));
}

const pools = readSentencePools(engine, dataDir);
for (const size of values.sizes.split(',').map(Number)) {
  const dir = mkdtempSync(join(tmpdir(), 'golden-'));
  try {
    writeCorpus(dir, { articles: size, seed: DEFAULT_SEED }, pools);
    // An article with no date of its own is dated by its file's time, which would differ per run.
    for (const file of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (file.isFile()) utimesSync(join(file.parentPath, file.name), FIXED_TIME, FIXED_TIME);
    }
    const corpus = await loadCorpus(engine, dir, { maxBytes: 5_000_000 });
    prints[`${size}/topics`] = hash(corpus.topics);
    const topics = [...corpus.topics.slice(0, topicCount).map((t) => t.name), ...QUERY_KINDS.flatMap((k) => QUERIES[k])];
    for (const topic of topics) {
      for (const [length, budget] of Object.entries(budgets)) {
        const key = `${size}/${topic}/${length}`;
        // The time a digest took is no part of its answer.
        const { stats, ...digest } = digestTopic(corpus, topic, budget);
        const answer = { ...digest, stats: { ...stats, elapsedMs: 0 } };
        if (values.show === key) console.error(JSON.stringify(answer, null, 1));
        prints[key] = hash(answer);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (values.write) {
  writeFileSync(values.write, `${JSON.stringify(prints, null, 1)}\n`);
  console.log(`wrote ${Object.keys(prints).length} fingerprints to ${values.write}`);
} else {
  const before = JSON.parse(readFileSync(values.check!, 'utf8')) as Record<string, string>;
  const keys = new Set([...Object.keys(before), ...Object.keys(prints)]);
  const differ = [...keys].filter((k) => before[k] !== prints[k]);
  for (const k of differ.slice(0, 40)) console.log(`differs: ${k}`);
  console.log(`${keys.size - differ.length} of ${keys.size} the same`);
  if (differ.length > 0) process.exitCode = 1;
}
