import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { loadTextRules } from '../../src/config/text-rules.ts';
import { splitSentences } from '../../src/core/text/sentences.ts';

const { abbreviations } = loadTextRules(fileURLToPath(new URL('../../config', import.meta.url)));
const split = (text: string) => splitSentences(text, abbreviations);

test('sentences: edge cases', () => {
  const cases: [string, string, string[]][] = [
    ['empty', '', []],
    ['only whitespace', '   \t ', []],
    ['one sentence, trimmed', '  The Taliban took Ghazni.  ', ['The Taliban took Ghazni.']],
    ['no final period (a headline)', 'Taliban take key headquarters', ['Taliban take key headquarters']],
    ['two sentences', 'Ghazni fell. Kabul is next.', ['Ghazni fell.', 'Kabul is next.']],
    ['question and exclamation', 'Who holds Kabul? Nobody knows! Talks go on.', ['Who holds Kabul?', 'Nobody knows!', 'Talks go on.']],
    ['only punctuation', '...', ['...']],
    ['no space after the period', 'It ended.Then it began.', ['It ended.Then it began.']],
  ];
  for (const [name, input, expected] of cases) assert.deepEqual(split(input), expected, name);
});

test('sentences: abbreviations, initials, numbers', () => {
  const cases: [string, string[]][] = [
    ['The U.S. President spoke. He left.', ['The U.S. President spoke.', 'He left.']],
    ['The last of the U.S.-led forces left. The U.S-backed government stayed.', ['The last of the U.S.-led forces left.', 'The U.S-backed government stayed.']],
    ['He was ousted after Sept. 11, and fled.', ['He was ousted after Sept. 11, and fled.']],
    ['Gen. Austin Miller met Mr. Ghani and Dr. Abdullah. They talked.', ['Gen. Austin Miller met Mr. Ghani and Dr. Abdullah.', 'They talked.']],
    ['It happened on Jan. 5 and again on Dec. 12. Nobody was hurt.', ['It happened on Jan. 5 and again on Dec. 12.', 'Nobody was hurt.']],
    ['He lives at No. 10 Downing Street. She does not.', ['He lives at No. 10 Downing Street.', 'She does not.']],
    ['The attack began at 5 a.m. local time and ended at 9 p.m. on Friday. Ten died.', ['The attack began at 5 a.m. local time and ended at 9 p.m. on Friday.', 'Ten died.']],
    ['The blast came at 10 p.m. Police arrived later.', ['The blast came at 10 p.m.', 'Police arrived later.']],
    ['J. R. R. Tolkien wrote it. George W. Bush read it.', ['J. R. R. Tolkien wrote it.', 'George W. Bush read it.']],
    ['Growth was 3.5 per cent. It was 2.7 in 2020.', ['Growth was 3.5 per cent.', 'It was 2.7 in 2020.']],
    ['Ghazni has 180,000 people. It fell in 2021. 150 km remain.', ['Ghazni has 180,000 people.', 'It fell in 2021.', '150 km remain.']],
    ['They brought guns, trucks, etc. The rest stayed.', ['They brought guns, trucks, etc.', 'The rest stayed.']],
    ['Wait... what happened? Then... Silence.', ['Wait... what happened?', 'Then...', 'Silence.']],
    ['It was the U.N. Security Council. It met.', ['It was the U.N. Security Council.', 'It met.']],
    ['He said no. The talks ended.', ['He said no.', 'The talks ended.']],
    ['Ghazni fell.\u00a0Kabul is next.\u2009Herat waits.', ['Ghazni fell.', 'Kabul is next.', 'Herat waits.']],
    ['He left. élan grew. Élan faded.', ['He left. élan grew.', 'Élan faded.']],
    ['(Gen. Smith spoke.) “Mr. Khan left.” [Dr. Abdullah stayed.]', ['(Gen. Smith spoke.)', '“Mr. Khan left.”', '[Dr. Abdullah stayed.]']],
  ];
  for (const [input, expected] of cases) assert.deepEqual(split(input), expected, input);
});

test('sentences: quotations', () => {
  const cases: [string, string[]][] = [
    [
      '"Yes, the government has submitted a proposal to Qatar as mediator. The proposal allows the Taliban to share power in return for a halt in violence in the country," AFP reported quoting sources.',
      ['"Yes, the government has submitted a proposal to Qatar as mediator. The proposal allows the Taliban to share power in return for a halt in violence in the country," AFP reported quoting sources.'],
    ],
    [
      '“Yes, the government has submitted a proposal to Qatar as mediator. The proposal allows the Taliban to share power in return for a halt in violence in the country,” AFP reported.',
      ['“Yes, the government has submitted a proposal to Qatar as mediator. The proposal allows the Taliban to share power in return for a halt in violence in the country,” AFP reported.'],
    ],
    [
      '“Yes, the government has submitted a proposal. The proposal allows power sharing," AFP reported quoting sources.',
      ['“Yes, the government has submitted a proposal. The proposal allows power sharing," AFP reported quoting sources.'],
    ],
    ['He said: "It is over." Then he left.', ['He said: "It is over."', 'Then he left.']],
    ['He said: “It is over!” Then he left.', ['He said: “It is over!”', 'Then he left.']],
    [
      '"We have trained the Afghan army," said Ramms. "There must be something wrong with the leadership."',
      ['"We have trained the Afghan army," said Ramms.', '"There must be something wrong with the leadership."'],
    ],
    ['Forces “laid down their arms,” it added. Kabul is calm.', ['Forces “laid down their arms,” it added.', 'Kabul is calm.']],
    ['He said "it is over. We lost. Kabul fell.', ['He said "it is over.', 'We lost.', 'Kabul fell.']],
    ['A 12" screen broke. Nobody cared.', ['A 12" screen broke.', 'Nobody cared.']],
    ['(The city fell.) Then Kabul.', ['(The city fell.)', 'Then Kabul.']],
  ];
  for (const [input, expected] of cases) assert.deepEqual(split(input), expected, input);
});

test('sentences: a long paragraph splits in linear time', { timeout: 30_000 }, () => {
  const sentence = 'The U.S. envoy met Gen. Smith on Sept. 11 at 5 p.m. and said "it is over. We go." ';
  const out = split(sentence.repeat(50_000));
  assert.equal(out.length, 50_000);
  assert.equal(split(`"${'Word. '.repeat(200_000)}`).length, 200_000);
});
