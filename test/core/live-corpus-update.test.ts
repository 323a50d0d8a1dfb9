import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LiveCorpus } from '../../src/core/index/live-corpus.ts';
import { digestTopic } from '../../src/core/query/digest.ts';
import type { RawArticle } from '../../src/core/types.ts';
import { ARTICLES, realEngine, tempArticles } from '../helpers/fixtures.ts';

// Articles that arrive from outside the folder (feeds) through LiveCorpus.update.

function feedArticle(key: string, body: string, extra: Partial<RawArticle> = {}): RawArticle {
  return {
    file: key,
    format: 'txt',
    body,
    title: body.split('.')[0]!,
    source: 'Example Wire',
    url: key,
    published: '2026-12-07T08:00:00.000Z',
    mtime: '2026-12-07T08:00:00.000Z',
    bytes: body.length,
    hash: `h-${body.length}-${key}`,
    ...extra,
  };
}

const MOSUL = 'Engineers reopened the old bridge over the Tigris in Mosul on Monday, the city council said.\n\nTraffic crossed it for the first time in nine years.';
const MOSUL_EDITED = 'Engineers reopened the old bridge over the Tigris in Mosul on Monday after a delay, the city council said.';
const BASRA = 'Dockworkers in Basra ended a three-day strike on Tuesday after a pay deal, the port authority said.';

async function withBundled<T>(run: (live: LiveCorpus, dir: string) => Promise<T>): Promise<T> {
  const { dir, cleanup } = tempArticles({});
  try {
    cpSync(ARTICLES, dir, { recursive: true });
    const live = new LiveCorpus({ engine: realEngine(), dir, maxBytes: 1e6 });
    assert.equal((await live.reload()).ok, true);
    return await run(live, dir);
  } finally {
    cleanup();
  }
}

const texts = (live: LiveCorpus, topic: string) => digestTopic(live.current, topic).items.map((i) => i.text);

test('update: an article from outside the folder is answerable, a new version replaces it, removing drops it', async () => {
  await withBundled(async (live) => {
    const folderArticles = live.current.articles.length;
    assert.deepEqual(texts(live, 'mosul'), []);

    const added = await live.update({ upsert: [feedArticle('https://example.com/mosul', MOSUL)], remove: [] });
    assert.deepEqual([added.ok, added.upserted, added.removed, added.articles], [true, 1, 0, folderArticles + 1]);
    const first = live.current;
    const digest = digestTopic(first, 'mosul');
    assert.match(digest.items[0]!.text, /reopened the old bridge over the Tigris/);
    assert.equal(digest.items[0]!.sources[0]!.source, 'Example Wire');
    assert.equal(digest.items[0]!.sources[0]!.url, 'https://example.com/mosul');

    await live.update({ upsert: [feedArticle('https://example.com/mosul', MOSUL_EDITED)], remove: [] });
    assert.equal(live.current.articles.length, folderArticles + 1, 'replaced, not added');
    assert.match(texts(live, 'mosul').join(' '), /after a delay/);
    assert.doesNotMatch(texts(live, 'mosul').join(' '), /nine years/);
    // The snapshot served before the change is never changed.
    assert.match(digestTopic(first, 'mosul').items.map((i) => i.text).join(' '), /nine years/);

    const removed = await live.update({ upsert: [], remove: ['https://example.com/mosul', 'https://example.com/never-held'] });
    assert.deepEqual([removed.upserted, removed.removed, removed.articles], [0, 1, folderArticles]);
    assert.deepEqual(texts(live, 'mosul'), []);
  });
});

test('update: a folder reload keeps the articles from outside it, and an update keeps the folder', async () => {
  await withBundled(async (live, dir) => {
    await live.update({ upsert: [feedArticle('https://example.com/basra', BASRA)], remove: [] });
    writeFileSync(join(dir, 'mosul.txt'), MOSUL);
    const reload = await live.reload();
    assert.deepEqual(reload.added, ['mosul.txt']);
    assert.equal(reload.articles, 7);
    assert.ok(texts(live, 'basra').length > 0, 'the feed article survives the reload');
    assert.ok(texts(live, 'mosul').length > 0);
    assert.ok(texts(live, 'ghazni').length > 0);
  });
});

test('update: requests made while a build runs are merged into the next build, and every caller sees its change', async () => {
  await withBundled(async (live, dir) => {
    const base = live.current.articles.length;
    writeFileSync(join(dir, 'mosul.txt'), MOSUL);
    const calls = [
      live.update({ upsert: [feedArticle('https://example.com/a', BASRA)], remove: [] }),
      live.reload(),
      live.reload(),
      live.update({ upsert: [feedArticle('https://example.com/b', MOSUL_EDITED)], remove: [] }),
      live.update({ upsert: [], remove: ['https://example.com/a'] }),
    ] as const;
    const [first, reloadA, reloadB, second, third] = await Promise.all(calls);
    // An update waits a moment for others: all five share one build.
    assert.equal(reloadA, reloadB, 'two reloads asked for together share one result');
    assert.deepEqual(reloadA.added, ['mosul.txt']);
    assert.deepEqual([first.articles, second.articles, third.articles], [base + 2, base + 2, base + 2]);
    assert.equal(first.elapsedMs, third.elapsedMs, 'one build answered every update');
    assert.equal(live.current.articles.length, base + 2, 'the folder file and article b; article a was removed again');
    assert.deepEqual(texts(live, 'basra'), []);
  });
});

test('update: an article left with no text is reported and not kept; a folder that vanished keeps the feed articles served', async () => {
  await withBundled(async (live, dir) => {
    const report = await live.update({ upsert: [feedArticle('https://example.com/empty', '   \n\n  '), feedArticle('https://example.com/basra', BASRA)], remove: [] });
    assert.deepEqual(report.empty, ['https://example.com/empty']);
    assert.equal(report.upserted, 1);
    rmSync(dir, { recursive: true });
    const reload = await live.reload();
    assert.equal(reload.ok, false);
    assert.match(reload.error ?? '', /articles folder not found/);
    assert.ok(texts(live, 'basra').length > 0);
    assert.ok(texts(live, 'ghazni').length > 0, 'the folder articles read before keep serving');
  });
});

test('update: before the folder was ever read, an update waits for it instead of serving a corpus without the folder', async () => {
  const { dir, cleanup } = tempArticles({ 'basra.txt': BASRA });
  try {
    const live = new LiveCorpus({ engine: realEngine(), dir, maxBytes: 1e6 });
    const early = await live.update({ upsert: [feedArticle('https://example.com/mosul', MOSUL)], remove: [] });
    assert.equal(early.ok, true);
    assert.equal(live.loaded, false, 'nothing served until the folder is read');
    await live.reload();
    assert.equal(live.current.articles.length, 2);
    assert.ok(texts(live, 'mosul').length > 0);
  } finally {
    cleanup();
  }
});
