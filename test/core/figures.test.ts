import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compatible, findDisagreement, fullName, mayCount, sameQuantity, sameSubject, scanFigures, type Figure, type FigureMention, type Published } from '../../src/core/summarize/figures.ts';
import { bundledCorpus, realEngine } from '../helpers/fixtures.ts';
import { runs } from '../helpers/fuzz.ts';

const tools = () => ({ stopwords: realEngine().lexicon.analyzer.stopwords });
const scan = (text: string) => scanFigures(text, tools());
const only = (text: string): Figure => {
  const figures = scan(text);
  assert.equal(figures.length, 1, `${text}: ${JSON.stringify(figures.map((f) => f.written))}`);
  return figures[0]!;
};
const source = (name: string) => ({ title: name, source: name, file: `${name}.txt` });
const mentionsOf = (texts: readonly string[]): FigureMention[] => texts.flatMap((text, article) => scan(text).map((figure) => ({ figure, article })));
const outlet = (article: number) => source(`outlet${article}`);
const HOUR = 3_600_000;
const at = (hours: number): Published => ({ earliest: hours * HOUR, latest: hours * HOUR });
const sameInstant = () => at(0);
const undated = () => undefined;

/** The disagreement of article 0's first figure with the others, when each article came out as `when` says. */
function between(texts: readonly string[], when: (article: number) => Published | undefined = sameInstant) {
  const mentions = mentionsOf(texts);
  const leader = mentions.find((m) => m.article === 0);
  return leader && findDisagreement(leader.figure, 0, mentions, when, outlet);
}

test('figures: a sentence without numbers has none', () => {
  assert.deepEqual(scan('The Taliban entered the city.'), []);
});

test('figures: what a number measures', () => {
  const table: [string, string, number, string, string][] = [
    // text, kind, value, unit, role
    ['the ninth provincial capital they have seized', 'ordinal', 9, 'capital', ''],
    ['overrun 10 provincial capitals in a week', 'count', 10, 'capital', ''],
    ['Herat is the 11th Afghan provincial capital', 'ordinal', 11, 'capital', ''],
    ['an estimated 180,000 inhabitants', 'count', 180000, 'inhabitant', ''],
    ['killing at least 60 people', 'count', 60, 'person', 'dead'],
    ['so far we have found 60 dead', 'count', 60, 'person', 'dead'],
    ['22 people were injured', 'count', 22, 'person', 'injured'],
    ['Sixty-seven votes would be required', 'count', 67, 'vote', ''],
    ['a rescue package of $30 billion', 'money', 30e9, 'usd', ''],
    ['16 percent of children are malnourished', 'percent', 16, 'percent of child', ''],
    ['a city 150 kilometres away', 'length', 150, 'km', ''],
  ];
  for (const [text, kind, value, unit, role] of table) {
    const f = only(text);
    assert.deepEqual([f.kind, f.value, f.unit, f.role], [kind, value, unit, role], text);
  }
});

test('figures: a count names its own role, not the next clause\'s ("killing 60 people and injuring 162 others")', () => {
  const [dead, injured] = scan('A fire killed 60 people and injured 162 others in the city.');
  assert.deepEqual([dead?.role, injured?.role], ['dead', 'injured']);
  const [hurt, missing] = scan('The statement said that 22 people were injured and 26 were missing.');
  assert.deepEqual([hurt?.role, missing?.role], ['injured', 'missing']);
});

test('figures: dates, times, years, ages, scores, identifiers, ranges and parts are no figures', () => {
  const none = [
    'In 2021 the troops left.', // a year
    'the 1998-99 season', // a season
    'on Aug. 7 the embassy reopened', // a date
    'Thu 12th August 2021', // a date
    'at 05:40 PM the city fell', // a time
    'at 5 p.m. the city fell',
    'The 82-year-old general was arrested.', // an age other than in apposition
    'Glenn is returning to space at the age of 77.',
    'The Yankees won 3-0 on Sunday.', // a score
    'They lost Game 2 of the series.', // an identifier
    'between 30 and 40 villagers', // a range
    '13 to 18 year olds',
    'The building had one of its exits blocked.', // one of
    'another 173 people were injured, 20 of them severely', // an increment and a subset
    'the first two weeks of the season', // part of a sequence
    'isolate Kabul within 30 days', // a duration
    'about two-thirds of the country', // a fraction
    'reserves fell from dlrs 70 billion', // the value something changed from
  ];
  for (const text of none) assert.deepEqual(scan(text).map((f) => f.written), [], text);
});

test('figures: an age in apposition is the age of the person named before it, no count, and two people\'s ages are two quantities', () => {
  const qin = only('In the city of Wuhan, the trial of Qin Yongmin, 45, a veteran dissident, continued.');
  assert.deepEqual([qin.kind, qin.value, qin.unit, qin.names], ['age', 45, 'qin yongmin', ['qin yongmin']]);
  const [okafor, ade] = scan('Ruth Okafor, 52, and Tunde Ade, 48, were charged in Freedonia.');
  assert.deepEqual([okafor?.unit, ade?.unit], ['ruth okafor', 'tunde ade']);
  assert.ok(!sameQuantity(okafor!, ade!));
  assert.deepEqual(scan('In Freedonia, 52 people were charged.').map((f) => f.kind), ['count'], 'a place before the comma, a noun after the number: no age');
  const d = between(['Ruth Okafor, 52, opened the bridge in Freedonia.', 'Ruth Okafor, 53, opened the bridge in Freedonia.'], undated);
  assert.equal(d?.kind, 'differ', 'an age does not change while a story runs: no dates needed');
  assert.equal(d?.about, 'age of Ruth Okafor');
  assert.equal(between(['Ruth Okafor, 52, opened the bridge in Freedonia.', 'Tunde Ade, 48, opened the bridge in Freedonia.'], undated), undefined);
});

test('figures: a person an article names by one word is the one it names in full with that word, or nobody known', () => {
  const stopwords = tools().stopwords;
  assert.equal(fullName('Okafor', ['The mayor, Ruth Okafor, spoke.', 'Okafor, 52, smiled.'], stopwords), 'Ruth Okafor');
  assert.equal(fullName('Okafor', ['Ruth Okafor and her brother Femi Okafor spoke.', 'Okafor, 52, smiled.'], stopwords), undefined, 'two Okafors');
  assert.equal(fullName('Okafor', ['Okafor, 52, smiled.'], stopwords), undefined);
});

test('figures: a conversion in parentheses restates the figure before it', () => {
  const figures = scan('Goteborg is about 500 kilometers (300 miles) southwest of Stockholm.');
  assert.deepEqual(figures.map((f) => f.written), ['about 500 kilometers']);
});

test('figures: one distance in two units agrees with itself', () => {
  const nautical = only('the ship was 630 nautical miles from the coast');
  const miles = only('the ship was 725 miles from the coast');
  assert.ok(sameQuantity(nautical, miles));
  assert.ok(compatible(nautical, miles), `${nautical.value} km and ${miles.value} km`);
  assert.ok(compatible(only('some 500 kilometers away'), only('some 300 miles away')));
  assert.ok(!compatible(only('some 500 kilometers away'), only('some 500 miles away')));
});

test('figures: bounds are read, and "at least 60" does not contradict 65', () => {
  const atLeast = only('killing at least 60 people');
  assert.equal(atLeast.bound, 'atLeast');
  assert.equal(atLeast.written, 'at least 60');
  assert.ok(compatible(atLeast, only('killing 65 people')));
  assert.ok(!compatible(only('killing 60 people'), only('killing 65 people')));
  assert.ok(compatible(only('injuring about 180 people'), only('injuring 170 people')));
  assert.ok(compatible(only('as many as three million people died'), only('2 million people died')));
});

test('figures: ranks and counts, shares and counts, and different roles are different quantities', () => {
  assert.ok(!sameQuantity(only('Ghazni, the tenth provincial capital to fall'), only('overran 10 provincial capitals')));
  assert.ok(!sameQuantity(only('16 percent of the children'), only('16 children were hurt')));
  assert.ok(!sameQuantity(only('the fire killed 60 people'), only('the fire injured 173 people')));
  assert.ok(!sameQuantity(only('Two spacewalkers will work outside'), only('three spacewalks are planned')));
});

test('figures: figures about differently named subjects are about different subjects', () => {
  assert.ok(!sameSubject(only('Herat is the 11th provincial capital to fall to the Taliban'), only('Ghazni is the tenth provincial capital to fall to the Taliban')));
  assert.ok(sameSubject(only('Ghazni is the ninth provincial capital to fall to the Taliban'), only('The Taliban took Ghazni, the tenth provincial capital to fall')));
  assert.ok(!sameSubject(only('The city is the tenth provincial capital to fall'), only('The city is the 11th provincial capital to fall')), 'no name, no subject to match');
});

test('figures: false disagreements of every kind are none', () => {
  const cases: string[][] = [
    ['Two embassies were bombed in Nairobi on Aug. 7.', 'The two embassies in Nairobi were bombed on Aug. 7 by the group.'],
    ['In Wuhan the trial of Qin Yongmin, 45, a veteran dissident, went on.', 'In Wuhan a third veteran dissident, Qin Yongmin, went on trial.'],
    ['The carrier sailed 630 nautical miles toward Taiwan.', 'The carrier sailed 725 miles toward Taiwan.'],
    ['The building in Goteborg had two exits, one of which was blocked.', 'The building in Goteborg had two exits and one was blocked.'],
    ['The Yankees beat San Diego 3-0 in Game 2.', 'The Yankees beat San Diego 9-6 in Game 1.'],
    ['Heart is the 11th Afghan provincial capital to be captured by the Taliban.', 'Ghazni is the 10th Afghan provincial capital to be captured by the Taliban.'],
    ['Ghazni fell, the tenth provincial capital the Taliban took this week.', 'The Taliban took 11 provincial capitals this week, Ghazni among them.'],
    ['In Goteborg, 16 percent of the guests were hurt.', 'In Goteborg, 16 guests were hurt.'],
    ['The fire in Goteborg killed at least 60 people.', 'The fire in Goteborg killed 65 people.'],
  ];
  for (const texts of cases) assert.equal(between(texts), undefined, texts.join(' | '));
});

test('figures: outlets that give incompatible values at one time disagree, each value once with its outlets', () => {
  const d = between([
    'A car bomb killed 60 people in the Kandahar market, police said.',
    'A car bomb killed 65 people in the Kandahar market, police said.',
    'A car bomb killed 60 people in the Kandahar market, officials said.',
  ]);
  assert.ok(d);
  assert.equal(d.kind, 'differ');
  assert.equal(d.about, 'number of people killed');
  assert.deepEqual(d.claims.map((c) => [c.value, c.sources.map((s) => s.source)]), [
    ['60', ['outlet0', 'outlet2']],
    ['65', ['outlet1']],
  ]);
});

test('figures: a rank outlets differ on is a disagreement whenever they wrote, even undated', () => {
  const texts = ['The Taliban took Ghazni, the ninth provincial capital to fall in a week.', 'The Taliban took Ghazni, the tenth provincial capital to fall in a week.'];
  const d = between(texts, undated);
  assert.equal(d?.kind, 'differ');
  assert.equal(d?.about, 'rank among provincial capitals');
  assert.deepEqual(d?.claims.map((c) => c.value), ['ninth', 'tenth']);
});

test('figures: a count that grows in later reports is an update, one that falls a revision; undated or same-day counts are neither', () => {
  const texts = ['A car bomb killed 20 people in the Kandahar market on Monday.', 'A car bomb killed 35 people in the Kandahar market on Monday.'];
  const rose = between(texts, (a) => at(a === 0 ? 8 : 14));
  assert.equal(rose?.kind, 'rose');
  assert.deepEqual(rose?.claims.map((c) => c.value), ['20', '35'], 'oldest first');
  const fell = between(texts, (a) => at(a === 0 ? 14 : 8));
  assert.equal(fell?.kind, 'fell');
  assert.deepEqual(fell?.claims.map((c) => c.value), ['35', '20']);
  assert.equal(between(texts, undated), undefined, 'no dates: an update cannot be told from a disagreement');
  const day: Published = { earliest: 0, latest: 24 * HOUR - 1 };
  assert.equal(between(texts, () => day), undefined, 'one day, no times: either may be the later');
});

test('figures: a fall is told only if every report of the count keeps to it, those within the first value included', () => {
  const injured = (n: string) => `A car bomb in the Kandahar market injured ${n} people on Monday, police said.`;
  // In time order: about 180, 157, then 162 (within "about 180", so no claim of its own), then 155.
  const texts = [injured('about 180'), injured('157'), injured('162'), injured('155')];
  assert.equal(between(texts, (a) => at(a)), undefined, 'the count went 157, 162, 155: no steady fall');
  const fell = between([texts[0]!, texts[1]!, texts[3]!], (a) => at(a));
  assert.equal(fell?.kind, 'fell', 'without the 162 it did fall');
  assert.deepEqual(fell?.claims.map((c) => c.value), ['about 180', '157', '155']);
  assert.equal(between(texts, (a) => (a === 2 ? undefined : at(a))), undefined, 'an undated 162 could have come anywhere');
});

test('figures: an earlier bound does not stop a later fall it allows ("at least 60", then 65, then 60)', () => {
  const killed = (n: string) => `A car bomb killed ${n} people in the Kandahar market on Monday, police said.`;
  const d = between([killed('65'), killed('at least 60'), killed('60')], (a) => at([1, 0, 2][a]!));
  assert.equal(d?.kind, 'fell');
  assert.deepEqual(d?.claims.map((c) => c.value), ['65', '60']);
});

test('figures: a toll that goes up and back down across later reports is a disagreement', () => {
  const texts = [
    'A car bomb killed 20 people in the Kandahar market on Monday.',
    'A car bomb killed 35 people in the Kandahar market on Monday.',
    'A car bomb killed 20 people in the Kandahar market on Monday, police said.',
  ];
  assert.equal(between(texts, (a) => at(a * 2))?.kind, 'differ');
});

test('figures: an article giving two values for one quantity is left out, and says nothing as the leader', () => {
  const texts = [
    'A car bomb killed 60 people in the Kandahar market.',
    'A car bomb killed 65 people in the Kandahar market.',
  ];
  const mentions = mentionsOf(texts);
  const twice = [...mentions, ...mentionsOf(['', 'A car bomb killed 70 people in the Kandahar market.']).map((m) => ({ ...m, article: 1 }))];
  assert.equal(findDisagreement(mentions[0]!.figure, 0, twice, sameInstant, outlet), undefined);
  const leaderTwice = [...mentions, { ...mentions[1]!, article: 0 }];
  assert.equal(findDisagreement(mentions[0]!.figure, 0, leaderTwice, sameInstant, outlet), undefined);
});

test('figures: a disagreement is ordered the same whatever order its mentions came in', () => {
  const texts = [
    'The Taliban took Ghazni, the tenth provincial capital to fall.',
    'The Taliban took Ghazni, the 10th provincial capital to fall.',
    'The Taliban took Ghazni, the ninth provincial capital to fall.',
    'The Taliban took Ghazni, the 11th provincial capital to fall.',
  ];
  const mentions = mentionsOf(texts);
  const expected = [['ninth', ['outlet2']], ['10th / tenth', ['outlet0', 'outlet1']], ['11th', ['outlet3']]];
  for (const order of [mentions, [...mentions].reverse()]) {
    const d = findDisagreement(mentions[0]!.figure, 0, order, undated, outlet);
    assert.deepEqual(d?.claims.map((c) => [c.value, c.sources.map((s) => s.source)]), expected);
  }
});

test('figures: the quick check passes every text in which a figure can be found', async () => {
  const pieces = ['one', 'Two', 'TEN', 'twentieth', 'sixty', '-', 'seven', 'someone', 'often', '7', '11th', '1,000', ' people', ' killed', '$', 'x', '_', ' ', "'s", '.', '１', '²', 'é'];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (parts) => {
      const text = parts.join('');
      if (scan(text).length > 0) assert.ok(mayCount(text), text);
    }),
    { numRuns: runs(2000) },
  );
  const corpus = await bundledCorpus();
  const texts = corpus.sentences.slice().map((s) => s.text);
  assert.ok(texts.every((text) => scan(text).length === 0 || mayCount(text)));
  assert.ok(texts.some((text) => !mayCount(text)), 'most sentences are ruled out without tokenizing');
});
