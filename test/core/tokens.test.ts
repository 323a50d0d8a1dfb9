import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { loadTextRules } from '../../src/config/text-rules.ts';
import { createAnalyzer } from '../../src/core/text/tokens.ts';

const { stopwords } = loadTextRules(fileURLToPath(new URL('../../config', import.meta.url)));
const analyzer = createAnalyzer({ stopwords });

test('tokens: words', () => {
  const cases: [string, string[]][] = [
    ['', []],
    ['  ...  — ', []],
    ['Ghazni', ['ghazni']],
    ['The Taliban took Ghazni.', ['the', 'taliban', 'took', 'ghazni']],
    ['power-sharing', ['power', 'sharing']],
    ['Kandahar’s prison, Kandahar\'s jail', ['kandahar', 'prison', 'kandahar', 'jail']],
    ["don't", ['don', 't']],
    ['U.S. U.S.-led U.S-backed e.g.', ['us', 'us', 'led', 'us', 'backed', 'eg']],
    ['150 kilometres, 180,000 people, the 11th city, 3.5 per cent', ['150', 'kilometres', '180000', 'people', 'the', '11th', 'city', '3.5', 'per', 'cent']],
    ['1,2345 and 2021.', ['1', '2345', 'and', '2021']],
    ['ＫＡＢＵＬ ﬁve ①', ['kabul', 'five', '1']],
    ['Кабул كابل 喀布尔 काबुल', ['кабул', 'كابل', '喀布尔', 'काबुल']],
    ['x.the end.Then', ['x', 'the', 'end', 'then']],
  ];
  for (const [input, expected] of cases) assert.deepEqual(analyzer.words(input), expected, input);
});

test('tokens: terms drop stopwords and one-letter words, and stem', () => {
  const cases: [string, string[]][] = [
    ['', []],
    ['the of and', []],
    ['The Taliban captured Kandahar’s provincial capitals', ['taliban', 'captur', 'kandahar', 'provinci', 'capit']],
    ['a 3 x 10 y', ['3', '10']],
    ['The U.S. said it won', ['us', 'said', 'won']],
    ['power-sharing deals', ['power', 'share', 'deal']],
  ];
  for (const [input, expected] of cases) assert.deepEqual(analyzer.terms(input), expected, input);
});

test('tokens: stem is the Porter stem and is stable', () => {
  const cases: [string, string][] = [['capitals', 'capit'], ['sharing', 'share'], ['fighting', 'fight'], ['150', '150'], ['кабул', 'кабул']];
  for (const [word, stem] of cases) {
    assert.equal(analyzer.stem(word), stem);
    assert.equal(analyzer.stem(word), stem, 'memoised result is the same');
  }
});

test('tokens: the analyzer exposes its stopwords', () => {
  assert.ok(analyzer.stopwords.has('the'));
  assert.ok(!analyzer.stopwords.has('us'));
  assert.equal(createAnalyzer({ stopwords: new Set() }).terms('the city').join(' '), 'the citi');
});

test('tokens: large inputs tokenize in one pass', { timeout: 30_000 }, () => {
  const text = 'The Taliban seized 10 provincial capitals, U.S. officials said on Thursday. '.repeat(20_000);
  assert.equal(analyzer.words(text).length, 11 * 20_000);
  assert.equal(analyzer.terms(text).length, 9 * 20_000);
});
