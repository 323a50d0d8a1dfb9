import { test } from 'node:test';
import assert from 'node:assert/strict';
import { idf } from '../../src/core/index/snapshot.ts';
import { termSpace } from '../../src/core/summarize/term-space.ts';
import { localTerms } from '../../src/core/summarize/local-terms.ts';
import { groupByLeader } from '../../src/core/summarize/group.ts';
import { SAME_FACT, cosine, weightedOverlap } from '../../src/core/summarize/similarity.ts';
import { sameFactAnywhere, sameFactElsewhere } from '../../src/core/summarize/same-fact.ts';
import { loadCorpus } from '../../src/core/index/corpus.ts';
import { bundledCorpus, realEngine, tempArticles } from '../helpers/fixtures.ts';
import { QueryScratch } from '../../src/core/index/query-scratch.ts';

test('select-grouping: the term space measures overlap exactly as weightedOverlap does', async () => {
  const corpus = await bundledCorpus();
  const weigh = idf(corpus);
  const space = termSpace(localTerms(corpus.sentences.slice(), new QueryScratch()), weigh);
  const sets = corpus.sentences.slice().map((s) => new Set(s.terms));
  let close = 0;
  for (let a = 0; a < sets.length; a++) {
    for (let b = 0; b < sets.length; b++) {
      assert.equal(space.overlap(a, b), weightedOverlap(sets[a]!, sets[b]!, weigh), `${a} ${b}`);
      assert.equal(space.cosine(a, b), cosine(sets[a]!, sets[b]!, () => 1), `${a} ${b}`);
      if (a !== b && space.overlap(a, b) >= SAME_FACT) close++;
    }
  }
  assert.ok(close > 0, 'the bundled articles repeat some facts');
});

test('select-grouping: indexed leader clustering groups as comparing with every leader does', async () => {
  const corpus = await bundledCorpus();
  const space = termSpace(localTerms(corpus.sentences.slice(), new QueryScratch()), idf(corpus));
  // Any order will do for the check; a reversed one makes later sentences lead.
  for (const ranked of [corpus.sentences.slice().map((_, i) => i), corpus.sentences.slice().map((_, i) => i).reverse()]) {
    const naive: { leader: number; members: number[] }[] = [];
    for (const s of ranked) {
      const home = naive.find((g) => space.overlap(g.leader, s) >= SAME_FACT);
      if (home) home.members.push(s);
      else naive.push({ leader: s, members: [s] });
    }
    const { leaders, groupOf } = groupByLeader(ranked, space, SAME_FACT);
    const groups = [...leaders].map((leader, g) => ({ leader, members: ranked.filter((s) => groupOf[s] === g) }));
    assert.deepEqual(groups, naive);
    assert.ok(groups.some((g) => g.members.length > 1));
  }
});

test('select-grouping: the exhaustive same-fact search finds what comparing with every sentence finds', async () => {
  const corpus = await bundledCorpus();
  const weigh = idf(corpus);
  const scratch = new QueryScratch();
  let beyondProbe = 0;
  for (const leader of corpus.sentences.slice()) {
    const terms = new Set(leader.terms);
    const scan = corpus.sentences.slice().filter((s) => s.id !== leader.id && weightedOverlap(terms, new Set(s.terms), weigh) >= SAME_FACT);
    const anywhere = sameFactAnywhere(corpus, scratch, leader, weigh);
    assert.deepEqual(anywhere, scan.map((s) => s.id));
    const probed = sameFactElsewhere(corpus, scratch, leader, weigh);
    assert.ok(probed.every((id) => anywhere.includes(id)));
    beyondProbe += anywhere.length - probed.length;
  }
  assert.ok(beyondProbe > 0, 'some outlets tell a fact in words the rare-term probe misses');
});

test('select-grouping: a fact run by more articles than one batch compares is found in every one', async () => {
  // Three reports in turn: two tell one fact in different words, the third another fact with the
  // same names; 3,000 in all, so that the comparisons run in several batches.
  const reports = [
    'The Taliban entered Ghazni on Thursday after heavy fighting, officials said.',
    'On Thursday the Taliban entered Ghazni after heavy fighting near the governor’s office, officials said.',
    'Officials in Kabul said on Thursday that talks with the Taliban about Ghazni would resume.',
  ];
  const files = Object.fromEntries(Array.from({ length: 3000 }, (_, n) => [`a${String(n).padStart(4, '0')}.txt`, `Report ${n}\n\n${reports[n % 3]!}\n`]));
  const { dir, cleanup } = tempArticles(files);
  try {
    const corpus = await loadCorpus(realEngine(), dir, { maxBytes: 1e6 });
    const weigh = idf(corpus);
    const scratch = new QueryScratch();
    const sets = corpus.sentences.slice().map((s) => new Set(s.terms));
    // Every sentence shares at least three terms with either leader, so each compares with all.
    for (const [article, others] of [[0, 1999], [2, 999]] as const) {
      const leader = corpus.sentences.at(corpus.firstSentence[article]!);
      const scan = sets.flatMap((terms, id) => (id !== leader.id && weightedOverlap(new Set(leader.terms), terms, weigh) >= SAME_FACT ? [id] : []));
      assert.equal(scan.length, others, 'the fact is told once per report of it');
      assert.deepEqual(sameFactAnywhere(corpus, scratch, leader, weigh), scan);
    }
  } finally {
    cleanup();
  }
});
