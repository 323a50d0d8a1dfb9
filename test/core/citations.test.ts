import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SOURCES_LISTED, citations, sourceRef } from '../../src/core/query/citations.ts';
import { loadCorpus } from '../../src/core/index/corpus.ts';
import { bundledCorpus, realEngine, tempArticles } from '../helpers/fixtures.ts';
import { QueryScratch } from '../../src/core/index/query-scratch.ts';

test('citations: each item lists its articles once, in the order its sentences come', async () => {
  const corpus = await bundledCorpus();
  const scratch = new QueryScratch();
  const firstOf = (a: number) => corpus.firstSentence[a]!;
  // Item 0: two sentences of article 2, then article 0; item 1: article 0 again, then article 3.
  const tellers = [[firstOf(2), firstOf(2) + 1, firstOf(0)], [firstOf(0) + 1, firstOf(3)]];
  const { sources, articles } = citations(corpus, scratch, tellers);
  const files = (refs: { file: string }[]) => refs.map((r) => r.file);
  const file = (a: number) => corpus.articles[a]!.file;
  assert.deepEqual(files(sources[0]!), [file(2), file(0)]);
  assert.deepEqual(files(sources[1]!), [file(0), file(3)]);
  assert.deepEqual(files(articles), [file(2), file(0), file(3)], 'the digest lists each cited article once, first cited first');
  assert.equal(sources[1]![0], sources[0]![1], 'one reference per article, shared');
  assert.deepEqual(articles[0], sourceRef(corpus.articles[2]!));
});

test('citations: a digest starts from nothing, whatever the one before it cited', async () => {
  const corpus = await bundledCorpus();
  const scratch = new QueryScratch();
  const tellers = [[corpus.firstSentence[1]!, corpus.firstSentence[4]!]];
  const alone = citations(corpus, scratch, tellers);
  citations(corpus, scratch, [[corpus.firstSentence[4]!], [corpus.firstSentence[1]!]]);
  assert.deepEqual(citations(corpus, scratch, tellers), alone);
});

test('citations: a fact in many articles lists a few, one per outlet first, and counts them all', async () => {
  const outlets = ['Reuters', 'Reuters', 'Reuters', 'AP', 'Reuters', 'AFP', 'AP', 'Xinhua', 'BBC', 'Reuters', 'Al Jazeera', 'DW'];
  const files = Object.fromEntries(
    outlets.map((o, n) => [`a${String(n).padStart(2, '0')}.md`, `---\ntitle: Report ${n}\nsource: ${o}\n---\nThe Taliban entered Ghazni on Thursday, report ${n} said.\n`]),
  );
  const { dir, cleanup } = tempArticles(files);
  try {
    const corpus = await loadCorpus(realEngine(), dir, { maxBytes: 1e6 });
    const scratch = new QueryScratch();
    const article = (n: number) => corpus.articles.findIndex((a) => a.file === `a${String(n).padStart(2, '0')}.md`);
    const sentenceOf = (n: number) => corpus.firstSentence[article(n)]!;
    const shown = (refs: { title: string }[]) => refs.map((r) => Number(r.title.split(' ')[1]));
    assert.equal(SOURCES_LISTED, 6);
    // Seven outlets in twelve articles; then five Reuters and two AP articles.
    const all = outlets.map((_, n) => sentenceOf(n));
    const fewOutlets = [0, 1, 2, 3, 4, 6, 9].map(sentenceOf);
    const { sources, counts, articles, articlesCited, outlets: outletCount } = citations(corpus, scratch, [all, fewOutlets]);
    assert.deepEqual(shown(sources[0]!), [0, 3, 5, 7, 8, 10], 'the first article of each of the first six outlets');
    assert.deepEqual(shown(sources[1]!), [0, 1, 2, 3, 4, 6], 'both outlets, then the others in order while room is left');
    assert.deepEqual(counts, [12, 7]);
    assert.deepEqual(shown(articles), [0, 3, 5, 7, 8, 10, 1, 2, 4, 6], 'listed ones only, first listed first');
    assert.equal(articlesCited, 12, 'unlisted articles still count');
    assert.equal(outletCount, 7);
  } finally {
    cleanup();
  }
});

test('citations: an article that a line under an item names counts with the rest, listed by no item', async () => {
  const corpus = await bundledCorpus();
  const scratch = new QueryScratch();
  const tellers = [[corpus.firstSentence[0]!], [corpus.firstSentence[1]!]];
  const plain = citations(corpus, scratch, tellers);
  const outletOf = (a: number) => corpus.articles[a]!.source;
  const other = [2, 3, 4].find((a) => ![0, 1].some((b) => outletOf(b) === outletOf(a)))!;
  assert.ok(other !== undefined, 'the test needs an article of a third outlet');
  // The second item's line names article 0 (cited already) and `other` (cited by no item).
  const withLine = citations(corpus, scratch, tellers, [[], [0, other]]);
  assert.deepEqual(withLine.sources, plain.sources, 'no item lists it');
  assert.deepEqual(withLine.counts, plain.counts);
  assert.equal(withLine.articlesCited, plain.articlesCited + 1);
  assert.equal(withLine.outlets, plain.outlets + 1);
});
