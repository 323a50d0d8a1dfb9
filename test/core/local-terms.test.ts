import { test } from 'node:test';
import assert from 'node:assert/strict';
import { localTerms } from '../../src/core/summarize/local-terms.ts';
import type { Sentence } from '../../src/core/types.ts';
import { bundledCorpus } from '../helpers/fixtures.ts';
import { QueryScratch } from '../../src/core/index/query-scratch.ts';

const plain = (s: Sentence): Sentence => ({ id: s.id, articleId: s.articleId, paragraph: s.paragraph, position: s.position, text: s.text, terms: s.terms, words: s.words });

test('local-terms: stored sentences read by term id get the ids their terms get read as text', async () => {
  const corpus = await bundledCorpus();
  const scratch = new QueryScratch();
  // Every other sentence, from the end: ids follow first occurrence in the order given.
  const sentences = corpus.sentences.slice().filter((_, i) => i % 2 === 0).reverse();
  const byId = localTerms(sentences, scratch);
  const byText = localTerms(sentences.map(plain), scratch);
  assert.deepEqual(byId, byText);
  sentences.forEach((s, i) => assert.deepEqual([...byId.ids.subarray(byId.start[i], byId.start[i + 1])].map((id) => byId.terms[id]), s.terms));
  assert.equal(byId.start[sentences.length], byId.ids.length, 'the last sentence ends where the ids end');
  assert.equal(new Set(byId.terms).size, byId.terms.length, 'one id per term');
  // The scratch table is cleared after use: a second, different call starts numbering afresh.
  const again = localTerms(sentences.slice(1), scratch);
  assert.deepEqual(again, localTerms(sentences.slice(1).map(plain), scratch));
});

test('local-terms: a mix of stored and other sentences is read by text', async () => {
  const corpus = await bundledCorpus();
  const scratch = new QueryScratch();
  const sentences = corpus.sentences.slice(0, 6);
  const mixed = [...sentences.slice(0, 3), ...sentences.slice(3).map(plain)];
  assert.deepEqual(localTerms(mixed, scratch), localTerms(sentences.map(plain), scratch));
});
