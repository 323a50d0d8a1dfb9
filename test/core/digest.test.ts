import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_BUDGET, digestAll, digestTopic } from '../../src/core/query/digest.ts';
import { corpusFrom, loadCorpus } from '../../src/core/index/corpus.ts';
import type { Digest } from '../../src/core/types.ts';
import { bundledCorpus, realEngine, tempArticles } from '../helpers/fixtures.ts';

const words = (t: string) => new Set(t.toLowerCase().match(/[a-z0-9]+/g) ?? []);
/** Plain unigram cosine, independent of the engine's own similarity, to judge repeats. */
function cosine(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return shared / Math.sqrt(x.size * y.size || 1);
}
const withoutTiming = (d: Digest) => ({ ...d, stats: { ...d.stats, elapsedMs: 0 } });

test('digest: an empty corpus gives an empty digest with no suggestions, not an error', () => {
  const corpus = corpusFrom(realEngine(), { articles: [], report: [] });
  const digest = digestTopic(corpus, 'ghazni');
  assert.deepEqual(digest.items, []);
  assert.deepEqual(digest.suggestions, []);
  assert.equal(digestAll(corpus).items.length, 0);
});

test('digest: one article with one sentence', async () => {
  const { dir, cleanup } = tempArticles({ 'one.txt': 'The Taliban entered the city of Ghazni on Thursday after heavy fighting.\n' });
  try {
    const corpus = await loadCorpus(realEngine(), dir, { maxBytes: 1e6 });
    const digest = digestTopic(corpus, 'ghazni');
    assert.equal(digest.items.length, 1);
    assert.match(digest.items[0]!.text, /entered the city of Ghazni/);
    assert.equal(digest.items[0]!.sources[0]!.file, 'one.txt');
  } finally {
    cleanup();
  }
});

test('digest: the bundled articles, Ghazni reports the fall of the city and what followed there', async () => {
  const digest = digestTopic(await bundledCorpus(), 'ghazni');
  const texts = digest.items.map((i) => i.text);
  assert.ok(digest.items.length >= 3 && digest.items.length <= 5, texts.join('\n'));
  assert.ok(texts.some((t) => /Ghazni/.test(t) && /(seized|captured|fall)/.test(t)), 'the fall of the city');
  assert.ok(texts.every((t) => /Ghazni/.test(t)), texts.join('\n'));
  assert.ok(digest.stats.words <= 120, `at most 120 words, got ${digest.stats.words}`);
  for (const item of digest.items) assert.ok(item.sources.length >= 1, item.text);
});

test('digest: no markup, entities or boilerplate reach a digest', async () => {
  const corpus = await bundledCorpus();
  const all = corpus.sentences.slice().map((s) => s.text).join('\n');
  for (const bad of [/<\/?[a-z]+[^>]*>/i, /&(amp|nbsp|quot|#\d+);/, /RELATED NEWS/, /Read all the Latest/, /With Reuters inputs/i, /minutes ago/, /^Read \|/m]) {
    assert.doesNotMatch(all, bad);
  }
});

test('digest: the power-sharing quote three outlets carry appears once, listing all three', async () => {
  const corpus = await bundledCorpus();
  for (const topic of ['power-sharing', 'qatar']) {
    const digest = digestTopic(corpus, topic);
    const quoted = digest.items.filter((i) => /submitted a proposal to Qatar as mediator/.test(i.text));
    // The power-sharing digest opens with the offer in an outlet's own words, which tells the quote's event.
    const offer = digest.items.filter((i) => /offered the Taliban a power-sharing deal/.test(i.text));
    assert.equal(quoted.length + offer.length, 1, `${topic}: ${digest.items.map((i) => i.text).join('\n')}`);
    if (offer.length === 1) {
      assert.ok(offer[0]!.sources.length >= 3, `${topic}: ${offer[0]!.sources.map((s) => s.file).join(', ')}`);
      continue;
    }
    const files = quoted[0]!.sources.map((s) => s.file).sort();
    assert.deepEqual(files, ['000_daf80ed14b82efc8.txt', '001_22de3a7143e72ed7.txt', '002_72ee2ab0b5e38029.txt'], topic);
  }
});

test('digest: the same fact in different words from several outlets becomes one item', async () => {
  const digest = digestTopic(await bundledCorpus(), 'ghazni');
  const fall = digest.items.filter((i) => /strategic Afghan city of Ghazni/.test(i.text));
  assert.equal(fall.length, 1);
  assert.ok(fall[0]!.sources.length >= 3, fall[0]!.sources.map((s) => s.file).join(', '));
});

test('digest: no two items say the same thing', async () => {
  const corpus = await bundledCorpus();
  for (const topic of ['ghazni', 'kandahar', 'taliban', 'power-sharing', 'kabul']) {
    const items = digestTopic(corpus, topic, { items: 10, words: 300 }).items;
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        assert.ok(cosine(items[i]!.text, items[j]!.text) < 0.5, `${topic}:\n${items[i]!.text}\n${items[j]!.text}`);
      }
    }
  }
});

test('digest: a topic that is one thread in bigger stories gets that thread', async () => {
  const digest = digestTopic(await bundledCorpus(), 'herat');
  assert.ok(digest.items.length >= 1);
  assert.ok(digest.items.some((i) => /Herat/.test(i.text)));
  assert.ok(!digest.items.some((i) => /power|proposal|Ramms/i.test(i.text)), digest.items.map((i) => i.text).join('\n'));
});

test('digest: phrases and aliases match in any case', async () => {
  const corpus = await bundledCorpus();
  const prison = digestTopic(corpus, 'Kandahar PRISON');
  assert.ok(prison.items.some((i) => /prison|jail/i.test(i.text)), prison.items.map((i) => i.text).join('\n'));
  assert.deepEqual(
    digestTopic(corpus, 'ghazni city').items.map((i) => i.text),
    digestTopic(corpus, 'Ghazni').items.map((i) => i.text),
  );
});

test('digest: an unknown topic gets no items and close suggestions', async () => {
  const digest = digestTopic(await bundledCorpus(), 'ghaznee');
  assert.deepEqual(digest.items, []);
  assert.equal(digest.suggestions?.[0], 'Ghazni');
});

test('digest: the same corpus and topic give the same digest', async () => {
  const corpus = await bundledCorpus();
  const again = await loadCorpus(realEngine(), (await import('../helpers/fixtures.ts')).ARTICLES, { maxBytes: 5e6 });
  for (const topic of ['ghazni', 'kandahar']) {
    assert.deepEqual(withoutTiming(digestTopic(corpus, topic)), withoutTiming(digestTopic(again, topic)));
  }
});

test('digest: budgets by items and by words are kept', async () => {
  const corpus = await bundledCorpus();
  assert.ok(digestTopic(corpus, 'taliban', { items: 2, words: 500 }).items.length <= 2);
  assert.ok(digestTopic(corpus, 'taliban', { items: 20, words: 60 }).stats.words <= 60);
  const all = digestAll(corpus, { items: 20, words: 100 });
  assert.ok(all.items.length >= 2 && all.stats.words <= 100);
});

test('digest: items the caller omits are left out before their sources are counted', async () => {
  const corpus = await bundledCorpus();
  const whole = digestTopic(corpus, 'ghazni');
  const kept = whole.items.at(-1)!.text;
  const posted = new Set(whole.items.slice(0, -1).map((i) => i.text));
  const rest = digestTopic(corpus, 'ghazni', DEFAULT_BUDGET, { omit: (text) => posted.has(text) });
  assert.deepEqual(rest.items.map((i) => i.text), [kept]);
  assert.equal(rest.stats.itemsOmitted, whole.items.length - 1);
  const files = new Set(rest.items.flatMap((i) => i.sources.map((s) => s.file)));
  assert.deepEqual(new Set(rest.articles.map((a) => a.file)), files);
  assert.equal(rest.stats.articlesCited, files.size);
  assert.ok(files.size < whole.stats.articlesCited, 'the test needs an article only the omitted items cite');
  assert.equal(rest.stats.outlets, new Set(rest.articles.map((a) => a.source)).size);
  const none = digestTopic(corpus, 'ghazni', DEFAULT_BUDGET, { omit: () => true });
  assert.equal(none.items.length, 0);
  assert.equal(none.stats.itemsOmitted, whole.items.length);
  assert.equal(none.suggestions, undefined, 'a topic with nothing new is not an unknown topic');
});
