/**
 * Where a load's time goes, stage by stage, for whoever weighs the load-speed target: each row
 * reads every article file of a synthetic corpus and takes it one step further than the row
 * before, so the difference between two rows is what that step costs, and the first rows are
 * floors that no loader built on them can beat.
 *
 * Options: USAGE below, or `--help`. Every round runs all the rows; the last round is printed, its code compiled by the rounds before
 * (a real load pays for compiling once, which matters at 1,000 articles and little at 100,000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEngine } from '../src/config/load-engine.ts';
import { parseConfig } from '../src/config/env.ts';
import { createAnalyzer } from '../src/core/index/analyze.ts';
import { loadCorpus } from '../src/core/index/corpus.ts';
import { listFiles } from '../src/core/load/list-files.ts';
import { hashBytes, loadArticleFile } from '../src/core/load/load-article-file.ts';
import { readArticleFile } from '../src/core/load/read-file.ts';
import { cleanText } from '../src/core/text/clean.ts';
import { splitSentences } from '../src/core/text/sentences.ts';
import type { RawArticle } from '../src/core/types.ts';
import { dataDirFlag, intFlag, parseCli } from './cli.ts';
import { PROJECT_ROOT } from './eval-data.ts';
import { DEFAULT_SEED, writeCorpus } from './speed-corpus.ts';
import { readSentencePools } from './speed-sources.ts';

const COMMAND = {
  name: 'load-stages',
  usage: `usage: node --import tsx bench/load-stages.ts [--size N] [--seed S] [--rounds R] [--dir CORPUS] [--data DIR]

Where a load's time goes: each row reads every article of a synthetic corpus and takes it one step
further than the row before.

  --size N      articles in the generated corpus (default 10000)
  --seed S      generator seed (default ${DEFAULT_SEED})
  --rounds R    rounds of all rows; the last is printed (default 2)
  --dir CORPUS  a corpus written before (same size and seed), used in place of a generated one
  --data DIR    evaluation folder the generated corpus's sentences come from (see npm run bench:speed -- --help)

example:
  node --import tsx bench/load-stages.ts --size 10000
`,
  options: {
    size: { type: 'string' },
    seed: { type: 'string' },
    rounds: { type: 'string' },
    dir: { type: 'string' },
    data: { type: 'string' },
  },
} as const;

const values = parseCli(COMMAND);
const spec = { articles: intFlag(COMMAND.name, 'size', values.size, 10_000), seed: intFlag(COMMAND.name, 'seed', values.seed, DEFAULT_SEED, -Infinity) };
const rounds = intFlag(COMMAND.name, 'rounds', values.rounds, 2);
const dataDir = values.dir === undefined ? dataDirFlag(COMMAND.name, values.data) : undefined;

const engine = loadEngine(join(PROJECT_ROOT, 'config'));
const maxBytes = parseConfig({}).MAX_ARTICLE_BYTES;
const dir = values.dir ?? mkdtempSync(join(tmpdir(), 'digest-load-stages-'));

/** Reads and parses every file, handing each article to `step`; returns the bytes read. */
async function eachArticle(step: ((raw: RawArticle) => void) | undefined): Promise<number> {
  let bytes = 0;
  for (const { path, error } of await listFiles(dir)) {
    if (error) continue;
    const got = readArticleFile(join(dir, path), maxBytes);
    if ('reason' in got) continue;
    bytes += got.bytes.length;
    if (step) for (const raw of loadArticleFile(path, got.bytes, got.mtime, hashBytes(got.bytes)).articles) step(raw);
  }
  return bytes;
}

const analyzer = (options: { topics?: boolean; deflate?: boolean }) => {
  const analyze = createAnalyzer(engine, engine.lexicon, options);
  return (raw: RawArticle) => void analyze(raw);
};

const STAGES: { label: string; run: () => Promise<unknown> }[] = [
  { label: 'read the files', run: () => eachArticle(undefined) },
  { label: '+ parse (front matter, HTML, JSON)', run: () => eachArticle(() => {}) },
  { label: '+ clean', run: () => eachArticle((raw) => void cleanText(raw.body, engine.clean)) },
  {
    label: '+ split into sentences',
    run: () => eachArticle((raw) => {
      for (const paragraph of cleanText(raw.body, engine.clean).paragraphs) splitSentences(paragraph, engine.abbreviations);
    }),
  },
  { label: '+ term ids, packed into a table', run: () => eachArticle(analyzer({ topics: false, deflate: false })) },
  { label: '+ deflate the text', run: () => eachArticle(analyzer({ topics: false })) },
  { label: '+ topic mentions', run: () => eachArticle(analyzer({})) },
  { label: 'loadCorpus: + term index, topic list', run: () => loadCorpus(engine, dir, { maxBytes }) },
];

try {
  if (dataDir !== undefined) writeCorpus(dir, spec, readSentencePools(engine, dataDir));
  const bytes = await eachArticle(undefined);
  let rows: string[] = [];
  for (let round = 1; round <= rounds; round++) {
    rows = [];
    for (const { label, run } of STAGES) {
      const started = performance.now();
      await run();
      const seconds = (performance.now() - started) / 1000;
      rows.push(`| ${label} | ${seconds.toFixed(2)} | ${(bytes / 1e6 / seconds).toFixed(1)} |`);
    }
  }
  console.log(`Load stages, ${values.dir ?? `${spec.articles} synthetic articles`}, round ${rounds} of ${rounds}:\n`);
  console.log(['| stage | s | MB/s |', '|---|---:|---:|', ...rows].join('\n'));
} finally {
  if (values.dir === undefined) rmSync(dir, { recursive: true, force: true });
}
