import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { countWords, isSpace, paragraphKey } from '../../src/core/text/clean-units.ts';

// The fast paths must agree with the plain regex definitions on every input.
const text = fc.array(fc.constantFrom(' ', '  ', '\t', '\n', '\u00a0', '\u2009', '\u3000', '\ufeff', '\u200b', '\u0085', 'a', 'B', '.', 'ﬁ', 'Ⅻ', '’'), { maxLength: 16 }).map((parts) => parts.join(''));

test('countWords counts what splitting on \\s+ counts', () => {
  fc.assert(fc.property(text, (t) => countWords(t) === t.split(/\s+/).filter(Boolean).length));
});

test('paragraphKey is NFKC, single-spaced, trimmed and lower case', () => {
  fc.assert(fc.property(text, (t) => paragraphKey(t) === t.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase()));
  assert.equal(paragraphKey('Kabul  falls '), 'kabul falls');
});

test('isSpace is \\s on every UTF-16 code unit', () => {
  for (let c = 0; c <= 0xffff; c++) assert.equal(isSpace(c), /\s/.test(String.fromCharCode(c)), `U+${c.toString(16)}`);
});
