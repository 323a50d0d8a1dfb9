import { test } from 'node:test';
import assert from 'node:assert/strict';
import { digestTopic } from '../../src/core/query/digest.ts';
import { freshDigest, itemKey } from '../../src/scheduler/fresh-items.ts';
import { bundledCorpus } from '../helpers/fixtures.ts';
import { realDigests, setup, subscribe, tempDir, tickThrough } from './harness.ts';

const made = new Date('2026-06-10T05:00:00Z');

test('fresh items: the item key ignores case, spacing and punctuation, not wording', () => {
  assert.equal(itemKey('The Taliban seized Ghazni.'), itemKey('  the taliban  seized “Ghazni” '));
  assert.notEqual(itemKey('The Taliban seized Ghazni.'), itemKey('The Taliban seized Kandahar.'));
});

test('fresh items: a second digest leaves out what the channel already received', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const corpus = await bundledCorpus();
    // A short digest on day one, a longer one on day two: the long one repeats the short one's items.
    const budgets = [{ items: 2, words: 60 }, { items: 10, words: 300 }];
    let day = 0;
    const buildDigest = (topic: string, omit: (text: string) => boolean) => digestTopic(corpus, topic, budgets[Math.min(day, 1)], { omit });
    const { store, scheduler, clock, posts } = await setup(dir, '2026-06-10T05:00:00Z', { buildDigest });
    await subscribe(store, { time: '08:00', timeZone: 'Europe/Berlin' }, made);
    await tickThrough(scheduler, clock, '2026-06-10T06:00:00Z', '2026-06-10T06:00:00Z');
    day = 1;
    await tickThrough(scheduler, clock, '2026-06-11T06:00:00Z', '2026-06-11T06:00:00Z');
    assert.equal(posts.length, 2);
    const [first, second] = posts.map((p) => p.digest.items.map((i) => i.text));
    assert.ok(first!.length > 0 && second!.length > 0);
    const full = buildDigest('ghazni', () => false).items.map((i) => i.text);
    assert.ok(first!.every((t) => full.includes(t)), 'the test relies on the long digest repeating the short one');
    assert.deepEqual(second!.filter((t) => first!.includes(t)), [], 'nothing from day one again');
    assert.equal(posts[1]!.context.omittedItems, first!.length);
    // The article list and the counts describe the items kept.
    const kept = posts[1]!.digest;
    const files = new Set(kept.items.flatMap((i) => i.sources.map((s) => s.file)));
    assert.deepEqual(new Set(kept.articles.map((a) => a.file)), files);
    assert.equal(kept.stats.articlesCited, files.size);
    assert.equal(kept.stats.itemsOmitted, first!.length);
    await store.close();
  } finally {
    cleanup();
  }
});

test('fresh items: with nothing new the post is one empty digest (a one-line note) or, if configured, skipped', async () => {
  for (const whenNothingNew of ['note', 'skip'] as const) {
    const { dir, cleanup } = tempDir();
    try {
      const { store, scheduler, clock, posts, lines } = await setup(dir, '2026-06-10T05:00:00Z', { options: { whenNothingNew } });
      const sub = await subscribe(store, { time: '08:00', timeZone: 'Europe/Berlin' }, made);
      await tickThrough(scheduler, clock, '2026-06-10T06:00:00Z', '2026-06-10T06:00:00Z');
      await tickThrough(scheduler, clock, '2026-06-11T06:00:00Z', '2026-06-11T06:05:00Z');
      const history = (await store.deliveryHistory(sub, 'ghazni')).map((d) => `${d.localDate} ${d.state}`);
      if (whenNothingNew === 'note') {
        assert.equal(posts.length, 2);
        assert.equal(posts[1]!.digest.items.length, 0);
        assert.ok(posts[1]!.context.omittedItems > 0);
        assert.deepEqual(history, ['2026-06-11 posted', '2026-06-10 posted']);
      } else {
        assert.equal(posts.length, 1);
        assert.deepEqual(history, ['2026-06-11 skipped', '2026-06-10 posted']);
        assert.ok(lines.some((l) => String(l.msg).includes('skipped')));
      }
      await store.close();
    } finally {
      cleanup();
    }
  }
});

test('fresh items: posted items are kept per channel and topic', async () => {
  const corpus = await bundledCorpus();
  const digest = digestTopic(corpus, 'ghazni');
  const { dir, cleanup } = tempDir();
  try {
    const { store, scheduler, clock, posts } = await setup(dir, '2026-06-10T05:00:00Z');
    await subscribe(store, { channel: 'A', time: '08:00', timeZone: 'Europe/Berlin' }, made);
    await subscribe(store, { channel: 'B', time: '09:00', timeZone: 'Europe/Berlin' }, made);
    await tickThrough(scheduler, clock, '2026-06-10T06:00:00Z', '2026-06-10T07:00:00Z', 60);
    assert.deepEqual(posts.map((p) => p.digest.items.length), [digest.items.length, digest.items.length]);
    const build = await realDigests();
    const fresh = async (platform: 'discord' | 'slack', topic: string) => freshDigest(build, 'ghazni', await store.postedItemKeys({ platform, channel: 'A' }, topic));
    assert.equal((await fresh('discord', 'Ghazni')).digest.items.length, 0);
    assert.equal((await fresh('slack', 'ghazni')).digest.items.length, digest.items.length);
    await store.close();
  } finally {
    cleanup();
  }
});
