import { test } from 'node:test';
import assert from 'node:assert/strict';
import { digestTopic } from '../../src/core/query/digest.ts';
import { recencyOf } from '../../src/core/query/recency.ts';
import { selectTopic } from '../../src/core/query/select-topic.ts';
import { bundledCorpus } from '../helpers/fixtures.ts';
import { datedCorpus, type DatedText } from '../helpers/dated-corpus.ts';

const RETOOK = 'Government forces retook the city of Ghazni on Sunday after a week of fierce clashes with the Taliban, officials said.';

/** Two outlets run one wire sentence; each adds a line of its own. */
const wire = (a: string, b: string): DatedText[] => [
  { name: 'a', source: 'Outlet A', published: a, text: `${RETOOK}\n\nShops in Ghazni opened again on Monday morning.` },
  { name: 'b', source: 'Outlet B', published: b, text: `${RETOOK}\n\nThe road from Ghazni to Kabul stayed closed to trucks.` },
];

async function digestOf(texts: DatedText[], budget = { items: 5, words: 120 }) {
  const { corpus, cleanup } = await datedCorpus(texts);
  try {
    return digestTopic(corpus, 'ghazni', budget);
  } finally {
    cleanup();
  }
}

test('recency: of two outlets telling one fact alike, the newer is quoted and the older still cited', async () => {
  const quoted = async (a: string, b: string) => {
    const item = (await digestOf(wire(a, b))).items.find((i) => i.text === RETOOK)!;
    assert.deepEqual(item.sources.map((s) => s.file).sort(), ['a.json', 'b.json']);
    return item.sources[0]!.file;
  };
  assert.equal(await quoted('2026-12-07', '2026-12-07'), 'a.json', 'same day: the first article, as without dates');
  assert.equal(await quoted('2026-12-01', '2026-12-07'), 'b.json');
  assert.equal(await quoted('2026-12-07T09:00:00Z', '2026-12-07T06:00:00Z'), 'a.json');
  assert.equal(await quoted('2026-12-07T06:00:00Z', '2026-12-07T09:00:00Z'), 'b.json', 'hours apart decide a tie');
});

test('recency: two facts of equal worth competing for one item go to the newer', async () => {
  const texts = (police: string, farmers: string): DatedText[] => [
    { name: 'police', source: 'Outlet P', published: police, text: 'Ghazni police arrested smugglers in the bazaar.' },
    { name: 'farmers', source: 'Outlet F', published: farmers, text: 'Ghazni farmers harvested pomegranates in the valley.' },
  ];
  const winner = async (police: string, farmers: string) => (await digestOf(texts(police, farmers), { items: 1, words: 120 })).items[0]!.sources[0]!.file;
  assert.equal(await winner('2026-12-07', '2026-12-07'), 'farmers.json', 'a tie goes to the first file, as without dates');
  assert.equal(await winner('2026-12-07', '2026-12-05'), 'police.json');
  assert.equal(await winner('2026-12-05', '2026-12-07'), 'farmers.json');
});

test('recency: a fact that says clearly more still wins over a thinner newer one', async () => {
  const siege = 'Taliban fighters laid siege to Ghazni and cut the highway to Kabul, trapping thousands of families in the city.';
  const texts: DatedText[] = [
    ...['x', 'y'].map((o) => ({ name: `siege-${o}`, source: `Outlet ${o}`, published: '2026-11-23', text: `${siege}\n\nOutlet ${o} has a reporter in the province.` })),
    { name: 'weather', source: 'Outlet W', published: '2026-12-07', text: 'Light snow fell on Ghazni overnight, residents said.' },
  ];
  const digest = await digestOf(texts, { items: 1, words: 120 });
  assert.equal(digest.items[0]!.text, siege, 'two weeks old, told by two outlets: it still leads');
});

test('recency: undated files and same-day articles leave the ranking as it was without dates', async () => {
  const corpus = await bundledCorpus();
  // Four of the bundled articles state no date (their file time dates them), one states 12 August 2021.
  assert.deepEqual(corpus.articles.map((a) => Boolean(a.undated)).sort(), [false, true, true, true, true]);
  assert.equal(recencyOf(corpus, selectTopic(corpus, 'ghazni').candidates), undefined);
  const { corpus: sameDay, cleanup } = await datedCorpus(wire('2026-12-07', '2026-12-07'));
  try {
    assert.equal(recencyOf(sameDay, selectTopic(sameDay, 'ghazni').candidates), undefined);
  } finally {
    cleanup();
  }
});
