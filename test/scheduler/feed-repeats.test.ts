import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LiveCorpus } from '../../src/core/index/live-corpus.ts';
import { digestTopic } from '../../src/core/query/digest.ts';
import { corpusArticle } from '../../src/feeds/corpus-article.ts';
import { itemKey } from '../../src/scheduler/fresh-items.ts';
import type { FeedArticle } from '../../src/store/feed-types.ts';
import { realEngine, tempArticles } from '../helpers/fixtures.ts';
import { setup, subscribe, tempDir, tickThrough } from './harness.ts';

// Daily digests of articles that arrive all day from feeds, through the corpus's real update path.

const RETOOK = 'Government forces retook the city of Ghazni on Sunday after a week of fierce clashes with the Taliban, officials said.';
/** The same fact from a second outlet, reworded: no item key matches it. */
const RETOOK_AGAIN = 'Afghan government forces retook Ghazni city on Sunday after a week of fierce clashes with Taliban fighters, officials said.';
const RETURNING = 'Hundreds of families who had fled Ghazni began returning to their homes by bus on Monday, officials said.';

function feedItem(key: string, outlet: string, published: string, paragraphs: string[]): FeedArticle {
  const at = new Date(published);
  const text = paragraphs.join('\n\n');
  return { key, itemId: key, title: paragraphs[0]!.slice(0, 40), link: key, outlet, published, text, contentHash: `h-${key}-${text.length}`, feedId: 1, firstSeenAt: at, updatedAt: at };
}

const first = feedItem('https://kabultimes.example/ghazni-retaken', 'Kabul Times', '2026-12-06T05:00:00Z', [
  RETOOK,
  'The governor of Ghazni returned to his office in the citadel on Sunday, his spokesman said.',
]);
const second = feedItem('https://ap.example/ghazni', 'AP', '2026-12-06T15:00:00Z', [
  RETOOK_AGAIN,
  RETURNING,
]);

test('feeds and daily digests: a fact posted yesterday is not posted again when a second outlet rewords it today', async () => {
  const folder = tempArticles({});
  const { dir, cleanup } = tempDir();
  try {
    const live = new LiveCorpus({ engine: realEngine(), dir: folder.dir, maxBytes: 1e6 });
    await live.reload();
    await live.update({ upsert: [corpusArticle(first)], remove: [] });
    const buildDigest = (topic: string, omit: (text: string) => boolean) => digestTopic(live.current, topic, undefined, { omit });
    const { store, scheduler, clock, posts } = await setup(dir, '2026-12-06T05:00:00Z', { buildDigest });
    await subscribe(store, { time: '08:00', timeZone: 'Europe/Berlin' }, new Date('2026-12-06T05:00:00Z'));

    await tickThrough(scheduler, clock, '2026-12-06T07:00:00Z', '2026-12-06T07:00:00Z');
    assert.deepEqual(posts[0]!.digest.items.map((i) => i.text).sort(), [RETOOK, first.text.split('\n\n')[1]].sort());

    // In the afternoon a second outlet's feed brings the fact again, reworded, and a new one.
    await live.update({ upsert: [corpusArticle(second)], remove: [] });
    const today = digestTopic(live.current, 'ghazni');
    const retaken = today.items.find((i) => i.sources.some((s) => s.url === first.link) && i.sources.some((s) => s.url === second.link))!;
    assert.equal(retaken.text, RETOOK_AGAIN, 'the newer outlet now leads the fact');
    assert.notEqual(itemKey(RETOOK_AGAIN), itemKey(RETOOK), 'so its text is not what was posted');

    await tickThrough(scheduler, clock, '2026-12-07T07:00:00Z', '2026-12-07T07:00:00Z');
    assert.equal(posts.length, 2);
    const texts = posts[1]!.digest.items.map((i) => i.text);
    assert.ok(texts.includes(RETURNING), `the new fact is posted: ${texts.join(' | ')}`);
    assert.deepEqual(texts.filter((t) => t === RETOOK || t === RETOOK_AGAIN), [], 'the fact posted yesterday is not posted again');
    assert.equal(posts[1]!.context.omittedItems, 2);
    assert.ok(posts[1]!.digest.articles.every((a) => a.url !== first.link), 'and the first outlet is not cited for it');
    await store.close();
  } finally {
    cleanup();
    folder.cleanup();
  }
});

test('omit: an item is left out when any sentence that tells its fact was posted, not only its quoted one', async () => {
  const folder = tempArticles({});
  try {
    const live = new LiveCorpus({ engine: realEngine(), dir: folder.dir, maxBytes: 1e6 });
    await live.reload();
    await live.update({ upsert: [corpusArticle(first), corpusArticle(second)], remove: [] });
    const whole = digestTopic(live.current, 'ghazni');
    assert.ok(whole.items.some((i) => i.text === RETOOK_AGAIN) && !whole.items.some((i) => i.text === RETOOK), 'one item tells both');
    const rest = digestTopic(live.current, 'ghazni', undefined, { omit: (text) => text === RETOOK });
    assert.deepEqual(rest.items.map((i) => i.text), whole.items.map((i) => i.text).filter((t) => t !== RETOOK_AGAIN));
    assert.equal(rest.stats.itemsOmitted, 1);
  } finally {
    folder.cleanup();
  }
});
