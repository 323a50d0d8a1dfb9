import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LiveCorpus } from '../../src/core/index/live-corpus.ts';
import { loadCorpus } from '../../src/core/index/corpus.ts';
import type { Corpus } from '../../src/core/index/snapshot.ts';
import { ARTICLES, realEngine, tempArticles } from '../helpers/fixtures.ts';

/** Everything a query can see of a snapshot, postings included. */
function visible(corpus: Corpus) {
  const terms = [...new Set(corpus.sentences.slice().flatMap((s) => s.terms))].sort();
  return {
    articles: corpus.articles,
    sentences: corpus.sentences.slice().map((s) => ({ ...s, paragraph: s.paragraph, words: s.words, text: s.text, terms: s.terms })),
    firstSentence: corpus.firstSentence,
    topics: corpus.topics,
    report: corpus.report,
    postings: terms.map((t) => [t, [...(corpus.postings.get(t) ?? [])], corpus.articleFreq.get(t)]),
  };
}

test('reload: reads only new and changed files, and serves what a fresh load would', async () => {
  const extra = 'Kandahar prison guards said the Taliban freed hundreds of inmates on Friday.\n\nOfficials in Kabul denied it.';
  const { dir, cleanup } = tempArticles({ 'later/dup.txt': extra, 'later/empty.md': '---\ntitle: x\n---\n' });
  try {
    cpSync(ARTICLES, join(dir, 'bundled'), { recursive: true });
    const live = new LiveCorpus({ engine: realEngine(), dir, maxBytes: 1e6 });
    const first = await live.reload();
    assert.equal(first.filesRead, 7);
    const unchanged = await live.reload();
    assert.deepEqual([unchanged.filesRead, unchanged.changed, unchanged.added, unchanged.removed], [0, [], [], []]);

    const [a, b, c] = ['000_daf80ed14b82efc8.txt', '001_22de3a7143e72ed7.txt', '004_783f40194c0b156c.txt'].map((f) => join(dir, 'bundled', f));
    writeFileSync(a!, `${readFileSync(a!, 'utf8')}\n\nThe governor of Ghazni fled to Kabul on Friday, officials said.\n`);
    rmSync(b!);
    writeFileSync(join(dir, 'aa-new.txt'), extra); // now the first copy: later/dup.txt becomes its duplicate
    utimesSync(c!, new Date(2001, 1, 1), new Date(2001, 1, 1)); // touched, same bytes: read again, not changed
    const next = await live.reload();
    assert.equal(next.filesRead, 3);
    assert.deepEqual([next.changed, next.added, next.removed], [['bundled/000_daf80ed14b82efc8.txt'], ['aa-new.txt'], ['bundled/001_22de3a7143e72ed7.txt', 'later/dup.txt']]);
    assert.deepEqual(visible(live.current), visible(await loadCorpus(realEngine(), dir, { maxBytes: 1e6 })));

    rmSync(join(dir, 'aa-new.txt')); // the duplicate, never parsed, is the first copy again
    const back = await live.reload();
    assert.equal(back.filesRead, 1);
    assert.deepEqual(visible(live.current), visible(await loadCorpus(realEngine(), dir, { maxBytes: 1e6 })));
  } finally {
    cleanup();
  }
});

test('reload: names the articles of a feed file one by one', async () => {
  const feed = (texts: string[]) => JSON.stringify(texts.map((text, i) => ({ title: `Report ${i}`, text })));
  const kandahar = 'Kandahar fell to the Taliban on Friday, officials in Kabul said.';
  const { dir, cleanup } = tempArticles({
    'feed.json': feed([kandahar, 'Ghazni fell to the Taliban on Thursday, officials said.']),
    'other.txt': 'Herat fell to the Taliban on Friday, a provincial council member said.',
  });
  try {
    const live = new LiveCorpus({ engine: realEngine(), dir, maxBytes: 1e6 });
    const first = await live.reload();
    assert.deepEqual([first.changed, first.added, first.removed], [[], ['feed.json#0', 'feed.json#1', 'other.txt'], []]);
    // The file's hash is each of its articles' hash: a changed file changes every article it keeps.
    writeFileSync(join(dir, 'feed.json'), feed([kandahar, 'Lashkar Gah fell on Friday.', 'Pul-e-Alam fell on Friday.']));
    const grown = await live.reload();
    assert.deepEqual([grown.changed, grown.added, grown.removed], [['feed.json#0', 'feed.json#1'], ['feed.json#2'], []]);
    writeFileSync(join(dir, 'feed.json'), feed([kandahar]));
    const shrunk = await live.reload();
    assert.deepEqual([shrunk.changed, shrunk.added, shrunk.removed], [['feed.json#0'], [], ['feed.json#1', 'feed.json#2']]);
    rmSync(join(dir, 'feed.json'));
    const gone = await live.reload();
    assert.deepEqual([gone.changed, gone.added, gone.removed, gone.articles], [[], [], ['feed.json#0'], 1]);
  } finally {
    cleanup();
  }
});

test('reload: empties the decoded-list cache of the snapshot it replaces, which still answers the same', async () => {
  const { dir, cleanup } = tempArticles({});
  try {
    cpSync(ARTICLES, join(dir, 'bundled'), { recursive: true });
    const live = new LiveCorpus({ engine: realEngine(), dir, maxBytes: 1e6 });
    await live.reload();
    const old = live.current;
    const list = old.postings.get('taliban');
    assert.ok(list && list.length > 10);
    assert.equal(old.postings.get('taliban'), list, 'a list asked for again is not decoded again');
    const seen = visible(old);
    // Queries still in flight may read the old snapshot while the next one is built beside it.
    await live.reload();
    const again = old.postings.get('taliban');
    assert.notEqual(again, list, 'the cache was emptied');
    assert.deepEqual(again, list);
    assert.deepEqual(visible(old), seen, 'the snapshot it replaced is as it was');
  } finally {
    cleanup();
  }
});
