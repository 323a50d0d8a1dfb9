import { test } from 'node:test';
import assert from 'node:assert/strict';
import { digestTopic } from '../../src/core/query/digest.ts';
import { datedCorpus, type DatedText } from '../helpers/dated-corpus.ts';

const NOW = new Date('2026-12-07T12:00:00Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);

/** Ghazni over three weeks: the city fell in November; on 7 December government forces retook it. */
const GHAZNI: DatedText[] = [
  {
    name: 'fall-kabul-times',
    source: 'Kabul Times',
    published: '2026-11-20',
    text:
      'Taliban fighters captured the provincial capital of Ghazni on Thursday after two days of heavy fighting, officials said.\n\n' +
      'The governor of Ghazni fled to Kabul with his aides as the fighters entered the city.\n\n' +
      'Residents of Ghazni reported long queues for bread and fuel in the main bazaar.',
  },
  {
    name: 'fall-pajhwok',
    source: 'Pajhwok',
    published: '2026-11-21T09:30:00Z',
    text:
      'The governor of Ghazni fled to Kabul with his aides on Thursday night, a provincial council member said.\n\n' +
      'Shops in Ghazni stayed closed for a second day as Taliban patrols moved through the streets.',
  },
  {
    name: 'outlook-early',
    source: 'Daily Outlook',
    published: '2026-12-01',
    // Tells, days early, what the newest reports tell: a same-fact sentence outside the window.
    text:
      'Government forces retook the city of Ghazni after a week of fierce clashes with the Taliban, a spokesman claimed.\n\n' +
      'Ghazni elders asked both sides to spare the old citadel from shelling.',
  },
  {
    name: 'retaken-reuters',
    source: 'Reuters',
    published: '2026-12-07T08:00:00Z',
    text:
      'Government forces retook the city of Ghazni on Sunday after a week of fierce clashes with the Taliban, officials said.\n\n' +
      'Electricity was restored across Ghazni on Sunday evening, the national power company said.',
  },
  {
    name: 'retaken-ap',
    source: 'AP',
    published: '2026-12-07T10:00:00+02:00',
    text:
      'Afghan government forces retook Ghazni city on Sunday after a week of fierce clashes with Taliban fighters, officials said.\n\n' +
      'Hundreds of families who had fled Ghazni began returning to their homes by bus.',
  },
];
const NEW = ['retaken-ap.json', 'retaken-reuters.json'];

test('digest since: only articles published in the window are read, listed and counted', async () => {
  const { corpus, cleanup } = await datedCorpus(GHAZNI);
  try {
    const whole = digestTopic(corpus, 'ghazni');
    const retaken = whole.items.find((i) => /retook/.test(i.text));
    assert.ok(retaken?.sources.some((s) => s.file === 'outlook-early.json'), 'without a window, the early report tells the same fact');

    const day = digestTopic(corpus, 'ghazni', undefined, { since: hoursAgo(24) });
    assert.ok(day.items.length >= 2, day.items.map((i) => i.text).join('\n'));
    for (const item of day.items) {
      assert.deepEqual(item.sources.filter((s) => !NEW.includes(s.file)), [], item.text);
      assert.equal(item.sourceCount, item.sources.length);
    }
    assert.deepEqual(day.articles.map((a) => a.file).sort(), NEW);
    assert.ok(day.items.some((i) => /retook/.test(i.text)), 'the day\'s news is there');
    assert.equal(day.stats.articlesMatched, 2);
    assert.equal(day.stats.articlesCited, 2);
    assert.equal(day.stats.outlets, 2);
    assert.deepEqual(day.since, { from: '2026-12-06T12:00:00.000Z', articlesBefore: 3, newestBefore: '2026-12-01' });

    // A week back reaches the early report, which then counts again.
    const week = digestTopic(corpus, 'ghazni', undefined, { since: hoursAgo(7 * 24) });
    assert.equal(week.stats.articlesMatched, 3);
    assert.ok(week.items.find((i) => /retook/.test(i.text))!.sources.some((s) => s.file === 'outlook-early.json'));
  } finally {
    cleanup();
  }
});

test('digest since: a window with nothing in it says what it left out, and suggests nothing', async () => {
  const { corpus, cleanup } = await datedCorpus(GHAZNI);
  try {
    const later = digestTopic(corpus, 'ghazni', undefined, { since: new Date('2026-12-08T00:00:00Z') });
    assert.deepEqual(later.items, []);
    assert.deepEqual(later.articles, []);
    assert.equal(later.stats.articlesMatched, 0);
    assert.equal(later.suggestions, undefined, 'nothing new on a known topic is no typo');
    // 10:00 at UTC+2 is 08:00 UTC, as late as Reuters: the first of the two newest is named.
    assert.deepEqual(later.since, { from: '2026-12-08T00:00:00.000Z', articlesBefore: 5, newestBefore: '2026-12-07T08:00:00.000Z' });

    const typo = digestTopic(corpus, 'ghazi', undefined, { since: hoursAgo(24) });
    assert.deepEqual(typo.suggestions, ['Ghazni'], 'a topic no article mentions still gets suggestions');
    assert.equal(typo.since?.articlesBefore, 0);
  } finally {
    cleanup();
  }
});

test('digest since: a date without a time counts as the whole day, and an undated file by its file time', async () => {
  const texts: DatedText[] = [
    { name: 'dated-day', source: 'Ariana News', published: '2026-12-06', text: 'Flights between Ghazni and Kabul resumed on Saturday after a pause of two weeks, the airline said.' },
    { name: 'dated-before', source: 'Tolo News', published: '2026-12-05', text: 'Traders in Ghazni said the price of flour had doubled since the road to Kabul was closed.' },
    { name: 'file-new', source: 'unused', mtime: '2026-12-07T06:00:00Z', text: 'Teachers in Ghazni reopened three girls schools on Sunday morning, parents said.' },
    { name: 'file-old', source: 'unused', mtime: '2026-11-02T06:00:00Z', text: 'Doctors in Ghazni warned of a shortage of insulin at the provincial hospital, nurses said.' },
  ];
  const { corpus, cleanup } = await datedCorpus(texts);
  try {
    // From 15:00 on 6 December: an article dated that day may be from any hour of it, so it is in.
    const digest = digestTopic(corpus, 'ghazni', { items: 10, words: 300 }, { since: new Date('2026-12-06T15:00:00Z') });
    assert.deepEqual(digest.articles.map((a) => a.file).sort(), ['dated-day.json', 'file-new.txt']);
    assert.equal(digest.since?.articlesBefore, 2);
  } finally {
    cleanup();
  }
});
