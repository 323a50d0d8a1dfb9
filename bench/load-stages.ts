/**
 * Where a load's time goes, stage by stage, for whoever weighs the load-speed target: each row
 * reads every article file of a synthetic corpus and takes it one step further than the row
 * before, so the difference between two rows is what that step costs, and the first rows are
 * floors that no loader built on them can beat.
 *
 *   node --import tsx bench/load-stages.ts [--size 10000] [--seed S] [--rounds 2] [--dir CORPUS]
 *
 * Every round runs all the rows; the last round is printed, its code compiled by the rounds before
 * (a real load pays for compiling once, which matters at 1,000 articles and little at 100,000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadEngine } from '../src/config/load-engine.ts';
import { parseConfig } from '../src/config/env.ts';
import { createAnalyzer } from '../src/core/index/analyze.ts';
import { loadCorpus } from '../src/core/index/engine.ts';
import { listFiles } from '../src/core/load/list-files.ts';
import { hashBytes, loadArticleFile } from '../src/core/load/load-article-file.ts';
import { readArticleFile } from '../src/core/load/read-file.ts';
import { cleanText } from '../src/core/text/clean.ts';
import { splitSentences } from '../src/core/text/sentences.ts';
import type { RawArticle } from '../src/core/types.ts';
import { PROJECT_ROOT } from './eval-data.ts';
import { DEFAULT_SEED, writeCorpus } from './speed-corpus.ts';
import { readSentencePools } from './speed-sources.ts';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '10000' },
    seed: { type: 'string', default: String(DEFAULT_SEED) },
    rounds: { type: 'string', default: '2' },
    dir: { type: 'string' },
  },
});
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds must be a positive integer');

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
  if (values.dir === undefined) writeCorpus(dir, { articles: Number(values.size), seed: Number(values.seed) }, readSentencePools(engine));
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
  console.log(`Load stages, ${values.dir ?? `${values.size} synthetic articles`}, round ${rounds} of ${rounds}:\n`);
  console.log(['| stage | s | MB/s |', '|---|---:|---:|', ...rows].join('\n'));
} finally {
  if (values.dir === undefined) rmSync(dir, { recursive: true, force: true });
}
