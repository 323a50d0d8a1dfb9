import { test } from 'node:test';
import assert from 'node:assert/strict';
import { digestTopic } from '../../src/core/query/digest.ts';
import { describeReply, digestCounts } from '../../src/commands/describe.ts';
import { TEXT_MARKUP } from '../../src/adapters/console/render-text.ts';
import { bundledCorpus } from '../helpers/fixtures.ts';
import { digestOf } from '../helpers/digests.ts';
import { datedCorpus } from '../helpers/dated-corpus.ts';

// The counts a reader sees say what they count: /topics gives the articles that mention a topic,
// a digest the articles its items come from and, when not as many, the articles that mention it.

test('counts: a digest says how many articles its items come from and, when not as many, how many mention the topic', async () => {
  const corpus = await bundledCorpus();
  const ghazni = digestTopic(corpus, 'ghazni');
  const listed = corpus.topics.find((t) => t.name === 'Ghazni')!;
  assert.equal(digestCounts(ghazni), `${ghazni.items.length} items from ${ghazni.stats.articlesCited} articles, ${ghazni.stats.outlets} outlets; ${listed.articles} articles mention it`);
  assert.ok(ghazni.stats.articlesCited < listed.articles, 'the test needs an article that mentions Ghazni and tells no item');
  const topics = describeReply({ kind: 'topics', topics: corpus.topics, articles: corpus.articles.length }, TEXT_MARKUP).join('\n');
  assert.match(topics, new RegExp(`• Ghazni \\(mentioned in ${listed.articles} articles\\)`));
  // As many articles tell the items as mention the topic: one count.
  const hand = digestOf('Zaranj', [{ text: 'The Taliban entered Zaranj.', sources: [{ title: 'A', source: 'Outlet', file: 'a.txt' }] }]);
  assert.equal(digestCounts(hand), '1 item from 1 article, 1 outlet');
  assert.equal(digestCounts({ ...hand, stats: { ...hand.stats, articlesMatched: 2 } }), '1 item from 1 article, 1 outlet; 2 articles mention it');
});

test('counts: the header counts an article that only a disagreement line names', async () => {
  const bridge = 'opened the new river bridge in Freedonia on Monday, officials said.';
  // Xinhua tells Ruth Okafor's age in a sentence about another fact: it tells no item of the bridge
  // digest, but the line under its item names Xinhua, and so does the header.
  const { corpus, cleanup } = await datedCorpus([
    { name: 'ap', source: 'AP', published: '2026-12-07', text: `Ruth Okafor, 52, ${bridge}` },
    { name: 'reuters', source: 'Reuters', published: '2026-12-07', text: `Ruth Okafor ${bridge}` },
    { name: 'xinhua', source: 'Xinhua', published: '2026-12-06', text: 'Ruth Okafor, 53, chaired a budget meeting of the city council last week.' },
  ]);
  try {
    const digest = digestTopic(corpus, 'bridge');
    const line = digest.items.find((i) => i.disagreement)?.disagreement;
    assert.deepEqual(line?.claims.map((c) => [c.value, c.sources.map((s) => s.source)]), [['52', ['AP']], ['53', ['Xinhua']]]);
    assert.ok(!digest.items.some((i) => i.sources.some((s) => s.source === 'Xinhua')), 'the test needs an article no item cites');
    assert.match(digestCounts(digest), /^1 item from 3 articles, 3 outlets/);
  } finally {
    cleanup();
  }
});
