import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCorpus } from '../../src/core/index/corpus.ts';
import type { Corpus } from '../../src/core/index/snapshot.ts';
import { digestTopic } from '../../src/core/query/digest.ts';
import { bundledCorpus, realEngine, tempArticles } from '../helpers/fixtures.ts';

// /topics lists what the articles are about: names and phrases articles dwell on, never the outlets
// that report, never a description met in passing; and the count it gives a topic is the count of
// articles /summary answers from.

const names = (corpus: Corpus) => corpus.topics.map((t) => t.name);

/** Runs `check` on a corpus of articles given as JSON files with an outlet, so the outlet is known as the article's source. */
async function withCorpus(articles: { source: string; text: string }[], check: (corpus: Corpus) => void): Promise<void> {
  const files: Record<string, string> = {};
  articles.forEach((a, i) => (files[`a${i}.json`] = JSON.stringify({ title: `Report ${i}`, source: a.source, published: '2026-12-07', text: a.text })));
  const { dir, cleanup } = tempArticles(files);
  try {
    check(await loadCorpus(realEngine(), dir, { maxBytes: 1e6 }));
  } finally {
    cleanup();
  }
}

test('topics: the bundled articles list no outlet and no description met in passing, and list Herat', async () => {
  const corpus = await bundledCorpus();
  const listed = names(corpus);
  for (const outlet of ['AFP', 'Reuters', 'ANI', 'DPA', 'Al Jazeera', 'deccanherald.com', 'UrduPoint / Pakistan Point News']) {
    assert.ok(!listed.some((n) => n.toLowerCase() === outlet.toLowerCase()), `${outlet} in ${listed.join(', ')}`);
  }
  for (const phrase of ['control spokesman', 'important gain', 'second city', 'local media']) assert.ok(!listed.includes(phrase), `${phrase} in ${listed.join(', ')}`);
  for (const topic of ['Taliban', 'Ghazni', 'Kandahar', 'Lashkar Gah', 'power-sharing', 'provincial capital']) assert.ok(listed.includes(topic), `${topic} missing`);
  const herat = corpus.topics.find((t) => t.name === 'Herat');
  assert.equal(herat?.articles, 2);
  assert.equal(new Set(digestTopic(corpus, 'herat').items.flatMap((i) => i.sources.map((s) => s.file))).size, 2, '/summary herat answers from two articles');
});

test('topics: the count /topics gives a topic is the count of articles /summary finds it in', async () => {
  const corpus = await bundledCorpus();
  for (const topic of corpus.topics) assert.equal(digestTopic(corpus, topic.name).stats.articlesMatched, topic.articles, topic.name);
});

test('topics: punctuation between two capitalised words ends a name, and a phrase', async () => {
  await withCorpus(
    [
      { source: 'One', text: 'The Taliban seized Herat, Afghanistan’s third-largest city, on Thursday. "The enemy took control," spokesman Ahmad Zia said.' },
      { source: 'Two', text: 'Fighting went on in Herat and in Kandahar. Afghanistan’s army pulled back; spokesman Ahmad Zia said the enemy took control.' },
    ],
    (corpus) => {
      const listed = names(corpus);
      assert.ok(listed.includes('Herat') && listed.includes('Afghanistan') && listed.includes('Ahmad Zia'), listed.join(', '));
      assert.ok(!listed.some((n) => /Herat Afghanistan|control spokesman/i.test(n)), listed.join(', '));
    },
  );
});

test('topics: outlets are no topics: the articles\' own, the agencies the rules know, and names that mostly credit a report', async () => {
  await withCorpus(
    [
      { source: 'Kabul Times', text: 'Kabul Times learned that the Taliban entered Zaranj. Tolo News reported heavy fighting near Zaranj, AFP said.' },
      { source: 'Herat Daily', text: 'Residents of Zaranj told Tolo News that the Taliban were in the city. Officials told AFP that Ismail Khan had fled Zaranj.' },
      { source: 'Herat Daily', text: 'In Zaranj, Ismail Khan told reporters that the Taliban would be stopped. He said he had armed 300 men, according to Tolo News.' },
    ],
    (corpus) => {
      const listed = names(corpus);
      for (const outlet of ['Kabul Times', 'Herat Daily', 'AFP', 'Tolo News']) assert.ok(!listed.includes(outlet), `${outlet} in ${listed.join(', ')}`);
      assert.ok(listed.includes('Zaranj') && listed.includes('Ismail Khan'), listed.join(', '));
    },
  );
});

test('topics: a phrase is listed when articles dwell on it, never one made of counting or time words', async () => {
  await withCorpus(
    [
      { source: 'One', text: 'Local media said the troop withdrawal began last year. The troop withdrawal ends in two-thirds of the bases last year.' },
      { source: 'Two', text: 'The troop withdrawal was praised by local media. Critics said the troop withdrawal was rushed last year, as it was last year.' },
      { source: 'Three', text: 'According to local media, the last year was calm. It was the second city to fall in the second city raid.' },
    ],
    (corpus) => {
      const phrases = corpus.topics.filter((t) => t.kind === 'phrase').map((t) => t.name);
      assert.deepEqual(phrases, ['troop withdrawal']);
    },
  );
});

test('topics: a capitalised word the articles mostly write in lower case is a common word, not a name', async () => {
  await withCorpus(
    [
      { source: 'One', text: 'On Monday the Western diplomats left Kabul. Kabul airport was closed.' },
      { source: 'Two', text: 'The Western envoys met in Kabul. The western provinces fell.' },
      { source: 'Three', text: 'Fighting spread across western Afghanistan, far from Kabul.' },
      { source: 'Four', text: 'The western border with Iran was closed, officials in Kabul said.' },
      { source: 'Five', text: 'Aid reached the western city of Herat from Kabul.' },
    ],
    (corpus) => {
      const listed = names(corpus);
      assert.ok(listed.includes('Kabul') && !listed.includes('Western'), listed.join(', '));
    },
  );
});
