import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cosineSimilarity,
  countNearDuplicates,
  nearDuplicatePairs,
  stemmedUnigrams,
} from '../../bench/near-duplicates.ts';
import { splitSummarySentences } from '../../bench/sentences.ts';
import { formatTable, scoreSystem } from '../../bench/quality-report.ts';

test('stemmed unigrams fold case, punctuation and inflection', () => {
  assert.deepEqual(
    [...stemmedUnigrams('Rebels attacked; the rebel attacks.').entries()],
    [['rebel', 2], ['attack', 2], ['the', 1]],
  );
});

test('cosine similarity of count vectors', () => {
  const a = new Map([['x', 1], ['y', 1]]);
  assert.equal(cosineSimilarity(a, a), 1);
  assert.equal(cosineSimilarity(a, new Map([['z', 3]])), 0);
  assert.ok(Math.abs(cosineSimilarity(a, new Map([['x', 1]])) - Math.SQRT1_2) < 1e-12);
  assert.equal(cosineSimilarity(new Map(), a), 0);
});

test('near-duplicate pairs: rewordings are caught, different sentences are not', () => {
  const sentences = [
    'Police arrested the former dictator in London on Friday.',
    'Spain asked for his extradition.',
    'On Friday police in London arrested the former dictator.',
    'The former dictator was arrested by London police on Friday.',
  ];
  const pairs = nearDuplicatePairs(sentences);
  assert.deepEqual(
    pairs.map((p) => [p.i, p.j]),
    [[0, 2], [0, 3], [2, 3]],
  );
  assert.equal(pairs[0]!.similarity, 1);
  assert.equal(countNearDuplicates(sentences), 3);
  assert.equal(countNearDuplicates(sentences, 1.01), 0);
  assert.equal(countNearDuplicates([]), 0);
});

test('the threshold is inclusive at 0.5', () => {
  // {a, b} against {a, c}: cosine exactly 1/2.
  assert.equal(countNearDuplicates(['alpha beta', 'alpha gamma']), 1);
  assert.equal(countNearDuplicates(['alpha beta gamma', 'alpha delta epsilon']), 0);
});

test('summary files split into sentences, one line holding several included', () => {
  assert.deepEqual(
    splitSummarySentences('Gen. Augusto Pinochet was arrested on Oct. 16 in the U.S. embassy. He is 82.\nSpain "wants him." Britain agrees!'),
    ['Gen. Augusto Pinochet was arrested on Oct. 16 in the U.S. embassy.', 'He is 82.', 'Spain "wants him."', 'Britain agrees!'],
  );
});

test('scoreSystem averages over clusters and sums near-duplicates; formatTable shows both', () => {
  const result = scoreSystem('toy', [
    { clusterId: 'a', sentences: ['the cat sat', 'the cat sat'], refs: ['the cat sat'] },
    { clusterId: 'b', sentences: ['a dog'], refs: ['a bird'] },
  ]);
  assert.equal(result.clusters, 2);
  assert.equal(result.rouge1, 75);
  assert.equal(result.rouge2, 50);
  assert.equal(result.nearDuplicatePairs, 1);
  assert.equal(result.meanWords, 4);
  const table = formatTable(result, [{ ...result, system: 'other' }]);
  assert.match(table, /\| \*\*toy\*\* \| 2 \| 75\.00 \| 50\.00 \| 1 \| 4\.0 \|/);
  assert.match(table, /\| other \|/);
  assert.equal(scoreSystem('no refs', [{ clusterId: 'a', sentences: ['x'], refs: [] }]).rouge1, undefined);
});
