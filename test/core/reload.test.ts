import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LiveCorpus } from '../../src/app/live-corpus.ts';
import { loadCorpus } from '../../src/core/engine.ts';
import type { Corpus } from '../../src/core/corpus.ts';
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
