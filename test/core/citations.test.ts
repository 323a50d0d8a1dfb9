import { test } from 'node:test';
import assert from 'node:assert/strict';
import { citations, sourceRef } from '../../src/core/citations.ts';
import { bundledCorpus } from '../helpers/fixtures.ts';

test('citations: each item lists its articles once, in the order its sentences come', async () => {
  const corpus = await bundledCorpus();
  const firstOf = (a: number) => corpus.firstSentence[a]!;
  // Item 0: two sentences of article 2, then article 0; item 1: article 0 again, then article 3.
  const tellers = [[firstOf(2), firstOf(2) + 1, firstOf(0)], [firstOf(0) + 1, firstOf(3)]];
  const { sources, articles } = citations(corpus, tellers);
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
  const tellers = [[corpus.firstSentence[1]!, corpus.firstSentence[4]!]];
  const alone = citations(corpus, tellers);
  citations(corpus, [[corpus.firstSentence[4]!], [corpus.firstSentence[1]!]]);
  assert.deepEqual(citations(corpus, tellers), alone);
});
