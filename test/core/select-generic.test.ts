import { test } from 'node:test';
import assert from 'node:assert/strict';
import { selectItems } from '../../src/core/summarize/select.ts';
import type { Candidate } from '../../src/core/summarize/contract.ts';
import { documentBigrams } from '../../src/core/summarize/bigrams.ts';
import { standsAlone } from '../../src/core/summarize/stands-alone.ts';
import { summarizeTexts } from '../../src/core/query/summarize-texts.ts';
import type { Sentence } from '../../src/core/types.ts';
import { realEngine } from '../helpers/fixtures.ts';
import { QueryScratch } from '../../src/core/index/query-scratch.ts';

const tools = () => {
  const { analyzer } = realEngine().lexicon;
  return { words: (t: string) => analyzer.words(t), stem: (w: string) => analyzer.stem(w), stopwords: analyzer.stopwords };
};

/** Sentences as the corpus makes them: one list per article, positions counted per article. */
function sentences(articles: string[][]): Sentence[] {
  const out: Sentence[] = [];
  articles.forEach((texts, articleId) =>
    texts.forEach((text, position) =>
      out.push({ id: out.length, articleId, paragraph: 0, position, text, terms: realEngine().lexicon.terms(text), words: text.split(/\s+/).length }),
    ),
  );
  return out;
}

const generic = (list: Sentence[], words: number) =>
  selectItems(
    list.map((sentence): Candidate => ({ sentence, relevance: 1 })),
    { mode: 'generic', budget: { items: 10, words }, weigh: () => 1, tools: tools(), singleSourceWeight: 0, scratch: new QueryScratch() },
  );

test('select-generic: a concept counts once three documents report it, more when they lead with it', () => {
  const list = sentences([
    ['The coalition government was formed on Friday.', 'Hun Sen stays prime minister.'],
    ['Hun Sen stays prime minister, officials said.', 'The coalition government was formed on Friday in Phnom Penh.'],
    ['Talks lasted three months.', 'A coalition government was formed, and Hun Sen stays prime minister.'],
  ]);
  const { ids, weights, documents, bar } = documentBigrams(list, tools());
  assert.equal(bar, 3);
  // "The coalition government was formed on Friday.": the coalition | coalition government |
  // government was | was formed | formed on | on friday.
  const concepts = [...ids[0]!];
  assert.deepEqual(concepts.map((c) => documents[c]), [2, 3, 3, 3, 2, 2]);
  // The lead of document 0 counts 2, the second sentences of documents 1 and 2 count 1.5 each.
  assert.deepEqual(concepts.slice(1, 4).map((c) => weights[c]), [5, 5, 5]);
});

test('select-generic: the tuned constants can be set for the benchmark, and the defaults are what the bot runs', () => {
  const list = sentences([
    ['The coalition government was formed on Friday.', 'Hun Sen stays prime minister.'],
    ['Hun Sen stays prime minister, officials said.', 'The coalition government was formed on Friday in Phnom Penh.'],
    ['Talks lasted three months.', 'A coalition government was formed, and Hun Sen stays prime minister.'],
  ]);
  const concept = documentBigrams(list, tools()).ids[0]![2]!; // coalition government
  const weight = (tuning: { minDocuments: number; leadWeight: number }) => {
    const { ids, weights, bar } = documentBigrams(list, tools(), tuning);
    assert.equal(ids[0]![2], concept);
    return { bar, weight: weights[concept] };
  };
  // The lead of document 0 counts 1 + leadWeight, the second sentences 1 + leadWeight / 2.
  assert.deepEqual(weight({ minDocuments: 3, leadWeight: 1 }), { bar: 3, weight: 5 });
  assert.deepEqual(weight({ minDocuments: 2, leadWeight: 0 }), { bar: 2, weight: 3 });
  const docs = list.reduce<string[]>((texts, s) => ((texts[s.articleId] = `${texts[s.articleId] ?? ''} ${s.text}`.trim()), texts), []).map((text, i) => ({ id: `d${i}`, text }));
  const defaults = summarizeTexts(realEngine(), docs, { words: 40 });
  assert.deepEqual(summarizeTexts(realEngine(), docs, { words: 40, tuning: {} }), defaults);
  assert.equal(defaults[0], 'Hun Sen stays prime minister, officials said.');
  // What two documents report counts from the start: the coalition, which two leads tell, leads.
  assert.equal(summarizeTexts(realEngine(), docs, { words: 40, tuning: { minDocuments: 2 } })[0], 'The coalition government was formed on Friday.');
});

test('select-generic: a sentence copied word for word from another document is not a second report', () => {
  const copy = 'Rebels seized the northern town of Kunduz on Sunday.';
  const list = sentences([
    [copy, 'The governor fled.'],
    [copy, 'The governor fled on Monday.'],
    [copy, 'Officials said the governor fled.'],
  ]);
  const { ids, documents } = documentBigrams(list, tools());
  assert.ok([...ids[0]!].every((c) => documents[c] === 1), 'three copies are one report');
  assert.ok([...ids[5]!].some((c) => documents[c] === 3), 'three documents in their own words are three');
});

test('select-generic: pairs of two stopwords are not concepts', () => {
  const list = sentences([['It is in the city.'], ['It is in the city.']]);
  // "it is", "is in", "in the" are stopword pairs; only "the city" is left.
  assert.equal(documentBigrams(list, tools()).ids[0]!.length, 1);
});

test('select-generic: sentences that lean on their article are not quoted on their own', () => {
  for (const text of [
    'He said the talks would resume next week in Geneva.',
    'But the talks collapsed after the opposition walked out.',
    "``We will not negotiate under threats,'' the prime minister said.",
    '“We will not negotiate under threats,” the prime minister said.',
    "They think they have the United States in their back pocket,'' said the Israeli leader.",
    "On attending the meeting, he said, ``It is difficult for me.''",
    'Government forces “laid down their arms,” it added.',
  ]) {
    assert.equal(standsAlone(text), false, text);
  }
  for (const text of [
    'Hun Sen rejected talks outside the country on Friday.',
    'Indonesia invaded East Timor in 1975 and annexed it the following year.',
    "The prime minister said the talks were ``detrimental to the sovereignty of Cambodia.''",
    'Herat is the third-largest city of Afghanistan.',
  ]) {
    assert.equal(standsAlone(text), true, text);
  }
});

test('select-generic: the word budget is a hard limit', () => {
  const list = sentences([
    ['The coalition government was formed on Friday after three months of deadlock in the capital.', 'Hun Sen stays prime minister and Ranariddh becomes the president of the National Assembly.'],
    ['The coalition government was formed on Friday after three months of deadlock, officials said.', 'Hun Sen stays prime minister and Ranariddh becomes the president of the assembly.'],
    ['The coalition government was formed on Friday after months of deadlock.', 'Hun Sen stays prime minister, and Ranariddh becomes the president of the National Assembly.'],
  ]);
  for (const words of [12, 20, 30]) {
    const selection = generic(list, words);
    assert.ok(selection.items.reduce((n, g) => n + g.leader.words, 0) <= words, `${words}`);
  }
  // Room for two sentences: one on the coalition, one on the posts, not the same fact twice.
  const whole = generic(list, 30).items.map((g) => g.leader.text);
  assert.equal(whole.length, 2, whole.join('\n'));
  assert.equal(whole.filter((t) => /coalition/.test(t)).length, 1, whole.join('\n'));
});

test('select-generic: a sentence that would cross the budget is left out, and a shorter one takes the room', () => {
  const coalition = 'The coalition government was formed on Friday after three months of deadlock in the capital.';
  const posts = 'Hun Sen stays prime minister and Ranariddh becomes the president of the National Assembly.';
  const short = 'Ranariddh becomes the new president of the National Assembly, officials said.';
  const list = sentences([[coalition, posts, short], [coalition, posts], [coalition, posts]]);
  const texts = (words: number) => generic(list, words).items.map((g) => g.leader.text);
  // 15 + 14 words fit in 29; in 27, the 14 words on the posts would cross it, and 12 of them fit.
  assert.deepEqual(texts(29), [coalition, posts]);
  assert.deepEqual(texts(27), [coalition, short]);
});

test('select-generic: summarizeTexts keeps whole sentences within the budget, as a reader counts words', () => {
  const docs = [
    'Rebels seized the northern town of Kunduz on Sunday after a week of heavy fighting. The governor fled to the capital with his staff. Aid groups warned of a shortage of food and medicine in the town.',
    'Rebels seized the northern town of Kunduz on Sunday, officials said. Aid groups warned of a shortage of food and medicine in the town. The governor fled to the capital with his staff on Saturday night.',
    'The northern town of Kunduz fell to rebels on Sunday after a week of heavy fighting. Aid groups warned of a shortage of food and medicine. The governor fled to the capital with his staff.',
  ].map((text, i) => ({ id: `d${i}`, text }));
  const all = docs.flatMap((d) => d.text.match(/[^.]+\./g)!.map((s) => s.trim()));
  for (const budget of [10, 20, 30, 45]) {
    const summary = summarizeTexts(realEngine(), docs, { words: budget });
    for (const sentence of summary) assert.ok(all.includes(sentence), sentence);
    const words = summary.reduce((n, s) => n + s.split(/\s+/).filter(Boolean).length, 0);
    assert.ok(words <= budget, `${budget}: ${summary.join('\n')}`);
    if (budget >= 20) assert.ok(summary.length >= 1, `${budget}: room for a sentence`);
  }
});

test('select-generic: two sentences that read alike are not both quoted, even about different things', () => {
  // Few content words in common (country, said, end), most small words in common: a reader hears
  // the same sentence twice.
  const north = 'In the north of the country, the rebels said that they would take the city of Kunduz by the end of the week.';
  const south = 'In the south of the country, the army said that it would hold the town of Kandahar until the end of the month.';
  const aid = 'Aid groups warned of a shortage of food and medicine for families who fled the fighting.';
  const list = sentences([
    [north, south, aid],
    [`${north.slice(0, -1)}, officials said.`, `${south.slice(0, -1)}, officials said.`, `${aid.slice(0, -1)} this winter.`],
    [`Officials said: ${north}`, `Officials said: ${south}`, `${aid.slice(0, -1)} in the region.`],
  ]);
  const chosen = generic(list, 200).items.map((g) => g.leader.text);
  assert.equal(chosen.filter((t) => /north of the country|south of the country/.test(t)).length, 1, chosen.join('\n'));
  assert.ok(chosen.some((t) => t.includes('Aid groups')), `there was room for more: ${chosen.join('\n')}`);
});
