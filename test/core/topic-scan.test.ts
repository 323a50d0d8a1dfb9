import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createTopicScanner, initialsOf, mentionsOf, topicVocabulary } from '../../src/core/index/topic-scan.ts';
import { packTopics } from '../../src/core/packed/topic-pack.ts';
import { realEngine } from '../helpers/fixtures.ts';
import { runs } from '../helpers/fuzz.ts';

/** A scanner on the real lexicon whose results read as "E name" / "P phrase" and initial names. */
function scanner() {
  const vocabulary = topicVocabulary(realEngine().lexicon);
  const scan = createTopicScanner(vocabulary);
  return (sentences: string[]) => {
    const topics = scan(sentences);
    const mentions = [...mentionsOf(topics)].map((f) => {
      const form = vocabulary.forms[f]!;
      return `${form.kind === 'entity' ? 'E' : 'P'} ${form.name}`;
    });
    return { mentions, initials: [...initialsOf(topics)].map((i) => vocabulary.initials[i]!) };
  };
}

test('topic-scan: names, connectors, possessives, compounds and pairs on tricky sentences', () => {
  const cases: [string[], string[], string[]][] = [
    [['Fighters loyal to Abu al Baghdadi attacked the town.'], ['E Abu al Baghdadi'], ['Fighters']],
    // A sentence-initial connector stays; a connector left at the end of a run does not.
    [['Al said the talks failed.'], [], ['Al']],
    [['Al Qaeda claimed the attack.', 'He met Al in Kabul and spoke of the Bank of England.'], ['E Kabul', 'E Bank of England'], ['Al Qaeda', 'He']],
    [["Kandahar’s governor met Kandahar's elders in Mazar-i-Sharif on Monday."], ['E Kandahar', 'E Mazar-i-Sharif'], ['Kandahar']],
    [['The power-sharing deal ended a long-running war, said Mr Karzai.'], ['E Karzai', 'P power-sharing', 'P long-running'], ['The']],
    [
      ['Residents of Ñuñoa and Ñuble protested in Santiago.', 'Ñuñoa’s mayor said ÉCOLE staff were évacués.'],
      ['E Ñuble', 'E Santiago', 'E ÉCOLE', 'P staff were', 'P were évacués'],
      ['Residents of Ñuñoa', 'Ñuñoa'],
    ],
    [['In 2021, 150 provincial capitals fell to 3 groups in 1,500 days.'], ['P provincial capitals', 'P capitals fell'], ['In']],
    // Each sentence-initial name once per article.
    [['Taliban fighters entered Kabul.', 'Taliban leaders met in Doha.', 'Talks in Doha resumed.'], ['E Kabul', 'E Doha', 'E Doha'], ['Taliban', 'Talks']],
    // Letters outside the BMP.
    [['Crowds cheered 🎉 in central Kabul near 𝐊𝐚𝐛𝐮𝐥 Airport.'], ['E Kabul', 'E 𝐊𝐚𝐛𝐮𝐥 Airport'], ['Crowds']],
    [['O’Brien met Jean-Pierre Dupont of the Front de Libération nationale.'], ['E Jean-Pierre Dupont', 'E Front de Libération'], ['O’Brien']],
    // Names that share their first words are told apart.
    [
      ['Officials said Prince Charles met Prince Norodom Ranariddh and Prince William.', 'Prince Charles left.'],
      ['E Prince Charles', 'E Prince Norodom Ranariddh', 'E Prince William'],
      ['Officials', 'Prince Charles'],
    ],
    [['Voters in the United States of America and the Kingdom of Saudi Arabia.'], ['E United States of America', 'E Kingdom of Saudi Arabia'], ['Voters']],
    [['Van der Berg spoke.', 'The report named Van der Berg and von der Leyen.'], ['E Van der Berg', 'E Leyen'], ['Van der Berg', 'The']],
    // U+2010 and dashes are no hyphens: they end words.
    [['“Ghazni fell,” he said — Herat‐city fell—too.'], ['E Herat', 'P city fell'], ['Ghazni']],
    // Punctuation ends a name and a phrase; counting words make none.
    [['The Taliban seized Herat, Afghanistan’s third-largest city, and "took control," spokesman Zia said.'], ['E Herat', 'E Afghanistan', 'E Zia'], ['The Taliban']],
    [[], [], []],
    [['', '...'], [], []],
  ];
  const scan = scanner();
  // Twice: the second pass reads every word and name from the caches.
  for (let pass = 0; pass < 2; pass++) {
    for (const [sentences, mentions, initials] of cases) assert.deepEqual(scan(sentences), { mentions, initials }, sentences.join(' '));
  }
});

test('topic-scan: a new scanner on the same vocabulary packs the same ids', () => {
  const vocabulary = topicVocabulary(realEngine().lexicon);
  const text = ['Hun Sen met Prince Norodom Ranariddh in Phnom Penh.', 'The coalition government held power-sharing talks.'];
  assert.deepEqual(createTopicScanner(vocabulary)(text), createTopicScanner(vocabulary)(text));
});

test('topic-pack: mentions and initials come back as packed, at every varint length', () => {
  const ids = fc.array(fc.oneof(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 2 ** 31 - 1 })), { maxLength: 30 });
  fc.assert(
    fc.property(ids, ids, (mentions, initials) => {
      // Stale entries past the count are not packed.
      const packed = packTopics([...mentions, 5, 6], mentions.length, initials);
      assert.deepEqual([...mentionsOf(packed)], mentions);
      assert.deepEqual([...initialsOf(packed)], initials);
    }),
    { numRuns: runs(500) },
  );
  const edges = [0, 0x7f, 0x80, 0x3fff, 0x4000, 2 ** 21, 2 ** 28 - 1, 2 ** 28, 2 ** 31 - 1];
  const packed = packTopics(edges, edges.length, edges);
  assert.deepEqual([...mentionsOf(packed)], edges);
  assert.deepEqual([...initialsOf(packed)], edges);
  assert.deepEqual([...packTopics([], 0, [])], [0]);
});
