import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { extractFigures, findDisagreement, mayCount, numberValue, sameUnit, type FigureMention } from '../../src/core/summarize/figures.ts';
import { bundledCorpus, realEngine } from '../helpers/fixtures.ts';
import { runs } from '../helpers/fuzz.ts';

const tools = () => {
  const { analyzer } = realEngine().lexicon;
  return { words: (t: string) => analyzer.words(t), stem: (w: string) => analyzer.stem(w), stopwords: analyzer.stopwords };
};
const source = (name: string) => ({ title: name, source: name, file: `${name}.txt` });
const mention = (text: string, name: string, article: number): FigureMention[] =>
  extractFigures(text, tools()).map((figure) => ({ figure, article, source: source(name) }));

test('figures: a sentence without numbers has none', () => {
  assert.deepEqual(extractFigures('The Taliban entered the city.', tools()), []);
});

test('figures: digits, ordinals and number words with what they count', () => {
  const table: [string, number, string][] = [
    ['the ninth provincial capital they have seized', 9, 'provincial capital'],
    ['overrun 10 provincial capitals in a week', 10, 'provincial capitals'],
    ['Herat is the 11th Afghan provincial capital', 11, 'afghan provincial capital'],
    ['an estimated 180,000 inhabitants', 180000, 'inhabitants'],
    ['two provincial capitals fell', 2, 'provincial capitals fell'],
  ];
  for (const [text, value, unitText] of table) {
    const [figure] = extractFigures(text, tools());
    assert.ok(figure, text);
    assert.equal(figure.value, value, text);
    assert.equal(figure.unitText, unitText, text);
  }
});

test('figures: years are dates, not figures', () => {
  assert.deepEqual(extractFigures('In 2021 the troops left.', tools()), []);
});

test('figures: units match on two shared stems, or one rare single stem', () => {
  assert.equal(sameUnit(['provinci', 'capit'], ['afghan', 'provinci', 'capit']), true);
  assert.equal(sameUnit(['inhabit'], ['inhabit']), true);
  assert.equal(sameUnit(['dai'], ['dai']), false, 'days are too generic to be one claim');
  assert.equal(sameUnit(['provinci', 'capit'], ['provinci', 'council']), false);
});

test('figures: outlets that give different values for one claim disagree; one outlet with several values is left out', () => {
  const t = tools();
  const mentions = [
    ...mention('the ninth provincial capital they have seized', 'A', 0),
    ...mention('the tenth provincial capital to fall', 'B', 1),
    ...mention('overrun 10 provincial capitals in a week', 'C', 2),
    ...mention('captured 11 provincial capitals so far', 'D', 3),
    ...mention('isolate Kabul within 30 days and take it within 90 days', 'E', 4),
  ];
  const [figure] = extractFigures('overrun 10 provincial capitals in a week', t);
  const d = findDisagreement(figure!, mentions);
  assert.ok(d);
  assert.equal(d.about, 'provincial capitals');
  assert.deepEqual(d.claims.map((c) => [c.value, c.sources.map((s) => s.source)]), [
    ['ninth', ['A']],
    ['10 / tenth', ['B', 'C']],
    ['11', ['D']],
  ]);
  const [days] = extractFigures('isolate Kabul within 30 days', t);
  assert.equal(findDisagreement(days!, mentions), undefined);
});

test('figures: a disagreement is ordered the same whatever order its mentions came in', () => {
  const t = tools();
  const mentions = [
    ...mention('the tenth provincial capital to fall', 'reuters', 0),
    ...mention('overrun 11 provincial capitals in a week', 'ANI', 1),
    ...mention('overrun 10 provincial capitals in a week', 'AFP', 2),
    ...mention('the 10th provincial capital to fall', '“Ghazni falls”', 3),
    ...mention('the ninth provincial capital they have seized', 'Dawn', 4),
  ];
  const [figure] = extractFigures('overrun 10 provincial capitals in a week', t);
  const expected = [
    ['ninth', ['Dawn']],
    ['10 / 10th / tenth', ['AFP', '“Ghazni falls”', 'reuters']],
    ['11', ['ANI']],
  ];
  for (const order of [mentions, [...mentions].reverse()]) {
    const d = findDisagreement(figure!, order);
    assert.deepEqual(d?.claims.map((c) => [c.value, c.sources.map((s) => s.source)]), expected);
  }
});

test('figures: agreement is not a disagreement', () => {
  const t = tools();
  const mentions = ['A', 'B'].flatMap((name, article) =>
    extractFigures('took 10 provincial capitals', t).map((figure) => ({ figure, article, source: source(name) })));
  assert.equal(findDisagreement(mentions[0]!.figure, mentions), undefined);
});

test('figures: the quick check passes every text in which a number can be found', async () => {
  const t = tools();
  const hasNumber = (text: string) => t.words(text).some((w) => numberValue(w) !== undefined);
  const pieces = ['one', 'Two', 'TEN', 'twentieth', 'someone', 'often', '7', '11th', '1,000', 'x', 'ten_', '_', ' ', '-', "'s", '.', '１', '²', 'é', 'İ'];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (parts) => {
      const text = parts.join('');
      if (hasNumber(text)) assert.ok(mayCount(text), text);
    }),
    { numRuns: runs(2000) },
  );
  const corpus = await bundledCorpus();
  const texts = corpus.sentences.slice().map((s) => s.text);
  assert.ok(texts.every((text) => !hasNumber(text) || mayCount(text)));
  assert.ok(texts.some((text) => !mayCount(text)), 'most sentences are ruled out without tokenizing');
});
