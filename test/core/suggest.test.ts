import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editDistance, suggestTopics } from '../../src/core/query/suggest.ts';
import { bundledCorpus } from '../helpers/fixtures.ts';

test('editDistance: table', () => {
  const table: [string, string, number][] = [
    ['', '', 0],
    ['a', '', 1],
    ['ghazni', 'ghazni', 0],
    ['ghazny', 'ghazni', 1],
    ['ghanzi', 'ghazni', 1],
    ['kandhar', 'kandahar', 1],
    ['herat', 'kabul', 5],
  ];
  for (const [a, b, d] of table) assert.equal(editDistance(a, b, 5), d, `${a} ~ ${b}`);
  assert.equal(editDistance('abcdefgh', 'zzzzzzzz', 2), 3, 'gives up past the limit');
});

test('suggestTopics: misspellings and prefixes find corpus topics; nonsense finds nothing', async () => {
  const corpus = await bundledCorpus();
  assert.equal(suggestTopics(corpus, 'ghazny')[0], 'Ghazni');
  assert.equal(suggestTopics(corpus, 'kandhar')[0], 'Kandahar');
  assert.ok(suggestTopics(corpus, 'Kandah').includes('Kandahar'));
  assert.deepEqual(suggestTopics(corpus, 'zzzzqqqq'), []);
  assert.deepEqual(suggestTopics(corpus, ''), []);
  assert.ok(suggestTopics(corpus, 'ghazny').length <= 3);
});
