import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { changeArticles, designedCounts, writeCorpus, type CorpusManifest } from '../../bench/speed-corpus.ts';
import { QUERIES } from '../../bench/speed-queries.ts';
import { DESIGNED_TOPICS, readSentencePools, type SentencePools } from '../../bench/speed-sources.ts';
import type { Corpus } from '../../src/core/index/snapshot.ts';
import { digestTopic } from '../../src/core/query/digest.ts';
import { loadCorpus } from '../../src/core/index/corpus.ts';
import { selectTopic } from '../../src/core/query/select-topic.ts';
import { realEngine } from '../helpers/fixtures.ts';
import { writeNewsClusters } from '../helpers/news-clusters.ts';

const SIZE = 50;
const SEED = 7;

/** Every file below `dir` with its bytes, by relative path. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.set(join(entry.parentPath, entry.name).slice(dir.length + 1), readFileSync(join(entry.parentPath, entry.name), 'latin1'));
  }
  return files;
}

describe('synthetic speed corpus', () => {
  const dirs: string[] = [];
  const fresh = () => {
    const dir = mkdtempSync(join(tmpdir(), 'speed-corpus-test-'));
    dirs.push(dir);
    return dir;
  };
  let pools: SentencePools;
  let manifest: CorpusManifest;
  let corpus: Corpus;

  before(async () => {
    // Stories of the test's own, so the corpus is the same on a clone with nothing beside it.
    const data = fresh();
    writeNewsClusters(data);
    pools = readSentencePools(realEngine(), data);
    manifest = writeCorpus(fresh(), { articles: SIZE, seed: SEED }, pools);
    corpus = await loadCorpus(realEngine(), manifest.dir, { maxBytes: 5_000_000 });
  });
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('writes the same files for the same seed, and other files for another seed', () => {
    const again = writeCorpus(fresh(), { articles: SIZE, seed: SEED }, pools);
    assert.deepEqual(snapshot(again.dir), snapshot(manifest.dir));
    const other = snapshot(writeCorpus(fresh(), { articles: SIZE, seed: SEED + 1 }, pools).dir);
    const same = [...snapshot(manifest.dir)].filter(([path, text]) => other.get(path) === text).length;
    assert.equal(same, 0);
  });

  it('writes the requested number of articles, one file each, in every format', () => {
    const files = [...snapshot(manifest.dir).keys()];
    assert.equal(files.length, SIZE);
    assert.equal(manifest.articles.length, SIZE);
    const byExtension: Record<string, number> = {};
    for (const file of files) {
      const ext = file.slice(file.lastIndexOf('.') + 1);
      byExtension[ext] = (byExtension[ext] ?? 0) + 1;
    }
    assert.deepEqual(byExtension, manifest.formats);
    for (const format of ['txt', 'md', 'html', 'json'] as const) assert.ok(manifest.formats[format] >= 1, `no ${format} file`);
    assert.ok(manifest.formats.txt > SIZE / 2, 'mostly .txt');
  });

  it('loads every file with the real loader, with title, outlet and date from the file', () => {
    assert.deepEqual(corpus.report.filter((e) => e.outcome !== 'loaded'), []);
    assert.equal(corpus.articles.length, SIZE);
    for (const article of corpus.articles) {
      assert.notEqual(article.source, 'unknown outlet', article.file);
      assert.match(article.published, /^20(19|20|21)-/, article.file);
      assert.ok(article.title.split(' ').length >= 3, `${article.file}: title ${JSON.stringify(article.title)}`);
    }
  });

  it('names the designed topics in as many articles as designed: most, a few percent, a handful', () => {
    const expected = designedCounts(SIZE);
    assert.deepEqual(expected, { common: 40, medium: 3, rare: 5 });
    assert.equal(selectTopic(corpus, DESIGNED_TOPICS.common.name).articlesMatched, expected.common);
    assert.equal(selectTopic(corpus, DESIGNED_TOPICS.medium.name).articlesMatched, expected.medium);
    assert.equal(selectTopic(corpus, DESIGNED_TOPICS.rare.name).articlesMatched, expected.rare);
  });

  it('keeps the misspelled benchmark queries unknown, so they time the suggestion path', () => {
    for (const topic of QUERIES.unknown) assert.equal(digestTopic(corpus, topic).items.length, 0, topic);
    assert.deepEqual(digestTopic(corpus, 'talibon').suggestions?.[0], DESIGNED_TOPICS.common.name);
  });

  it('rewrites a share of the articles in place for the reload figure', () => {
    const copy = writeCorpus(fresh(), { articles: SIZE, seed: SEED }, pools);
    const changed = changeArticles(copy, pools, 0.1);
    assert.equal(changed.length, 5);
    const before = snapshot(manifest.dir);
    const now = snapshot(copy.dir);
    assert.deepEqual([...now.keys()].sort(), [...before.keys()].sort());
    const differing = [...now].filter(([path, text]) => before.get(path) !== text).map(([path]) => path);
    assert.deepEqual(differing.sort(), [...changed].sort());
  });
});
