import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootstrapInterval, resampleIndexes, winsLosses } from '../../bench/bootstrap.ts';
import { crossValidate, formatCrossValidation, splitHalves, type Variant } from '../../bench/cross-validation.ts';
import { GENERIC_TUNING } from '../../src/core/summarize/tuning.ts';
import { GRID, combinations, oneAtATime, variantName } from '../../bench/quality-variants.ts';
import { formatHeadToHead, formatIntervals, headToHead, scoreSystem, systemIntervals } from '../../bench/quality-report.ts';

test('resamples are drawn from a fixed seed, with replacement, within range', () => {
  const draws = resampleIndexes(5, 200, 7);
  assert.equal(draws.length, 200);
  assert.deepEqual(draws, resampleIndexes(5, 200, 7));
  assert.notDeepEqual(draws, resampleIndexes(5, 200, 8));
  assert.ok(draws.every((row) => row.length === 5 && row.every((i) => i >= 0 && i < 5)));
  assert.ok(draws.some((row) => new Set(row).size < 5), 'with replacement: some draw repeats a cluster');
});

test('bootstrap interval: the mean inside it, none for a constant, wider for spread values', () => {
  const draws = resampleIndexes(10, 2000, 1);
  assert.deepEqual(bootstrapInterval(Array(10).fill(4), draws), { mean: 4, low: 4, high: 4 });
  const spread = bootstrapInterval([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], draws);
  assert.equal(spread.mean, 4.5);
  assert.ok(spread.low > 2.5 && spread.low < 4.5 && spread.high > 4.5 && spread.high < 6.5, JSON.stringify(spread));
});

test('wins and losses count clusters; the difference interval is paired', () => {
  const draws = resampleIndexes(4, 1000, 3);
  const w = winsLosses([3, 2, 5, 1], [1, 2, 4, 2], draws);
  assert.deepEqual([w.wins, w.losses, w.ties], [2, 1, 1]);
  assert.equal(w.difference.mean, 0.5);
  // Same scores shifted: every draw gives the same difference.
  assert.deepEqual(winsLosses([2, 3, 4], [1, 2, 3], resampleIndexes(3, 100, 3)).difference, { mean: 1, low: 1, high: 1 });
});

test('two halves: a fixed partition of the ids, the first half the larger', () => {
  const ids = Array.from({ length: 25 }, (_, i) => `c${String(i).padStart(2, '0')}`);
  const [a, b] = splitHalves(ids);
  assert.equal(a.length, 13);
  assert.equal(b.length, 12);
  assert.deepEqual([...a, ...b].sort(), ids);
  assert.deepEqual(splitHalves([...ids].reverse()), [a, b], 'the order given does not matter');
  assert.notDeepEqual(splitHalves(ids, 1), [a, b]);
});

test('cross-validation picks on one half, scores on the other, both ways; ties go to the first variant', () => {
  const clusters = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => ({ id }));
  const [half] = splitHalves(clusters.map((c) => c.id));
  const inFirst = new Set(half);
  // "steady" scores 1 everywhere; "lucky" 2 on the first half and 0 on the second.
  const variants: Variant<{ id: string }>[] = [
    { name: 'steady', summarize: (c) => ['steady', c.id] },
    { name: 'lucky', summarize: (c) => ['lucky', c.id] },
  ];
  const score = (_c: { id: string }, [name, id]: string[]) => {
    const x = name === 'steady' ? 1 : inFirst.has(id!) ? 2 : 0;
    return { rouge1: 10 * x, rouge2: x };
  };
  const cv = crossValidate(clusters, variants, score);
  assert.deepEqual(cv.folds.map((f) => f.chosen), ['lucky', 'steady']);
  assert.deepEqual(cv.folds[0].tuned, { rouge1: 20, rouge2: 2 });
  assert.deepEqual(cv.folds[0].heldOut, { rouge1: 0, rouge2: 0 });
  assert.deepEqual(cv.folds[1].heldOut, { rouge1: 10, rouge2: 1 });
  // Held out: 0 on the second half's 3 clusters, 1 on the first half's 3.
  assert.deepEqual(cv.crossValidated, { rouge1: 5, rouge2: 0.5 });
  // Each cluster's held-out score, in the clusters' order: 0 where "lucky" was chosen on the other half.
  assert.deepEqual(
    cv.heldOut.map((h) => h.rouge2),
    clusters.map((c) => (inFirst.has(c.id) ? 1 : 0)),
  );
  // On all six both average 1: the first listed wins the tie.
  assert.deepEqual(cv.bestOnAll, { name: 'steady', scores: { rouge1: 10, rouge2: 1 } });
  const report = formatCrossValidation(cv);
  assert.match(report, /\| lucky \| 10\.00 \/ 1\.00 \|/);
  assert.match(report, /fold 1: chosen on 3 clusters \([a-f ]+\): "lucky", 20\.00 \/ 2\.00 there, 0\.00 \/ 0\.00 on the other 3/);
  assert.match(report, /cross-validated ROUGE-1 \/ ROUGE-2 .*: 5\.00 \/ 0\.50/);
  assert.throws(() => crossValidate(clusters, [], score), /at least one variant/);
});

test('intervals and the head-to-head against the best other system, cluster by cluster', () => {
  const refs = ['the cat sat on the mat'];
  const system = (name: string, summaries: string[]) =>
    scoreSystem(name, summaries.map((s, i) => ({ clusterId: `c${i}`, sentences: [s], refs })));
  const engine = system('engine', ['the cat sat on the mat', 'the cat', 'a dog']);
  const best = system('best', ['the cat sat', 'the cat sat', 'the cat sat']);
  const worse = system('worse', ['cat', 'cat', 'cat']);
  const draws = resampleIndexes(3, 500, 1);
  const comparisons = headToHead(engine, [worse, best], draws);
  assert.deepEqual(comparisons.map((c) => [c.measure, c.against, c.wins, c.losses, c.ties]), [
    ['rouge1', 'best', 1, 2, 0],
    ['rouge2', 'best', 1, 2, 0],
  ]);
  const table = formatHeadToHead(engine, [worse, best], comparisons);
  assert.match(table, /- ROUGE-1: engine against best \(the best published mean\): 1 wins, 2 losses, 0 ties; mean difference -?\d/);
  assert.match(table, /\| c0 \| 100\.00 \/ 50\.00 W \| 100\.00 \/ 40\.00 W \|/);
  assert.match(table, /\| c2 \| 0\.00 \/ 50\.00 L \|/);
  const intervals = systemIntervals([engine, best], draws);
  assert.equal(intervals[1]!.rouge1.low, 50);
  assert.match(formatIntervals(intervals), /\| best \| 50\.00 \[50\.00, 50\.00\] \| 40\.00 \[40\.00, 40\.00\] \|/);
});

test('the grid of tuned constants: the defaults first, each constant alone, or every combination once', () => {
  const one = oneAtATime(GRID);
  assert.deepEqual(one[0], {});
  assert.equal(one.length, 1 + Object.values(GRID).reduce((n, values) => n + values.length - 1, 0));
  assert.ok(one.slice(1).every((t) => Object.keys(t).length === 1 && Object.entries(t).every(([k, v]) => GENERIC_TUNING[k as keyof typeof GENERIC_TUNING] !== v)));
  const all = combinations({ minDocuments: [2, 3, 4], repeats: [0.4, 0.5] });
  assert.equal(all.length, 6);
  assert.equal(new Set(all.map((t) => JSON.stringify(t))).size, 6);
  assert.equal(variantName(all[0]!), 'defaults');
  assert.equal(variantName({ minDocuments: 2, repeats: 0.5 }), 'minDocuments 2');
});
