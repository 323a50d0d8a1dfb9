import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { runs } from '../helpers/fuzz.ts';
import { findByPattern, findWords, JOIN, SPLIT, TERMS, wordOf, wordSpans, type WordRule, type WordSpans } from '../../src/core/text/words.ts';
import { hashOf } from '../../src/core/text/word-hash.ts';

const RULES = [
  ['SPLIT', SPLIT],
  ['JOIN', JOIN],
  ['TERMS', TERMS],
] as const;

/** Each rule as the scanners' users defined it before there was one scanner. */
const REFERENCE: Record<WordRule, RegExp> = {
  [SPLIT]: /[\p{L}\p{N}]+/gu,
  [JOIN]: /[\p{L}\p{N}][\p{L}\p{N}’'-]*/gu,
  [TERMS]:
    /(\p{L}(?:\.\p{L}(?![\p{L}\p{M}\p{N}]))+)|(\p{N}+(?:,\p{N}{3})+(?![\p{N}])(?:\.\p{N}+)?|\p{N}+(?:\.\p{N}+)?[\p{L}\p{M}\p{N}]*|[\p{L}\p{M}\p{N}]+)(?:['’ʼ]s(?![\p{L}\p{M}\p{N}]))?/gu,
};

function referenceWords(text: string, rule: WordRule): string[] {
  return [...text.matchAll(REFERENCE[rule])].map((m) =>
    rule !== TERMS ? m[0] : m[1] !== undefined ? m[1].replaceAll('.', '') : m[2]!.replaceAll(',', ''),
  );
}

const copy = (spans: WordSpans) => [...spans.at.subarray(0, spans.length)];

/** The words of `spans` over `text`, checking each hash: `hashOf` of the text between, or 0 for a word rebuilt. */
function wordsOf(text: string, spans: WordSpans): string[] {
  const out: string[] = [];
  for (let i = 0; i < spans.length; i += 3) {
    const [start, end, hash] = [spans.at[i]!, spans.at[i + 1]!, spans.at[i + 2]!];
    assert.equal(hash, end > 0 ? hashOf(text, start, end) : 0, `hash of ${text.slice(start, Math.abs(end))} in ${JSON.stringify(text)}`);
    out.push(wordOf(text, start, end));
  }
  return out;
}

const scan = (text: string, rule: WordRule) => {
  const spans = wordSpans();
  findWords(text, spans, rule);
  return wordsOf(text, spans);
};

test('words: what a word is under each rule', () => {
  const cases: [string, Record<'SPLIT' | 'JOIN' | 'TERMS', string[]>][] = [
    [
      "Kandahar's power-sharing deal, O’Brien said",
      {
        SPLIT: ['Kandahar', 's', 'power', 'sharing', 'deal', 'O', 'Brien', 'said'],
        JOIN: ["Kandahar's", 'power-sharing', 'deal', 'O’Brien', 'said'],
        // TERMS reads lowercased text; an uppercase letter sends it to the pattern, which reads the same.
        TERMS: ['Kandahar', 'power', 'sharing', 'deal', 'O', 'Brien', 'said'],
      },
    ],
    [
      "kandahar's power-sharing deal, o’brien said",
      {
        SPLIT: ['kandahar', 's', 'power', 'sharing', 'deal', 'o', 'brien', 'said'],
        JOIN: ["kandahar's", 'power-sharing', 'deal', 'o’brien', 'said'],
        TERMS: ['kandahar', 'power', 'sharing', 'deal', 'o', 'brien', 'said'],
      },
    ],
    [
      'u.s.-led 180,000 3.5km 11th 1,234,5678',
      {
        SPLIT: ['u', 's', 'led', '180', '000', '3', '5km', '11th', '1', '234', '5678'],
        JOIN: ['u', 's', 'led', '180', '000', '3', '5km', '11th', '1', '234', '5678'],
        TERMS: ['us', 'led', '180000', '3.5km', '11th', '1234', '5678'],
      },
    ],
    // A joiner goes on a word that has begun, and begins none; U+2010 and dashes are no hyphens.
    [
      "rebels' -x 'y- a‐b c—d",
      { SPLIT: ['rebels', 'x', 'y', 'a', 'b', 'c', 'd'], JOIN: ["rebels'", 'x', "y-", 'a', 'b', 'c', 'd'], TERMS: ['rebels', 'x', 'y', 'a', 'b', 'c', 'd'] },
    ],
    // Beyond ASCII: a mark is part of a TERMS word only; digits of any script.
    [
      'ñuñoa café e\u0301t ٣٤ жк',
      {
        SPLIT: ['ñuñoa', 'café', 'e', 't', '٣٤', 'жк'],
        JOIN: ['ñuñoa', 'café', 'e', 't', '٣٤', 'жк'],
        TERMS: ['ñuñoa', 'café', 'e\u0301t', '٣٤', 'жк'],
      },
    ],
    // Surrogate pairs are one character; a lone half is none.
    [
      '𝐊𝐚𝐛𝐮𝐥’s 🎉 kabul \ud800x y\udc00',
      { SPLIT: ['𝐊𝐚𝐛𝐮𝐥', 's', 'kabul', 'x', 'y'], JOIN: ['𝐊𝐚𝐛𝐮𝐥’s', 'kabul', 'x', 'y'], TERMS: ['𝐊𝐚𝐛𝐮𝐥', 'kabul', 'x', 'y'] },
    ],
    ['', { SPLIT: [], JOIN: [], TERMS: [] }],
    ['... - ’', { SPLIT: [], JOIN: [], TERMS: [] }],
  ];
  for (const [text, expected] of cases) {
    for (const [name, rule] of RULES) {
      assert.deepEqual(referenceWords(text, rule), expected[name], `reference ${name}: ${text}`);
      assert.deepEqual(scan(text, rule), expected[name], `${name}: ${text}`);
    }
  }
});

// Pieces each rule must decide as its pattern does: ASCII letters, digits and punctuation, the
// joiners, what TERMS reads around dots, commas and apostrophes, and (in `OTHER`) letters, marks
// and digits beyond ASCII, spaces and surrogates.
const PLAIN = [
  'a', 'q', 's', 'x', 'Z', '0', '1', '7', ' ', '.', ',', "'", '’', '‘', '-', '_', '\t', '“', '—',
  "'s", '’s', 'u.s.', ',000', '.5', '1,234',
];
const OTHER = [
  'ʼ', 'ʼs', 'Ñ', 'ñ', 'é', 'e\u0301', '\u0301', 'ß', 'Ω', 'ж', 'ك', '喀', '٣', '²', '１', 'ǅ', 'ª', '‐',
  '\u00a0', '\u00ad', '\u200b', '🎉', '𝐊', '\ud800', '\udc00',
];
const plainUnit = fc.constantFrom(...PLAIN);
const texts = fc.oneof(
  fc.string({ unit: plainUnit, maxLength: 40 }),
  fc.string({ unit: fc.oneof({ weight: 6, arbitrary: plainUnit }, { weight: 1, arbitrary: fc.constantFrom(...OTHER) }), maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 }).map((codes) => String.fromCharCode(...codes)),
);

for (const [name, rule] of RULES) {
  test(`words: under ${name}, the scan finds what the Unicode pattern finds, with the same spans and hashes`, () => {
    // One set of spans for every text, as the users keep theirs.
    const fast = wordSpans();
    const slow = wordSpans();
    fc.assert(
      fc.property(texts, fc.boolean(), (raw, lower) => {
        const text = lower ? raw.toLowerCase() : raw;
        findWords(text, fast, rule);
        findByPattern(text, slow, rule);
        assert.deepEqual(copy(fast), copy(slow), JSON.stringify(text));
        assert.deepEqual(wordsOf(text, fast), referenceWords(text, rule), JSON.stringify(text));
      }),
      { numRuns: runs(2000) },
    );
  });
}

test('words: spans grow for a long text and hold nothing stale after a short one', () => {
  const spans = wordSpans();
  const long = Array.from({ length: 1000 }, (_, i) => `w${i}`).join(' ');
  for (const [name, rule] of RULES) {
    findWords(long, spans, rule);
    assert.equal(spans.length, 3000, name);
    findWords('one two', spans, rule);
    assert.deepEqual(wordsOf('one two', spans), ['one', 'two'], name);
  }
});
