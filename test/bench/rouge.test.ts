import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cutToWords, rougeRecall, rougeScores, tokenizeForRouge } from '../../bench/rouge.ts';
import { rougePorterStem } from '../../bench/rouge-porter.ts';
import { DEFAULT_DATA_DIR, listClusterIds, readCluster, readSystemSummary } from '../../bench/eval-data.ts';

const close = (actual: number, expected: number, eps = 1e-9) =>
  assert.ok(Math.abs(actual - expected) <= eps, `expected ${expected}, got ${actual}`);

test('tokenizer: lowercases, turns non-alphanumerics (hyphens, apostrophes, non-ASCII) into breaks', () => {
  assert.deepEqual(tokenizeForRouge("Hun Sen's U.S.-led anti-drug café", { stem: false }), [
    'hun', 'sen', 's', 'u', 's', 'led', 'anti', 'drug', 'caf',
  ]);
  assert.deepEqual(tokenizeForRouge("``Quoted'' -- 42 $5", { stem: false }), ['quoted', '42', '5']);
});

test('tokenizer: stems only tokens longer than 3 characters, Porter as ROUGE-1.5.5 ships it', () => {
  assert.deepEqual(tokenizeForRouge('Cats runs forces running relational'), ['cat', 'run', 'forc', 'run', 'relat']);
  // 3-letter tokens are never stemmed: "has" would otherwise lose its "s".
  assert.deepEqual(tokenizeForRouge('has was its'), ['has', 'was', 'its']);
  assert.deepEqual(tokenizeForRouge('Cats runs', { stem: false }), ['cats', 'runs']);
});

test('Porter stemmer: textbook cases and ROUGE-1.5.5\'s modified step 4', () => {
  const cases: Record<string, string> = {
    caresses: 'caress', ponies: 'poni', agreed: 'agre', plastered: 'plaster', motoring: 'motor',
    hopping: 'hop', filing: 'file', happy: 'happi', conditional: 'condit', hopeful: 'hope',
    goodness: 'good', adoption: 'adopt', yelling: 'yell', government: 'govern',
    // ROUGE tries -ment and then -ent in turn, where textbook Porter keeps these whole.
    agreement: 'agreem', argument: 'argum', commissioner: 'commiss',
  };
  for (const [word, stem] of Object.entries(cases)) assert.equal(rougePorterStem(word), stem, word);
});

test('WordNet irregular forms replace the stem, as ROUGE-1.5.5 does', () => {
  assert.deepEqual(tokenizeForRouge('were been said children'), ['be', 'be', 'say', 'child']);
  // "being" stems to "be", so it matches "were": this is where most of the effect comes from.
  close(rougeRecall('were', ['being'], 1), 1);
  close(rougeRecall('were', ['being'], 1, { exceptions: new Map() }), 0);
});

test('unigram and bigram counts are clipped by the reference counts', () => {
  close(rougeRecall('the the the cat', ['the cat sat'], 1), 2 / 3);
  close(rougeRecall('the cat sat', ['the cat sat on the mat'], 2), 2 / 5);
  close(rougeRecall('the cat the cat the cat', ['the cat and the cat'], 2), 2 / 4);
});

test('several references pool their counts (-f A), not a mean of per-reference recalls', () => {
  close(rougeRecall('alpha beta', ['alpha beta', 'gamma delta epsilon zeta'], 1), 2 / 6);
});

test('the 100-word cut keeps the first 100 whitespace-separated words of the summary', () => {
  const filler = Array.from({ length: 99 }, (_, i) => `w${i}`).join(' ');
  assert.equal(rougeRecall(`${filler} target`, ['target'], 1), 1);
  assert.equal(rougeRecall(`${filler} extra target`, ['target'], 1), 0);
  assert.equal(rougeRecall(`${filler} extra target`, ['target'], 1, { wordLimit: 0 }), 1);
});

test('the cut counts raw words, punctuation-only ones included, across lines', () => {
  // 99 underscores are 99 words for -l although they yield no token at all.
  assert.equal(rougeRecall(`${'_ '.repeat(99)}target`, ['target'], 1), 1);
  assert.equal(rougeRecall(`${'_ '.repeat(100)}target`, ['target'], 1), 0);
  assert.equal(cutToWords('a b c\nd e\nf g', 4), 'a b c d');
  assert.equal(cutToWords('a b c\n\nd e', 5), 'a b c d e');
});

test('references are cut to 100 words as well', () => {
  const longRef = Array.from({ length: 150 }, (_, i) => `r${i}`).join(' ');
  assert.equal(tokenizeForRouge(longRef).length, 100);
  close(rougeRecall('r0', [longRef], 1), 1 / 100);
});

test('degenerate inputs score 0 instead of throwing', () => {
  assert.equal(rougeRecall('', ['a reference'], 1), 0);
  assert.equal(rougeRecall('a summary', [], 1), 0);
  assert.equal(rougeRecall('one', ['one'], 2), 0);
  assert.deepEqual(rougeScores('', ['x']), { rouge1: 0, rouge2: 0 });
});

// ROUGE-1.5.5 scores of the published systems, from the README of the DUC 2004 folder.
const TABLE: Record<string, [rouge1: number, rouge2: number]> = {
  Lead: [30.84, 5.64],
  LexRank_sumy: [34.78, 6.81],
  LexRank: [35.21, 7.08],
  Centroid: [36.01, 7.24],
  ICSISumm: [37.66, 8.86],
  DPP: [39.42, 8.82],
};

test('calibration: reproduces ROUGE-1.5.5 on DUC 2004 for the published systems within 0.3', (t) => {
  if (!existsSync(join(DEFAULT_DATA_DIR, 'clusters'))) {
    t.skip(`DUC 2004 evaluation data not found at ${DEFAULT_DATA_DIR} (it lives in shared/, beside the project)`);
    return;
  }
  const started = performance.now();
  const clusters = listClusterIds(DEFAULT_DATA_DIR).map((id) => readCluster(DEFAULT_DATA_DIR, id));
  assert.equal(clusters.length, 25);
  const systemsDir = join(DEFAULT_DATA_DIR, 'reference-systems');
  const report: string[] = [];
  for (const [system, [r1, r2]] of Object.entries(TABLE)) {
    let sum1 = 0;
    let sum2 = 0;
    for (const cluster of clusters) {
      const summary = readSystemSummary(systemsDir, system, cluster.id);
      assert.ok(summary !== undefined, `${system}/${cluster.id}.txt is missing`);
      const scores = rougeScores(summary, cluster.refs);
      sum1 += scores.rouge1;
      sum2 += scores.rouge2;
    }
    const mean1 = (100 * sum1) / clusters.length;
    const mean2 = (100 * sum2) / clusters.length;
    report.push(`${system}: R1 ${mean1.toFixed(2)} (${r1}), R2 ${mean2.toFixed(2)} (${r2})`);
    assert.ok(Math.abs(mean1 - r1) <= 0.3, `${system} ROUGE-1 ${mean1.toFixed(2)}, table ${r1}`);
    assert.ok(Math.abs(mean2 - r2) <= 0.3, `${system} ROUGE-2 ${mean2.toFixed(2)}, table ${r2}`);
  }
  t.diagnostic(report.join('; '));
  // 6 systems x 25 clusters x 4 references: a slow scorer would make the benchmark a chore.
  const elapsed = performance.now() - started;
  assert.ok(elapsed < 5000, `calibration took ${elapsed.toFixed(0)} ms`);
});
