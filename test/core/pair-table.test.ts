import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PairTable } from '../../src/core/packed/pair-table.ts';
import { runs } from '../helpers/fuzz.ts';

test('pair-table: finds what a Map of the same pairs finds, across growth and clearing', () => {
  // Small ids collide in the low bits; large ones are what a word cache reaches.
  const id = fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }));
  const step = fc.oneof(
    { weight: 20, arbitrary: fc.tuple(id, id).map(([a, b]) => ({ op: 'add' as const, a, b })) },
    { weight: 1, arbitrary: fc.constant({ op: 'clear' as const, a: 0, b: 0 }) },
  );
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 64 }), fc.array(step, { maxLength: 400 }), (expected, steps) => {
      const table = new PairTable(expected);
      const model = new Map<string, number>();
      steps.forEach(({ op, a, b }, n) => {
        if (op === 'clear') {
          table.clear();
          model.clear();
          return;
        }
        const key = `${a} ${b}`;
        assert.equal(table.get(a, b), model.get(key) ?? -1);
        if (!model.has(key)) {
          table.set(a, b, n);
          model.set(key, n);
        }
        assert.equal(table.get(a, b), model.get(key));
        assert.equal(table.size, model.size);
      });
      for (const [key, value] of model) {
        const [a, b] = key.split(' ').map(Number);
        assert.equal(table.get(a!, b!), value);
        assert.equal(table.get(b!, a!), model.get(`${b} ${a}`) ?? -1, 'a pair is ordered');
      }
    }),
    { numRuns: runs(200) },
  );
});
