import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WordTable } from '../../src/core/text/word-table.ts';
import { findWords, wordSpans } from '../../src/core/topic-words.ts';

test('word-table: judges each distinct word once, wherever it is written', () => {
  const judged: string[] = [];
  const table = new WordTable((raw, id) => {
    judged.push(raw);
    return { raw, id };
  });
  const lookUp = (text: string) => {
    const spans = wordSpans();
    return Array.from({ length: findWords(text, spans) }, (_, i) => table.get(text, spans.starts[i]!, spans.ends[i]!, spans.hashes[i]!));
  };
  const [a, b, c] = lookUp('Kabul kabul Kabul’s');
  assert.deepEqual([a!.id, b!.id, c!.id], [0, 1, 2]);
  const again = lookUp('(Kabul’s, kabul; Kabul)');
  assert.deepEqual(again, [c, b, a]);
  assert.ok(again[0] === c && again[2] === a, 'the very same values');
  // Enough words to grow the table several times: each is still found, and judged once.
  const many = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}`).join(' ');
  const first = lookUp(many);
  assert.deepEqual(lookUp(many), first);
  assert.equal(judged.length, 3 + 20_000);
  assert.equal(table.size, judged.length);
  table.clear();
  assert.equal(table.size, 0);
  assert.deepEqual(lookUp('Kabul')[0], { raw: 'Kabul', id: 0 });
});

test('word-table: words of one hash and length are told apart by their characters', () => {
  const table = new WordTable((raw) => raw);
  // Every word given the same hash: all land in one probe chain.
  const words = ['alpha', 'bravo', 'delta', 'gamma', 'omega'];
  const text = words.join(' ');
  let at = 0;
  for (const word of words) {
    assert.equal(table.get(text, at, at + word.length, 7), word);
    at += word.length + 1;
  }
  assert.deepEqual(words.map((w) => table.get(w, 0, w.length, 7)), words);
  assert.equal(table.size, words.length);
});

test('word-table: past its limit it starts again before the next new word', () => {
  const table = new WordTable((raw, id) => `${raw}#${id}`, 3);
  for (const w of ['a', 'b', 'c']) table.get(w);
  assert.equal(table.get('a'), 'a#0', 'a known word is still found at the limit');
  assert.equal(table.get('d'), 'd#0');
  assert.equal(table.size, 1);
  assert.equal(table.get('a'), 'a#1');
});
