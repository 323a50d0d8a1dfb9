// What lets several bot processes share one store's feeds: the poll lease (one poller per feed at
// a time, once per interval) and the change numbers with removal records (every process's corpus
// learns what the others stored). Each test opens a second store on the same data, as a second
// process would.
import assert from 'node:assert/strict';
import { FeedPollSupersededError } from '../../src/store/errors.ts';
import type { FeedArticleInput, FeedState, NewFeed } from '../../src/store/feed-types.ts';
import type { DigestStore } from '../../src/store/types.ts';
import { storeTest } from './contract.ts';

const t0 = new Date('2026-06-10T05:00:00Z');
const later = (ms: number) => new Date(t0.getTime() + ms);
const LEASE = 60_000;
const INTERVAL = 600_000;
const newFeed = (url: string, extra: Partial<NewFeed> = {}): NewFeed => ({ url, intervalMs: INTERVAL, fullText: 'never', origin: 'config', ...extra });
const article = (key: string, extra: Partial<FeedArticleInput> = {}): FeedArticleInput => ({
  key,
  itemId: key,
  title: `Title ${key}`,
  outlet: 'Pajhwok',
  text: `Text of ${key}.`,
  contentHash: `hash-${key}`,
  ...extra,
});
/** The state a successful poll at `at` leaves: next poll an interval later. */
const polledAt = (at: Date, extra: Partial<FeedState> = {}): FeedState => ({ lastFetchAt: at, lastSuccessAt: at, nextPollAt: new Date(at.getTime() + INTERVAL), failures: 0, paused: false, ...extra });
const keysOf = (list: readonly { key: string }[]) => list.map((a) => a.key);
/** One whole poll by process `by`: the lease claimed, the poll recorded under it. */
async function pollAs(store: DigestStore, by: string, feedId: number, at: Date, articles: FeedArticleInput[]): Promise<void> {
  assert.equal((await store.claimFeedPoll(feedId, by, at, LEASE, { force: true })).claimed, true);
  await store.recordPoll(feedId, { state: polledAt(at), articles }, at, { by });
}

storeTest('claimFeedPoll: of two processes claiming one due feed at once, exactly one wins; the other learns until when it is leased', async (store, reopen) => {
  const other = await reopen();
  const { feed } = await store.saveFeed(newFeed('https://a.example/feed'), t0);
  for (let round = 0; round < 5; round++) {
    const now = later(round * INTERVAL);
    const claims = await Promise.all([store.claimFeedPoll(feed.id, 'A', now, LEASE), other.claimFeedPoll(feed.id, 'B', now, LEASE)]);
    const winners = claims.filter((c) => c.claimed);
    assert.equal(winners.length, 1, `round ${round}: ${JSON.stringify(claims)}`);
    const loser = claims.find((c) => !c.claimed)!;
    assert.deepEqual(loser, { claimed: false, feed: winners[0]!.feed, leasedUntil: later(round * INTERVAL + LEASE) });
    const winner = claims[0]!.claimed ? { store, by: 'A' } : { store: other, by: 'B' };
    await winner.store.recordPoll(feed.id, { state: polledAt(now), articles: [] }, now, { by: winner.by });
  }
});

storeTest('claimFeedPoll: a feed polled by another process is not due until its next poll; paused is not due; force claims either', async (store, reopen) => {
  const other = await reopen();
  const { feed } = await store.saveFeed(newFeed('https://a.example/feed'), t0);
  const first = await store.claimFeedPoll(feed.id, 'A', t0, LEASE);
  assert.equal(first.claimed, true);
  await store.recordPoll(feed.id, { state: polledAt(t0, { etag: '"v1"' }), articles: [article('a')] }, t0, { by: 'A' });

  // B still thinks the feed has never been polled: the claim refuses and hands it the stored state.
  const early = await other.claimFeedPoll(feed.id, 'B', later(1000), LEASE);
  assert.equal(early.claimed, false);
  assert.equal('leasedUntil' in early, false, 'no one polls it now');
  assert.deepEqual(early.feed?.state, polledAt(t0, { etag: '"v1"', lastNewItemAt: t0 }));
  assert.equal(early.feed?.items, 1);

  const due = await other.claimFeedPoll(feed.id, 'B', later(INTERVAL), LEASE);
  assert.equal(due.claimed, true);
  assert.equal(due.feed?.state.etag, '"v1"', 'polled from the stored validators');
  await other.recordPoll(feed.id, { state: { ...polledAt(later(INTERVAL)), paused: true, failures: 10 }, articles: [] }, later(INTERVAL), { by: 'B' });

  assert.equal((await store.claimFeedPoll(feed.id, 'A', later(10 * INTERVAL), LEASE)).claimed, false, 'paused');
  const forced = await store.claimFeedPoll(feed.id, 'A', later(INTERVAL + 1), LEASE, { force: true });
  assert.equal(forced.claimed, true, 'an operator asked for it');
  assert.equal((await other.claimFeedPoll(feed.id, 'B', later(INTERVAL + 2), LEASE, { force: true })).claimed, false, 'force does not break a live lease');
  assert.deepEqual(await store.claimFeedPoll(feed.id + 99, 'A', t0, LEASE), { claimed: false }, 'no such feed');
});

storeTest('a lease that ran out is taken over; the holder it was taken from can neither renew nor record its poll', async (store, reopen) => {
  const other = await reopen();
  const { feed } = await store.saveFeed(newFeed('https://a.example/feed'), t0);
  assert.equal((await store.claimFeedPoll(feed.id, 'A', t0, LEASE)).claimed, true);
  assert.equal(await store.renewFeedPoll(feed.id, 'A', later(LEASE / 2), LEASE), true);
  assert.equal((await other.claimFeedPoll(feed.id, 'B', later(LEASE), LEASE)).claimed, false, 'renewed: still live');

  // A hangs past its renewed lease: B takes the feed over and records a newer poll.
  const takeover = later(LEASE / 2 + LEASE);
  assert.equal((await other.claimFeedPoll(feed.id, 'B', takeover, LEASE)).claimed, true);
  assert.equal(await store.renewFeedPoll(feed.id, 'A', takeover, LEASE), false);
  const newer = polledAt(takeover, { etag: '"b"' });
  await other.recordPoll(feed.id, { state: newer, articles: [article('from-b')] }, takeover, { by: 'B' });

  // A's poll finishes at last: refused, nothing of it written.
  const stale = polledAt(t0, { etag: '"a"' });
  await assert.rejects(store.recordPoll(feed.id, { state: stale, articles: [article('from-a')] }, later(3 * LEASE), { by: 'A' }), FeedPollSupersededError);
  assert.deepEqual((await store.listFeeds())[0]!.state, { ...newer, lastNewItemAt: takeover });
  assert.deepEqual(keysOf(await store.feedArticles()), ['from-b']);
  // The lease ended with B's poll: the next due claim is anyone's.
  assert.equal((await store.claimFeedPoll(feed.id, 'A', later(3 * LEASE + INTERVAL), LEASE)).claimed, true);
});

storeTest('change numbers: a second process reads what the first stored, edited and removed, and not what it wrote itself', async (store, reopen) => {
  const other = await reopen();
  const start = await other.feedChangeNumber();
  const a = (await store.saveFeed(newFeed('https://a.example/feed'), t0)).feed;
  const b = (await store.saveFeed(newFeed('https://b.example/feed'), t0)).feed;
  await pollAs(store, 'A', a.id, t0, [article('a1'), article('a2')]);
  await pollAs(other, 'B', b.id, t0, [article('b1')]);

  const first = await other.feedChangesSince(start, { except: 'B' });
  assert.deepEqual(keysOf(first.upserted), ['a1', 'a2'], "A's articles, not B's own");
  assert.deepEqual(first.removed, []);
  assert.deepEqual(keysOf((await store.feedChangesSince(start, { except: 'A' })).upserted), ['b1']);
  assert.equal(first.through, await store.feedChangeNumber());
  assert.deepEqual(await other.feedChangesSince(first.through, { except: 'B' }), { through: first.through, upserted: [], removed: [] }, 'nothing new');

  // An unchanged poll takes no number; an edit does, and brings the new text.
  await pollAs(store, 'A', a.id, later(1), [article('a1'), article('a2')]);
  assert.equal(await store.feedChangeNumber(), first.through);
  await pollAs(store, 'A', a.id, later(2), [article('a1', { text: 'Edited.', contentHash: 'h2' }), article('a2')]);
  const edit = await other.feedChangesSince(first.through, { except: 'B' });
  assert.deepEqual(edit.upserted.map((x) => [x.key, x.text]), [['a1', 'Edited.']]);

  // Removed by A: a feed, and an article past its age; a key stored again since is not removed.
  await store.removeFeed(b.id, later(3), { by: 'A' });
  await pollAs(store, 'A', a.id, later(3), [article('a1', { text: 'Edited.', contentHash: 'h2' }), article('a2'), article('b1', { published: '2026-01-01T00:00:00Z' })]);
  await store.pruneFeedArticles(new Date('2026-02-01T00:00:00Z'), later(3), { by: 'A' });
  const removals = await other.feedChangesSince(edit.through, { except: 'B' });
  assert.deepEqual(removals.removed, ['b1']);
  assert.deepEqual(removals.upserted, [], 'b1 was stored and removed again: only its removal is left');
  assert.deepEqual(await store.feedChangesSince(edit.through, { except: 'A' }), { through: removals.through, upserted: [], removed: [] }, "A's own removals");

  await pollAs(store, 'A', a.id, later(4), [article('b1')]);
  const back = await other.feedChangesSince(edit.through, { except: 'B' });
  assert.deepEqual([keysOf(back.upserted), back.removed], [['b1'], []], 'stored again after its removal: an upsert, not a removal');

  // Removal records are pruned with the articles' age; the articles' are kept.
  await store.pruneFeedArticles(later(INTERVAL), later(INTERVAL), { by: 'A' });
  const afterPrune = await other.feedChangesSince(back.through, { except: 'B' });
  assert.deepEqual(afterPrune.removed.sort(), ['a1', 'a2', 'b1'], 'this prune removed everything, recorded after the old records were dropped');
  assert.deepEqual((await other.feedChangesSince(start, { except: 'B' })).removed.sort(), ['a1', 'a2', 'b1']);
});

storeTest('change numbers: without `except`, changes written by no named process are read too', async (store, reopen) => {
  const other = await reopen();
  const start = await other.feedChangeNumber();
  const a = (await store.saveFeed(newFeed('https://a.example/feed'), t0)).feed;
  const b = (await store.saveFeed(newFeed('https://b.example/feed'), t0)).feed;
  // No `by`: the rows carry no writer.
  await store.recordPoll(a.id, { state: polledAt(t0), articles: [article('a1')] }, t0);
  await store.recordPoll(b.id, { state: polledAt(t0), articles: [article('b1')] }, t0);
  await store.removeFeed(b.id, later(1));
  const all = await other.feedChangesSince(start);
  assert.deepEqual([keysOf(all.upserted), all.removed], [['a1'], ['b1']]);
  const exceptB = await other.feedChangesSince(start, { except: 'B' });
  assert.deepEqual([keysOf(exceptB.upserted), exceptB.removed], [['a1'], ['b1']], 'a row with no writer is not the excepted writer\'s');
});

storeTest('removal records: kept by the app\'s clock, which pruning compares them with, not the database\'s', async (store, reopen) => {
  const other = await reopen();
  const start = await other.feedChangeNumber();
  // The app's clock is months behind the database's here (t0 is in 2026-06).
  const a = (await store.saveFeed(newFeed('https://a.example/feed'), t0)).feed;
  await pollAs(store, 'A', a.id, t0, [article('a1')]);
  await store.removeFeed(a.id, later(1), { by: 'A' });
  await store.pruneFeedArticles(later(-INTERVAL), later(2), { by: 'A' });
  assert.deepEqual((await other.feedChangesSince(start, { except: 'B' })).removed, ['a1'], 'a record newer than the cutoff stays');
  await store.pruneFeedArticles(later(INTERVAL), later(INTERVAL), { by: 'A' });
  assert.deepEqual((await other.feedChangesSince(start, { except: 'B' })).removed, [], 'one older than the cutoff, by the same clock, goes');
});

storeTest('change numbers: a process following the mark while two others write at once misses no change', async (store, reopen) => {
  const other = await reopen();
  const reader = await reopen();
  const a = (await store.saveFeed(newFeed('https://a.example/feed'), t0)).feed;
  const b = (await other.saveFeed(newFeed('https://b.example/feed'), t0)).feed;
  const view = new Map<string, string>();
  let mark = await reader.feedChangeNumber();
  const follow = async () => {
    const changes = await reader.feedChangesSince(mark);
    for (const x of changes.upserted) view.set(x.key, x.contentHash);
    for (const key of changes.removed) view.delete(key);
    mark = changes.through;
  };
  /** Each poll brings a new article and edits the one before it. */
  const writer = async (s: DigestStore, by: string, feedId: number) => {
    for (let i = 1; i <= 40; i++) {
      await pollAs(s, by, feedId, later(i), [article(`${by}${i - 1}`, { contentHash: `edited-${i}` }), article(`${by}${i}`)]);
    }
  };
  let writing = true;
  const following = (async () => {
    while (writing) await follow();
  })();
  await Promise.all([writer(store, 'A', a.id), writer(other, 'B', b.id)]);
  writing = false;
  await following;
  await follow();
  const stored = new Map((await store.feedArticles()).map((x) => [x.key, x.contentHash]));
  assert.equal(stored.size, 82);
  assert.deepEqual(new Map([...view].sort()), new Map([...stored].sort()));
});
