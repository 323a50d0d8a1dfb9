import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { bytesOf, int32s, uint16s } from '../../src/core/packed/slab.ts';
import { runs } from '../helpers/fuzz.ts';

test('slab: carved arrays keep their own contents, whatever is carved around them', () => {
  const piece = fc.oneof(
    fc.uint8Array({ maxLength: 300 }).map((b) => ({ kind: 'bytes' as const, value: [...b] })),
    // Past an eighth of a slab, an array gets a buffer of its own.
    fc.integer({ min: 40_000, max: 70_000 }).map((n) => ({ kind: 'bytes' as const, value: Array.from({ length: n }, (_, i) => (i * 7) & 0xff) })),
    fc.array(fc.integer(), { maxLength: 50 }).map((v) => ({ kind: 'int32' as const, value: v })),
    fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 50 }).map((v) => ({ kind: 'uint16' as const, value: v })),
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
      const made = pieces.map(({ kind, value }) => {
        if (kind === 'bytes') return bytesOf(Uint8Array.from(value));
        const array = kind === 'int32' ? int32s(value.length) : uint16s(value.length);
        array.set(value);
        return array;
      });
      made.forEach((array, i) => {
        assert.deepEqual([...array], pieces[i]!.value);
        if (!(array instanceof Uint8Array)) assert.equal(array.byteOffset % array.BYTES_PER_ELEMENT, 0);
      });
    }),
    { numRuns: runs(200) },
  );
});

test('slab: bytesOf copies, so the source can be reused', () => {
  const source = Uint8Array.from([1, 2, 3]);
  const copy = bytesOf(source);
  source.fill(9);
  assert.deepEqual([...copy], [1, 2, 3]);
});
