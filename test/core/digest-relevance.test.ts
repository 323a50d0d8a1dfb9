import { test } from 'node:test';
import assert from 'node:assert/strict';
import { digestTopic } from '../../src/core/query/digest.ts';
import { loadCorpus } from '../../src/core/index/corpus.ts';
import { sentencesOf, type Corpus } from '../../src/core/index/snapshot.ts';
import { budgetsFrom } from '../../src/app/bootstrap.ts';
import { parseConfig } from '../../src/config/env.ts';
import { bundledCorpus, realEngine, tempArticles } from '../helpers/fixtures.ts';

// A topic digest's items are about the topic: each names it, or carries on, in the same passage,
// a sentence that does. And their words, counted as a reader counts them, stay within the budget.

const budgets = budgetsFrom(parseConfig({}));
const texts = (corpus: Corpus, topic: string, length: keyof typeof budgets = 'long') => digestTopic(corpus, topic, budgets[length]).items.map((i) => i.text);

/** Articles as JSON files: a title, an outlet, and paragraphs separated by blank lines. */
async function withArticles(articles: Record<string, { title: string; source: string; paragraphs: string[] }>, run: (corpus: Corpus) => void): Promise<void> {
  const files: Record<string, string> = {};
  for (const [name, a] of Object.entries(articles)) {
    files[`${name}.json`] = JSON.stringify({ title: a.title, source: a.source, published: '2026-12-07', text: a.paragraphs.join('\n\n') });
  }
  const { dir, cleanup } = tempArticles(files);
  try {
    run(await loadCorpus(realEngine(), dir, { maxBytes: 1e6 }));
  } finally {
    cleanup();
  }
}

/**
 * Whether a sentence names the topic, by the digest's own rule written out plainly: a phrase of the
 * topic has all its terms in the sentence, once hyphenated compounds that are none of its names are
 * taken out.
 */
function names(corpus: Corpus, topic: string, text: string): boolean {
  const { phrases } = corpus.lexicon.expand(topic);
  const own = (compound: string) => {
    const terms = new Set(corpus.lexicon.terms(compound));
    return phrases.some((p) => p.length === terms.size && p.every((t) => terms.has(t)));
  };
  const terms = new Set(corpus.lexicon.terms(text.replace(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)+/gu, (c) => (own(c) ? c : ' '))));
  return phrases.some((p) => p.every((t) => terms.has(t)));
}

test('relevance: /summary herat leaves out the Lashkar Gah and Kandahar sentences that never name Herat', async () => {
  const corpus = await bundledCorpus();
  for (const length of ['short', 'medium', 'long'] as const) {
    const items = texts(corpus, 'herat', length);
    assert.ok(items.some((t) => /seized Herat/.test(t)), items.join('\n'));
    for (const t of items) assert.doesNotMatch(t, /^An official in Lashkar Gah|car bomb|city hospital|Kandahar city\.$/, `${length}: ${t}`);
  }
  // Herat's thread in a bigger story: the sentences after the one that names it, in its paragraph.
  assert.ok(texts(corpus, 'herat').some((t) => /^Buildings in the province/.test(t)));
});

test('relevance: /summary ghazni leaves out the Qatar power-sharing quote, which is not about Ghazni', async () => {
  const corpus = await bundledCorpus();
  for (const length of ['short', 'medium', 'long'] as const) {
    const items = texts(corpus, 'ghazni', length);
    assert.ok(items.some((t) => /Ghazni/.test(t) && /seized|captured/.test(t)), items.join('\n'));
    for (const t of items) assert.doesNotMatch(t, /submitted a proposal to Qatar as mediator/, `${length}: ${t}`);
  }
  // The offer is still where it belongs, told by the sentence that stands alone (the quote credits
  // "the source" named in the sentence before it, so it is not shown without it).
  assert.ok(texts(corpus, 'power-sharing').some((t) => /negotiators in Qatar have offered the Taliban a power-sharing deal/.test(t)));
});

test('relevance: every item of every bundled topic names it or carries on a passage that does', async () => {
  const corpus = await bundledCorpus();
  const topics = [...corpus.topics.map((t) => t.name), 'herat', 'mazar', 'kandahar prison', 'ashraf ghani'];
  for (const topic of topics) {
    for (const length of ['short', 'medium', 'long'] as const) {
      for (const text of texts(corpus, topic, length)) {
        if (names(corpus, topic, text)) continue;
        // The sentence it continues, in some article that has it: one or two before it, in its
        // paragraph or the lead's two.
        const passage = (p: number) => (p <= 1 ? 0 : p);
        const continues = corpus.articles.some((a) => {
          const sentences = sentencesOf(corpus, a.id);
          const at = sentences.findIndex((s) => s.text === text);
          if (at < 0) return false;
          const before = sentences.slice(Math.max(0, at - 2), at).filter((s) => passage(s.paragraph) === passage(sentences[at]!.paragraph));
          return before.some((s) => names(corpus, topic, s.text));
        });
        assert.ok(continues, `${topic}/${length}: "${text}" neither names it nor follows a sentence that does`);
      }
    }
  }
});

test('relevance: in an article about the topic, only what names it or follows it in its passage is a candidate', async () => {
  await withArticles(
    {
      mosul: {
        title: 'Mosul bridge reopens',
        source: 'Example Wire',
        paragraphs: [
          'Engineers reopened the old bridge over the Tigris in Mosul on Monday, the city council said.',
          'Traffic crossed it for the first time in nine years.',
          'Elsewhere, farmers in the south reported a poor wheat harvest after months of drought.',
          'Mosul was retaken from militants in 2017 after a nine-month battle. Much of its old city still lies in ruins.',
        ],
      },
      digest: {
        title: 'Around Iraq',
        source: 'Daily Roundup',
        paragraphs: [
          'Protesters gathered in Basra over power cuts on Sunday evening, the police said.',
          'Fighting was reported near Kirkuk and Tikrit, as well as Mosul in the north.',
          'An official in Kirkuk said two checkpoints had been attacked overnight by gunmen.',
          'The Baghdad-Mosul highway was closed for repairs on Tuesday, the transport ministry said.',
        ],
      },
    },
    (corpus) => {
      const items = texts(corpus, 'mosul');
      // The lead's second paragraph carries on what the first names; the sentence after a naming one in its paragraph too.
      assert.ok(items.includes('Traffic crossed it for the first time in nine years.'), items.join('\n'));
      assert.ok(items.includes('Much of its old city still lies in ruins.'), items.join('\n'));
      // Not a later paragraph of the same article that does not name Mosul, nor the paragraph after a list that names it among others,
      // nor a sentence that names it only inside the name of a road.
      for (const t of items) assert.doesNotMatch(t, /wheat harvest|checkpoints|highway/, items.join('\n'));
      assert.ok(items.some((t) => /as well as Mosul/.test(t)), items.join('\n'));
    },
  );
});

test('relevance: a compound that is the topic\'s own name, or an alias, names it', async () => {
  await withArticles(
    {
      north: {
        title: 'Northern front',
        source: 'Example Wire',
        paragraphs: ['Taliban fighters encircled Mazar-i-Sharif, the largest city in the north, on Saturday.', 'Residents of the Kunduz-Mazar road fled south.'],
      },
    },
    (corpus) => {
      for (const topic of ['mazar-i-sharif', 'mazar']) {
        const items = texts(corpus, topic);
        assert.ok(items.some((t) => /encircled Mazar-i-Sharif/.test(t)), `${topic}: ${items.join('\n')}`);
      }
    },
  );
});

test('budget: the items of every bundled digest fit its words as a reader counts them', async () => {
  const corpus = await bundledCorpus();
  for (const topic of [...corpus.topics.map((t) => t.name), 'herat']) {
    for (const [length, budget] of Object.entries(budgets)) {
      const digest = digestTopic(corpus, topic, budget);
      const words = digest.items.reduce((n, i) => n + i.text.split(/\s+/).filter(Boolean).length, 0);
      assert.ok(words <= budget.words && digest.items.length <= budget.items, `${topic}/${length}: ${words} words in ${digest.items.length} items`);
      assert.equal(digest.stats.words, words);
    }
  }
});
