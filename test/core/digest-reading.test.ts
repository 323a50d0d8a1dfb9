import { test } from 'node:test';
import assert from 'node:assert/strict';
import { digestTopic } from '../../src/core/query/digest.ts';
import { summarizeTexts } from '../../src/core/query/summarize-texts.ts';
import { loadCorpus } from '../../src/core/index/corpus.ts';
import type { Corpus } from '../../src/core/index/snapshot.ts';
import { leansOnContext, standsAlone, whole } from '../../src/core/summarize/stands-alone.ts';
import { eventWords } from '../../src/core/summarize/same-event.ts';
import { realEngine, tempArticles } from '../helpers/fixtures.ts';

/**
 * Five reports of one resignation, as outlets write them: the first a background piece that leads
 * with the audit, the others leading with the resignation in their own words, then context, a
 * reaction, a retelling with a new detail, and sentences that lean on the one before them.
 */
const RESIGNATION = [
  'Auditors have found a hidden budget deficit of 4 billion euros in the accounts of the finance ministry. ' +
    'They had warned for years that parts of the budget were kept off the books. ' +
    'The national audit office published its report on Friday. ' +
    'It found that spending on roads and hospitals had been booked in later years.',
  'Finance Minister Elena Varga resigned on Monday after auditors accused her ministry of hiding a budget deficit of 4 billion euros. ' +
    'Prime Minister Tomas Reiner accepted the resignation and named deputy minister Karl Holt as acting finance minister. ' +
    'The move was aimed at calming bond markets, which fell sharply last week after the audit leaked. ' +
    'Opposition leaders demanded early elections and a parliamentary inquiry into the hidden deficit.',
  'Elena Varga stepped down as finance minister on Monday, days after auditors said her ministry had hidden a budget deficit of 4 billion euros. ' +
    'She said she was leaving to protect the government and denied any wrongdoing. ' +
    'Bond markets rose after the announcement, recovering most of the losses of last week. ' +
    'The 45-year-old Varga resigned over the hidden deficit after three years in office.',
  'The finance minister, Elena Varga, resigned on Monday over a hidden budget deficit of 4 billion euros, government spokesman Piet Laan said. ' +
    'He added that the cabinet would meet on Wednesday to discuss spending cuts for next year. ' +
    'Auditors found the deficit in a report published on Friday by the national audit office. ' +
    'Karl Holt, her deputy, will run the finance ministry until a successor is found.',
  'Bond markets rallied on Monday after Finance Minister Elena Varga resigned over a hidden budget deficit of 4 billion euros. ' +
    'Traders said the resignation removed a source of uncertainty that had weighed on government bonds. ' +
    'The opposition called for early elections and a parliamentary inquiry into the deficit. ' +
    'Economists expect the new minister to announce spending cuts before the end of the year.',
];
const docs = RESIGNATION.map((text, i) => ({ id: `r${i}`, text }));
const resigns = (t: string) => /Varga/.test(t) && /resign|stepped down/.test(t) && /deficit/.test(t);
/** Runs `use` on the five reports loaded as a corpus, as the bot loads a folder. */
async function withCorpus(use: (corpus: Corpus) => void): Promise<void> {
  const { dir, cleanup } = tempArticles(Object.fromEntries(RESIGNATION.map((text, i) => [`r${i}.txt`, text])));
  try {
    use(await loadCorpus(realEngine(), dir, { maxBytes: 1e6 }));
  } finally {
    cleanup();
  }
}
/** The sentence right before `text` in its article, if any. */
const before = (text: string) => {
  for (const doc of RESIGNATION) {
    const sentences = doc.match(/[^.]+(?:\.\d[^.]*)*\./g)!.map((s) => s.trim());
    const at = sentences.indexOf(text);
    if (at > 0) return sentences[at - 1];
  }
  return undefined;
};

test('reading: a summary of a collection opens with the event the articles lead with', () => {
  for (const words of [40, 60, 100, 200]) {
    const summary = summarizeTexts(realEngine(), docs, { words });
    assert.ok(resigns(summary[0]!), `${words} words:\n${summary.join('\n')}`);
  }
});

test("reading: a topic digest opens with the event, in an outlet's own words", () =>
  withCorpus((corpus) => {
    for (const topic of ['Varga', 'finance minister', 'deficit']) {
      const items = digestTopic(corpus, topic, { items: 10, words: 300 }).items.map((i) => i.text);
      assert.ok(resigns(items[0]!), `${topic}:\n${items.join('\n')}`);
    }
  }));

test('reading: a sentence that leans on the one before it comes right after it, or not at all', () =>
  withCorpus((corpus) => {
    const digests = [
      ...[40, 60, 100, 200].map((words) => summarizeTexts(realEngine(), docs, { words })),
      ...['Varga', 'bond markets', 'deficit', 'cabinet'].map((topic) => digestTopic(corpus, topic, { items: 10, words: 300 }).items.map((i) => i.text)),
    ];
    let leaning = 0;
    for (const items of digests) {
      assert.ok(items.length === 0 || !leansOnContext(items[0]!), items.join('\n'));
      items.forEach((text, i) => {
        if (!leansOnContext(text)) return;
        leaning++;
        assert.equal(items[i - 1], before(text), `"${text}" without the sentence it leans on:\n${items.join('\n')}`);
      });
    }
    // The bond markets' digest has room for "The move was aimed at calming bond markets" after its sentence.
    assert.ok(leaning > 0, 'no digest took a sentence that leans on its article, so the rule was not exercised');
  }));

test('reading: two tellings of one event are not both shown', () =>
  withCorpus((corpus) => {
    const digests = [
      ...[60, 100, 200].map((words) => summarizeTexts(realEngine(), docs, { words })),
      ...['Varga', 'finance minister', 'deficit'].map((topic) => digestTopic(corpus, topic, { items: 10, words: 300 }).items.map((i) => i.text)),
    ];
    for (const items of digests) assert.equal(items.filter(resigns).length, 1, items.join('\n'));
  }));

test('reading: what leans on the sentence before it, and what reads alone', () => {
  for (const text of [
    'He added that the cabinet would meet on Wednesday.',
    'The move was aimed at calming bond markets.',
    'The proposed deal is a complex, three-way transaction involving AOL, Netscape and Sun Microsystems Inc.',
    'The newspaper said Prime Minister Benjamin Netanyahu is close to making a decision on the appointment.',
    'The Islamic-oriented Virtue Party, however, withheld immediate support for Yalim Erez.',
    'Instead, she reiterated her demand for a government that would include Virtue.',
    'In the other, Joe Lockhart stood in the White House driveway.',
    'Another attempt for Endeavour and its crew of six astronauts is scheduled for Friday.',
    'The two had differed over economic policy.',
    'About 30 percent of children in one primary school he visited were not in class.',
    'Buildings in the province came under Taliban control, and government forces laid down their arms, it added.',
    '"Yes, the government has submitted a proposal to Qatar as mediator," the source said.',
    '_ Then, two spacewalkers will hook up all the electrical connections.',
    'The interior ministry confirmed the fall of the city.',
    'That means the season will be shortened to 50 games.',
    "``This deal would insure that the fundamental elements of Netscape survive,'' said David B. Yoffie.",
    '"We have taken steps to reassure Syria."',
    'On Sept. 2, he fired the last one, Anwar Ibrahim, calling him morally unfit for office.',
    "On attending the APEC meeting, he said, ``It's difficult for me.''",
    'NASA will consider ideas for salvaging the equipment, he said, but only if it does not delay the station.',
    'Thousands of political prisoners remain in Chinese prisons, said the letter, a copy of which was released in Hong Kong.',
    'The vote was announced at 1:24 p.m.',
    'A day earlier, 27 Palestinians and three Israeli soldiers were injured in clashes throughout the West Bank.',
    'Hours later, rescuers found the last of the climbers.',
    'The next day, the council met again.',
    'Later, the army said the road was open.',
    'Again, the Israeli leader accused the Palestinians of ignoring commitments.',
    'Buildings in the province came under Taliban control, and government forces "laid down their arms," it added.',
  ]) {
    assert.equal(leansOnContext(text), true, text);
  }
  for (const text of [
    'Finance Minister Elena Varga resigned on Monday.',
    'The Chilean government has protested Pinochet\'s arrest.',
    'The agreement of 1993 set the border.',
    'The talks between Israel and Syria resumed on Monday.',
    'On Sept. 2, Mahathir fired Anwar, calling him morally unfit for office.',
    '"Congress is here to debate impeachment," the minority whip, Rep. David Bonior, said.',
    'In his first speech as president, Clinton promised to cut taxes.',
    'Thensome Corp. reported higher profits.',
    'Two days before the election, the party changed its leader.',
    'Earlier this year the council closed the road.',
  ]) {
    assert.equal(leansOnContext(text), false, text);
  }
  assert.equal(standsAlone('(The White House kept the journalists outside this year, but let them bring their kids.'), false);
});

test('reading: a retelling with a new detail or two tells the same event', () => {
  const { analyzer } = realEngine().lexicon;
  const events = eventWords((w) => analyzer.stem(w));
  const of = (text: string) => events.of({ id: 0, articleId: 0, paragraph: 0, position: 0, text, terms: realEngine().lexicon.terms(text), words: 0 });
  const london = of('Pinochet was arrested in London on Oct. 16 at the instigation of Spanish magistrate Baltasar Garzon.');
  assert.equal(events.same(london, of("The 82-year-old Pinochet was arrested Friday at a Spanish magistrate's request.")), true);
  assert.equal(events.same(london, of('The Chilean government protested the arrest, saying Pinochet had immunity as a senator.')), false);
  // A year and an age are when and how long, not how many: the same cancellation told twice.
  const nba = of("The National Basketball Association canceled the first two weeks of the regular season, the first time in the league's 51-year history that it will lose games to a labor dispute.");
  assert.equal(events.same(nba, of('The National Basketball Association, embroiled in a labor dispute with its players, canceled the first two weeks of the 1998-99 season.')), true);
  // The same words with other numbers on both sides are another event; a number on one side only is a detail.
  const kabul = of('Police said 3 people were killed when a bomb exploded in Kabul on Monday.');
  assert.equal(events.same(kabul, of('Police said 5 people were killed when a bomb exploded in Kabul on Friday.')), false);
  assert.equal(events.same(of('Officials said 23 bridges were repaired during campaign number 20.'), of('Officials said 43 bridges were repaired during campaign number 40.')), false);
  assert.equal(events.same(kabul, of('A bomb exploded in Kabul on Monday, killing people at a market, police said.')), true);
});

/**
 * A strike told by four outlets with the quotations and pieces of them that news copy holds: a
 * quotation that opens with "We", one whose closing half the splitter cut off, one credited to
 * "he", and a sentence that names its subject only as "he" after a date.
 */
const STRIKE = {
  'a.txt':
    'Dock workers at the port of Valmora began a strike on Tuesday over pay and pensions. ' +
    '"We will stay out until the Valmora port authority meets our demands on pay," union leader Ana Ruiz said. ' +
    'The port authority said talks on the Valmora strike would resume on Friday.',
  'b.txt':
    'The strike at the port of Valmora halted all container traffic on Tuesday, the port authority said. ' +
    'Shipping lines diverted 12 vessels from Valmora to other ports. ' +
    // A quotation running over two paragraphs, as wire copy writes it: the first has no closing mark.
    '"Valmora has stranded 300 refrigerated containers of fruit bound for Germany and Poland.\n\n"But the strike must end now," the transport minister said.',
  'c.txt':
    'Union leader Ana Ruiz called the Valmora dock strike after pay talks with the port authority failed. ' +
    'On Sept. 2, she had warned that the Valmora dock workers would strike over pay and pensions.',
  'd.txt':
    'The Valmora dock strike entered its second day on Wednesday, with no talks on pay in sight. ' +
    '"The Valmora strike costs exporters millions each day," he said, urging the port authority to settle.',
};

test('reading: a topic digest shows no piece of a quotation, and quotations that lean only after their sentence', async () => {
  const { dir, cleanup } = tempArticles(STRIKE);
  try {
    const corpus = await loadCorpus(realEngine(), dir, { maxBytes: 1e6 });
    const sentences = corpus.sentences.slice().map((s) => s.text);
    // The rules have something to act on: the corpus holds a piece of a quotation and sentences that lean.
    assert.ok(sentences.some((t) => t.includes('Valmora') && !whole(t)), sentences.join('\n'));
    assert.ok(sentences.filter((t) => t.includes('Valmora') && leansOnContext(t)).length >= 2, sentences.join('\n'));
    const previous = (t: string) => sentences[sentences.indexOf(t) - 1];
    for (const budget of [{ items: 3, words: 60 }, { items: 5, words: 120 }, { items: 10, words: 240 }]) {
      const items = digestTopic(corpus, 'Valmora', budget).items.map((i) => i.text);
      assert.ok(items.length > 0 && !leansOnContext(items[0]!) && !/^["“`]/.test(items[0]!), items.join('\n'));
      items.forEach((text, i) => {
        assert.ok(whole(text), `a piece of a quotation: ${text}`);
        if (leansOnContext(text)) assert.equal(items[i - 1], previous(text), `"${text}" without the sentence it leans on:\n${items.join('\n')}`);
      });
    }
  } finally {
    cleanup();
  }
});
