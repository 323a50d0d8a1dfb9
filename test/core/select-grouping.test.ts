import { test } from 'node:test';
import assert from 'node:assert/strict';
import { idf } from '../../src/core/corpus.ts';
import { termSpace } from '../../src/core/summarize/term-space.ts';
import { localTerms } from '../../src/core/summarize/local-terms.ts';
import { groupByLeader } from '../../src/core/summarize/group.ts';
import { SAME_FACT, cosine, weightedOverlap } from '../../src/core/summarize/similarity.ts';
import { sameFactAnywhere, sameFactElsewhere } from '../../src/core/summarize/same-fact.ts';
import { bundledCorpus } from '../helpers/fixtures.ts';

test('select-grouping: the term space measures overlap exactly as weightedOverlap does', async () => {
  const corpus = await bundledCorpus();
  const weigh = idf(corpus);
  const space = termSpace(localTerms(corpus.sentences.slice()), weigh);
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
  const space = termSpace(localTerms(corpus.sentences.slice()), idf(corpus));
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
  let beyondProbe = 0;
  for (const leader of corpus.sentences.slice()) {
    const terms = new Set(leader.terms);
    const scan = corpus.sentences.slice().filter((s) => s.id !== leader.id && weightedOverlap(terms, new Set(s.terms), weigh) >= SAME_FACT);
    const anywhere = sameFactAnywhere(corpus, leader, weigh);
    assert.deepEqual(anywhere, scan.map((s) => s.id));
    const probed = sameFactElsewhere(corpus, leader, weigh);
    assert.ok(probed.every((id) => anywhere.includes(id)));
    beyondProbe += anywhere.length - probed.length;
  }
  assert.ok(beyondProbe > 0, 'some outlets tell a fact in words the rare-term probe misses');
});
