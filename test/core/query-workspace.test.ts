import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_BUDGET, digestAll, digestTopic } from '../../src/core/query/digest.ts';
import { loadCorpus } from '../../src/core/index/corpus.ts';
import type { Corpus } from '../../src/core/index/snapshot.ts';
import type { Digest } from '../../src/core/types.ts';
import { ARTICLES, realEngine } from '../helpers/fixtures.ts';
import { writeNewsClusters } from '../helpers/news-clusters.ts';

const withoutTiming = (d: Digest) => ({ ...d, stats: { ...d.stats, elapsedMs: 0 } });
const bundled = () => loadCorpus(realEngine(), ARTICLES, { maxBytes: 5e6 });

test('query-workspace: a query started on a snapshot while another runs on it throws, and the snapshot still answers', async () => {
  const corpus = await bundled();
  const alone = withoutTiming(digestTopic(corpus, 'ghazni'));
  // An omit filter is code a digest calls in the middle of its work: it must not start a query on the same snapshot.
  const nested = (inner: () => unknown) => () => digestTopic(corpus, 'ghazni', DEFAULT_BUDGET, { omit: () => (inner(), false) });
  assert.throws(nested(() => digestTopic(corpus, 'kabul')), {
    message: /^digestTopic started on a corpus snapshot while digestTopic is running on it: queries on one snapshot share its scratch arrays/,
  });
  assert.throws(nested(() => digestAll(corpus)), /digestAll started on a corpus snapshot while digestTopic is running on it/);
  assert.throws(() => corpus.workspace.run('outer', () => corpus.workspace.run('inner', () => 0)), /inner started .* while outer is running/);
  // The guard is let go however a query ends, and the scratch was left clean.
  assert.deepEqual(withoutTiming(digestTopic(corpus, 'ghazni')), alone);
  assert.equal(corpus.workspace.run('a query', () => 1), 1);
});

test('query-workspace: two snapshots keep their own workspace: digests of one run inside the other give what each gives alone', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'workspace-test-'));
  try {
    writeNewsClusters(dir);
    const other = () => loadCorpus(realEngine(), join(dir, 'clusters'), { maxBytes: 5e6 });
    const [a, b] = [await bundled(), await other()];
    // Another snapshot's query may run inside one: it has scratch of its own.
    a.workspace.run('a query on a', (scratchA) => b.workspace.run('a query on b', (scratchB) => assert.notEqual(scratchA, scratchB)));
    const topicsOf = (corpus: Corpus) => [...corpus.topics.slice(0, 4).map((t) => t.name), 'ghaznee'];
    assert.ok(topicsOf(b).length > 1 && b.articles.length !== a.articles.length, 'two different corpora');

    // Each alone, on snapshots of their own.
    const [freshA, freshB] = [await bundled(), await other()];
    const aloneA = topicsOf(a).map((t) => withoutTiming(digestTopic(freshA, t)));
    const aloneB = topicsOf(b).map((t) => withoutTiming(digestTopic(freshB, t)));
    const allA = withoutTiming(digestAll(freshA, { items: 4, words: 100 }));
    const allB = withoutTiming(digestAll(freshB, { items: 4, words: 100 }));

    // Interleaved: each of b's digests runs inside one of a's (from its omit filter, between a's
    // selection and its citing), and the other way round.
    const innerB = new Map<number, Digest>();
    const outerA = topicsOf(a).map((t, i) =>
      withoutTiming(
        digestTopic(a, t, DEFAULT_BUDGET, {
          omit: () => {
            if (i < aloneB.length && !innerB.has(i)) innerB.set(i, withoutTiming(digestTopic(b, topicsOf(b)[i]!)));
            return false;
          },
        }),
      ),
    );
    assert.deepEqual(outerA, aloneA);
    assert.equal(innerB.size, 4, "each of b's topics was digested inside one of a's digests");
    for (const [i, digest] of innerB) assert.deepEqual(digest, aloneB[i]);
    let innerAll: Digest | undefined;
    const outerB = withoutTiming(
      digestTopic(b, topicsOf(b)[0]!, DEFAULT_BUDGET, { omit: () => ((innerAll ??= withoutTiming(digestAll(a, { items: 4, words: 100 }))), false) }),
    );
    assert.deepEqual(outerB, aloneB[0]);
    assert.deepEqual(innerAll, allA);
    // And one after the other, alternating, as a bot serving two corpora would.
    for (let i = 0; i < Math.max(aloneA.length, aloneB.length); i++) {
      if (i < aloneA.length) assert.deepEqual(withoutTiming(digestTopic(a, topicsOf(a)[i]!)), aloneA[i]);
      if (i < aloneB.length) assert.deepEqual(withoutTiming(digestTopic(b, topicsOf(b)[i]!)), aloneB[i]);
    }
    assert.deepEqual(withoutTiming(digestAll(b, { items: 4, words: 100 })), allB);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
