import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { prepareText, tidyBody } from '../../src/core/load/tidy-text.ts';
import { limitNesting } from '../../src/core/load/limit-nesting.ts';

// Each of these has a shortcut for the common case. An input that forces the general path, with a
// known effect on the result, tells whether the shortcut was taken where it changes the answer.
const pieces = (alphabet: string[], maxLength = 24) => fc.array(fc.constantFrom(...alphabet), { maxLength }).map((p) => p.join(''));
const text = pieces(['a', 'B', '.', ' ', '  ', '\t', '\n', '\n\n', '\r', '\r\n', '\u00a0', '\u2009', '\u3000', '\u200b', '\u00ad', '\u2028', '\f', '\u0007', '\u007f', 'é', 'e\u0301', '—']);

test('prepareText: the shortcut for plain text agrees with the full normalisation', () => {
  // A trailing é sends any text down the full path and comes out unchanged.
  fc.assert(fc.property(text, (t) => prepareText(t) + 'é' === prepareText(`${t}é`)), { numRuns: 1000 });
});

test('tidyBody: skipping the space collapse changes nothing', () => {
  // A trailing tab or two spaces are always collapsed, then trimmed away with the last line.
  for (const options of [{}, { linesAsParagraphs: true }, { dropPunctuationLines: true }]) {
    fc.assert(
      fc.property(text, fc.constantFrom('\t', '  '), (t, tail) => tidyBody(prepareText(t), options) === tidyBody(prepareText(t) + tail, options)),
      { numRuns: 1000 },
    );
  }
});

test('limitNesting: a page that seems to fit comes out as the full rewrite would leave it', () => {
  const html = pieces(['<b>', '</b>', '<div class="x">', '</DIV>', '<p>', '<br>', '<img src=x/>', '<i/>', 'word', ' ', '<', '>'], 40);
  fc.assert(
    fc.property(html, fc.integer({ min: 1, max: 6 }), (page, depth) => {
      // This prefix drops a tag, so the rewrite runs from the start, and leaves nothing open.
      const prefix = '<u>'.repeat(depth + 1) + '</u>'.repeat(depth + 1);
      assert.equal(limitNesting(prefix + page, depth), limitNesting(prefix, depth) + limitNesting(page, depth));
    }),
    { numRuns: 1000 },
  );
});
