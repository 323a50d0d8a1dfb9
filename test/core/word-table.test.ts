import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WordTable, wordAt } from '../../src/core/text/word-table.ts';
import { findWords, JOIN, wordSpans } from '../../src/core/text/words.ts';
import { hashOf } from '../../src/core/text/word-hash.ts';

/** Looks every word of `text` up, judging (and adding) the ones the table does not have. */
function lookUp<T extends {}>(table: WordTable<T>, text: string, judge: (word: string, id: number) => T): T[] {
  const spans = wordSpans();
  findWords(text, spans, JOIN);
  return Array.from({ length: spans.length / 3 }, (_, i) => {
    const [start, end, hash] = [spans.at[3 * i]!, spans.at[3 * i + 1]!, spans.at[3 * i + 2]!];
    return table.find(text, start, end, hash) ?? table.add(text, start, end, judge(wordAt(text, start, end), table.size), hash);
  });
}

test('word-table: finds each added word again, wherever it is written', () => {
  const judged: string[] = [];
  const table = new WordTable<{ raw: string; id: number }>();
  const judge = (raw: string, id: number) => {
    judged.push(raw);
    return { raw, id };
  };
  const [a, b, c] = lookUp(table, 'Kabul kabul Kabul’s', judge);
  assert.deepEqual([a!.id, b!.id, c!.id], [0, 1, 2]);
  const again = lookUp(table, '(Kabul’s, kabul; Kabul)', judge);
  assert.deepEqual(again, [c, b, a]);
  assert.ok(again[0] === c && again[2] === a, 'the very same values');
  assert.equal(table.find('xKabul', 1, 6, hashOf('xKabul', 1, 6)), a, 'found at any offset');
  assert.equal(table.find('Kabu', 0, 4, hashOf('Kabu', 0, 4)), undefined);
  // Enough words to grow the table and its characters several times: each is still found, and judged once.
  const many = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}`).join(' ');
  const first = lookUp(table, many, judge);
  assert.deepEqual(lookUp(table, many, judge), first);
  assert.equal(judged.length, 3 + 20_000);
  assert.equal(table.size, judged.length);
  table.clear();
  assert.equal(table.size, 0);
  assert.equal(table.find('Kabul', 0, 5, hashOf('Kabul', 0, 5)), undefined);
  assert.deepEqual(lookUp(table, 'Kabul', judge)[0], { raw: 'Kabul', id: 0 });
});

test('word-table: words of one hash and length are told apart by their characters', () => {
  const table = new WordTable<string>();
  // Every word given the same hash: all land in one probe chain.
  const words = ['alpha', 'bravo', 'delta', 'gamma', 'omega'];
  const text = words.join(' ');
  let at = 0;
  for (const word of words) {
    assert.equal(table.find(text, at, at + word.length, 7), undefined);
    assert.equal(table.add(text, at, at + word.length, word.toUpperCase(), 7), word.toUpperCase());
    at += word.length + 1;
  }
  assert.deepEqual(
    words.map((w) => table.find(w, 0, w.length, 7)),
    words.map((w) => w.toUpperCase()),
  );
  assert.equal(table.size, words.length);
});

test('word-table: wordAt gives the word, long or short', () => {
  const text = 'the internationalisation of Kabul';
  assert.equal(wordAt(text, 4, 24), 'internationalisation');
  assert.equal(wordAt(text, 28, 33), 'Kabul');
});
