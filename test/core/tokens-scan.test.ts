import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { runs } from '../helpers/fuzz.ts';
import { createAnalyzer } from '../../src/core/text/tokens.ts';

const analyzer = createAnalyzer({ stopwords: new Set() });

/** `words` as it was before plain text got its own scanner: the one definition of a word. */
const TOKEN =
  /(\p{L}(?:\.\p{L}(?![\p{L}\p{M}\p{N}]))+)|(\p{N}+(?:,\p{N}{3})+(?![\p{N}])(?:\.\p{N}+)?|\p{N}+(?:\.\p{N}+)?[\p{L}\p{M}\p{N}]*|[\p{L}\p{M}\p{N}]+)(?:['’ʼ]s(?![\p{L}\p{M}\p{N}]))?/gu;
function referenceWords(text: string): string[] {
  const out: string[] = [];
  for (const m of text.normalize('NFKC').toLowerCase().matchAll(TOKEN)) {
    out.push(m[1] !== undefined ? m[1].replaceAll('.', '') : m[2]!.replaceAll(',', ''));
  }
  return out;
}

// Units biased toward what the scanner must decide like the pattern: dots, commas and apostrophes
// between letters and digits, and the punctuation it lets through.
const PLAIN = [
  'a', 'b', 'e', 's', 'S', 'u', 'U', 'x', '0', '1', '9', '.', ',', "'", '’', ' ', '-',
  "'s", '’s', 'U.S.', ',000', '.5', '1,234', '‘', '“', '”', '–', '—', '«', '»', '•', '€', '£', '°',
];
// Each sends the text to the regex: letters and digits beyond ASCII, marks, and what NFKC or lowercasing changes.
const OTHER = ['ʼ', 'ʼs', 'é', 'É', 'e\u0301', '\u0301', '１', '２,０００', '²', 'ﬁ', 'İ', 'ß', 'Ⅻ', '①', '…', '\u00a0', 'к', 'ك', '٣', '०', '𝐀', '\ud800'];
const plainUnit = fc.constantFrom(...PLAIN);
const plainText = fc.string({ unit: plainUnit, maxLength: 40 });
const mixedText = fc.string({ unit: fc.oneof({ weight: 6, arbitrary: plainUnit }, { weight: 1, arbitrary: fc.constantFrom(...OTHER) }), maxLength: 40 });

test('tokens: words of plain text are what the Unicode pattern finds', () => {
  fc.assert(fc.property(plainText, (text) => assert.deepEqual(analyzer.words(text), referenceWords(text), JSON.stringify(text))), { numRuns: runs(3000) });
});

test('tokens: words of any text are what the Unicode pattern finds', () => {
  fc.assert(fc.property(mixedText, (text) => assert.deepEqual(analyzer.words(text), referenceWords(text), JSON.stringify(text))), { numRuns: runs(2000) });
});

test('tokens: the scanner takes the pattern\'s choices where they are close', () => {
  const cases: [string, string[]][] = [
    ['1,234,5678 1,234,567,8901', ['1234', '5678', '1234567', '8901']],
    ['1,000.5km 1,000km 12.5.6 3.5km 07', ['1000.5', 'km', '1000', 'km', '12.5', '6', '3.5km', '07']],
    ["1,000's 1,000’s5 2021's", ['1000', '1000', 's5', '2021']],
    // The possessive belongs to the alternatives after the acronym's.
    ["U.S.A’s U.S.'s a.b.c a.b1 ab.c A.B-C x.y.zz", ['usa', 's', 'us', 's', 'abc', 'a', 'b1', 'ab', 'c', 'ab', 'c', 'xy', 'zz']],
    ["'s it's its's s's. 's'", ['s', 'it', 'its', 's', 's']],
    ['“U.S.” – «1,000» — €5 £3.50 20°', ['us', '1000', '5', '3.50', '20']],
    ['1,2345 ,123 1,23 1,234,', ['1', '2345', '123', '1', '23', '1234']],
  ];
  for (const [input, expected] of cases) {
    assert.deepEqual(referenceWords(input), expected, `reference: ${input}`);
    assert.deepEqual(analyzer.words(input), expected, input);
  }
});

test('tokens: wordIds are the values of words, less the negative ones, each computed once', () => {
  const registry = new Map<string, number>();
  const idOf = (word: string) => (word.length === 1 ? -1 : registry.get(word) ?? registry.set(word, registry.size).size - 1);
  const calls = new Map<string, number>();
  const ids = analyzer.wordIds((word) => {
    calls.set(word, (calls.get(word) ?? 0) + 1);
    return idOf(word);
  });
  const expected = (text: string) => referenceWords(text).map(idOf).filter((id) => id >= 0);
  fc.assert(fc.property(mixedText, (text) => assert.deepEqual(ids(text), expected(text), JSON.stringify(text))), { numRuns: runs(2000) });

  // Thousands of distinct words make the memo grow several times; every word is still found.
  const many = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}`).join(' ');
  assert.deepEqual(ids(many), expected(many));
  assert.deepEqual(ids(many), expected(many));
  assert.deepEqual([...calls].filter(([, n]) => n > 1), [], 'no word is computed twice');
});

test('tokens: wordIds tell apart words of one hash and length', () => {
  // "yaczf" and "glbpp" have the same FNV-1a hash.
  let calls = 0;
  const ids = analyzer.wordIds(() => calls++);
  assert.deepEqual(ids('yaczf glbpp glbpp yaczf'), [0, 1, 1, 0]);
});

test('tokens: wordIds start again past the memo limit and stay right', { timeout: 60_000 }, () => {
  let calls = 0;
  const ids = analyzer.wordIds(() => calls++);
  const count = 200_100;
  const text = Array.from({ length: count }, (_, i) => `q${i.toString(36)}`).join(' ');
  // Each word its own number, so two words taken for one would show.
  assert.deepEqual(ids(text), Array.from({ length: count }, (_, i) => i));
  // The memo started again at 200,000 words, so only the last 100 are still known.
  assert.deepEqual(ids(`q${(count - 1).toString(36)} q0`), [count - 1, count]);
});
