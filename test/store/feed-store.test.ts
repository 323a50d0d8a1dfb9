import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { FeedArticleInput, FeedState, NewFeed } from '../../src/store/feed-types.ts';
import { PG_MIGRATIONS } from '../../src/store/postgres/migrations.ts';
import { PgStore } from '../../src/store/postgres/pg-store.ts';
import { LATEST_VERSION, MIGRATIONS } from '../../src/store/sqlite/migrations.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import type { DigestStore } from '../../src/store/types.ts';
import { storeTest } from './contract.ts';
import { schemaForTest } from './pg-database.ts';
import { tempDb } from './temp-db.ts';

const at = (hhmm: string, date = '2026-06-10') => new Date(`${date}T${hhmm}:00Z`);
const t0 = at('05:00');
const t1 = at('06:00');
const t2 = at('07:00');
const QUIET: FeedState = { failures: 0, paused: false };

const newFeed = (url: string, extra: Partial<NewFeed> = {}): NewFeed => ({ url, intervalMs: 600_000, fullText: 'auto', origin: 'config', ...extra });

const article = (key: string, extra: Partial<FeedArticleInput> = {}): FeedArticleInput => ({
  key,
  itemId: `guid-${key}`,
  title: `Title ${key}`,
  outlet: 'Pajhwok',
  text: `Text of ${key}.`,
  contentHash: `hash-${key}`,
  ...extra,
});

const keysOf = (list: readonly { key: string }[]) => list.map((a) => a.key);

/** A quiet successful poll that brought these articles. */
const poll = (store: DigestStore, feedId: number, now: Date, articles: FeedArticleInput[]) => store.recordPoll(feedId, { state: QUIET, articles }, now);

storeTest('feeds: added, updated in place by exact URL, and a paused feed resumed', async (store) => {
  const first = await store.saveFeed(newFeed('https://a.example/feed', { name: 'Outlet A' }), t0);
  assert.equal(first.created, true);
  assert.deepEqual(first.feed, {
    id: first.feed.id,
    url: 'https://a.example/feed',
    name: 'Outlet A',
    intervalMs: 600_000,
    fullText: 'auto',
    origin: 'config',
    addedAt: t0,
    state: QUIET,
    items: 0,
  });

  const updated = await store.saveFeed(newFeed('https://a.example/feed', { intervalMs: 60_000, fullText: 'never', origin: 'chat', addedBy: 'discord:U1' }), t1);
  assert.equal(updated.created, false);
  assert.equal(updated.feed.id, first.feed.id);
  assert.equal('name' in updated.feed, false, 'a name dropped from the file is dropped from the feed');
  assert.deepEqual([updated.feed.intervalMs, updated.feed.fullText, updated.feed.origin], [60_000, 'never', 'chat']);
  assert.equal(updated.feed.addedAt.toISOString(), t0.toISOString(), 'still the feed first added');
  assert.equal('addedBy' in updated.feed, false);

  const slash = await store.saveFeed(newFeed('https://a.example/feed/'), t1);
  assert.equal(slash.created, true, 'URLs are compared as given');
  assert.notEqual(slash.feed.id, first.feed.id);

  const failing: FeedState = { etag: '"v1"', nextPollAt: at('12:00'), failures: 5, paused: true, lastError: 'HTTP 503' };
  await store.recordPoll(first.feed.id, { state: failing, articles: [] }, t1);
  const notResumed = await store.saveFeed(newFeed('https://a.example/feed'), t2);
  assert.deepEqual(notResumed.feed.state, failing, 'a plain update leaves the poll state alone');

  const resumed = await store.saveFeed(newFeed('https://a.example/feed'), t2, { resume: true });
  assert.equal(resumed.created, false);
  assert.deepEqual(resumed.feed.state, { etag: '"v1"', nextPollAt: t2, failures: 0, paused: false });
});

storeTest('feeds: listed by id, each with the number of articles it stored', async (store) => {
  const a = (await store.saveFeed(newFeed('https://a.example/feed'), t0)).feed;
  const b = (await store.saveFeed(newFeed('https://b.example/feed'), t0)).feed;
  const c = (await store.saveFeed(newFeed('https://c.example/feed'), t0)).feed;
  await poll(store, a.id, t1, [article('a1'), article('a2')]);
  await poll(store, c.id, t1, [article('c1')]);
  const listed = await store.listFeeds();
  assert.deepEqual(listed.map((f) => [f.id, f.url, f.items]), [[a.id, a.url, 2], [b.id, b.url, 0], [c.id, c.url, 1]]);
  const again = await store.saveFeed(newFeed(a.url), t2);
  assert.equal(again.feed.items, 2, 'saveFeed counts too');
});

storeTest('recordPoll: new keys added, an edited one changed (first seen kept), an unchanged one left alone', async (store) => {
  const { feed } = await store.saveFeed(newFeed('https://a.example/feed'), t0);
  const a = article('a', { link: 'https://a.example/a', published: '2026-06-10T04:00:00Z' });
  const first = await poll(store, feed.id, t1, [a, article('b')]);
  assert.deepEqual(keysOf(first.added), ['a', 'b']);
  assert.deepEqual(first.changed, []);
  assert.deepEqual(first.added[0], { ...a, feedId: feed.id, firstSeenAt: t1, updatedAt: t1 });
  assert.equal('link' in first.added[1]!, false);
  assert.equal('published' in first.added[1]!, false);

  const editedB = article('b', { title: 'Title b, corrected', text: 'New text.', contentHash: 'hash-b2', link: 'https://a.example/b' });
  const second = await poll(store, feed.id, t2, [a, editedB, article('c')]);
  assert.deepEqual(keysOf(second.added), ['c']);
  assert.deepEqual(second.changed, [{ ...editedB, feedId: feed.id, firstSeenAt: t1, updatedAt: t2 }]);

  const lastNew = async () => (await store.listFeeds())[0]!.state.lastNewItemAt?.toISOString();
  assert.equal(await lastNew(), t2.toISOString(), 'set by the poll that added c');
  const third = await poll(store, feed.id, at('08:00'), [a, editedB, article('c')]);
  assert.deepEqual(third, { added: [], changed: [] });

  const stored = await store.feedArticles();
  assert.deepEqual(keysOf(stored), ['a', 'b', 'c'], 'oldest first, then by key');
  assert.equal(stored[0]!.updatedAt.toISOString(), t1.toISOString(), 'the unchanged article was not rewritten');
  assert.equal(stored[1]!.title, 'Title b, corrected');

  const undated = article('a', { contentHash: 'hash-a2' });
  const dropped = await poll(store, feed.id, at('09:00'), [undated]);
  assert.equal(await lastNew(), undefined, 'an edit is not a new item: the state written is kept as given');
  assert.equal('link' in dropped.changed[0]!, false, 'an edit can drop the link');
  assert.equal('published' in dropped.changed[0]!, false);
});

storeTest('recordPoll: a key listed twice in one poll is reported once, with its last content', async (store) => {
  const { feed } = await store.saveFeed(newFeed('https://a.example/feed'), t0);
  const second = article('x', { title: 'second', contentHash: 'hash-x2' });
  const result = await poll(store, feed.id, t1, [article('x'), second]);
  assert.deepEqual(result, { added: [{ ...second, feedId: feed.id, firstSeenAt: t1, updatedAt: t1 }], changed: [] });
});

storeTest('recordPoll: one key from two feeds is one article, kept by the feed that last stored it', async (store) => {
  const a = (await store.saveFeed(newFeed('https://a.example/feed'), t0)).feed;
  const b = (await store.saveFeed(newFeed('https://b.example/feed'), t0)).feed;
  const story = article('https://news.example/story');
  assert.deepEqual(keysOf((await poll(store, a.id, t1, [story])).added), [story.key]);
  assert.deepEqual(await poll(store, b.id, t1, [story]), { added: [], changed: [] });
  assert.deepEqual((await store.feedArticles()).map((x) => [x.key, x.feedId]), [[story.key, a.id]]);

  const edited = { ...story, itemId: 'b-guid', contentHash: 'hash-edited' };
  const result = await poll(store, b.id, t2, [edited]);
  assert.deepEqual(result.changed, [{ ...edited, feedId: b.id, firstSeenAt: t1, updatedAt: t2 }]);
  assert.deepEqual((await store.listFeeds()).map((f) => f.items), [0, 1]);
});

storeTest('feed state: every field round-trips, Dates included, and cleared fields come back absent', async (store) => {
  const { feed } = await store.saveFeed(newFeed('https://a.example/feed'), t0);
  const full: FeedState = {
    title: 'A Feed',
    etag: 'W/"abc"',
    lastModified: 'Wed, 10 Jun 2026 05:59:00 GMT',
    lastFetchAt: at('06:00'),
    lastSuccessAt: at('05:30'),
    lastNewItemAt: new Date('2026-06-09T23:59:59.123Z'),
    nextPollAt: at('06:10'),
    failures: 2,
    paused: true,
    lastError: 'timeout after 30 s',
  };
  await store.recordPoll(feed.id, { state: full, articles: [] }, t1);
  const [saved] = await store.listFeeds();
  assert.deepEqual(saved!.state, full);
  assert.ok(saved!.state.lastNewItemAt instanceof Date);

  await store.recordPoll(feed.id, { state: QUIET, articles: [] }, t2);
  assert.deepEqual((await store.listFeeds())[0]!.state, QUIET, 'the whole state is written, not merged');
});

storeTest('recordPoll is all or nothing: a failing article or an unknown feed leaves everything as it was', async (store) => {
  const { feed } = await store.saveFeed(newFeed('https://a.example/feed'), t0);
  // lastNewItemAt is t1 either way: the store sets it when a poll adds an item.
  const before: FeedState = { etag: '"v1"', lastSuccessAt: t1, lastNewItemAt: t1, failures: 0, paused: false };
  await store.recordPoll(feed.id, { state: before, articles: [article('a')] }, t1);

  // A title the parser failed to fill: the table's NOT NULL refuses it after the state and the
  // first article were already written in the same transaction.
  const broken = { ...article('c'), title: null } as unknown as FeedArticleInput;
  const after: FeedState = { etag: '"v2"', lastSuccessAt: t2, lastNewItemAt: t2, failures: 0, paused: false };
  await assert.rejects(store.recordPoll(feed.id, { state: after, articles: [article('b'), broken] }, t2), /NOT NULL|not-null/);
  const [unchanged] = await store.listFeeds();
  assert.deepEqual(unchanged!.state, before);
  assert.equal(unchanged!.items, 1);
  assert.deepEqual(keysOf(await store.feedArticles()), ['a']);

  await assert.rejects(store.recordPoll(feed.id + 1000, { state: after, articles: [article('d')] }, t2), /no such feed/);
  assert.deepEqual(keysOf(await store.feedArticles()), ['a']);
  assert.deepEqual((await store.listFeeds())[0]!.state, before);
});

storeTest('feeds, their state and their articles survive a reopen', async (store, reopen) => {
  const { feed } = await store.saveFeed(newFeed('https://a.example/feed', { origin: 'chat', addedBy: 'slack:U9', name: 'A' }), t0);
  const state: FeedState = { title: 'A', etag: '"e"', lastFetchAt: t1, lastNewItemAt: t1, nextPollAt: t2, failures: 1, paused: false, lastError: 'HTTP 500' };
  await store.recordPoll(feed.id, { state, articles: [article('a', { published: '2026-06-10T01:00:00+02:00' }), article('b')] }, t1);
  const listed = await store.listFeeds();
  const articles = await store.feedArticles();
  await store.close();

  const again = await reopen();
  assert.deepEqual(await again.listFeeds(), listed);
  assert.deepEqual(await again.feedArticles(), articles);
  assert.equal(listed[0]!.addedBy, 'slack:U9');
  assert.deepEqual(listed[0]!.state, state);
});

test('sqlite migration: a file at schema version 1 gains the feed tables and keeps its subscriptions', async () => {
  const { path, cleanup } = tempDb();
  try {
    mkdirSync(dirname(path), { recursive: true });
    const v1 = new Database(path);
    v1.exec(MIGRATIONS.find((m) => m.version === 1)!.sql);
    v1.exec('CREATE TABLE schema_version (version INTEGER NOT NULL, opens INTEGER NOT NULL); INSERT INTO schema_version VALUES (1, 3)');
    v1.prepare(
      `INSERT INTO subscriptions (platform, channel, topic, topic_key, time, time_zone, created_by, created_at, updated_at)
       VALUES ('discord', 'C1', 'Ghazni', 'ghazni', '08:00', 'Europe/Berlin', 'U1', ?, ?)`,
    ).run(t0.getTime(), t0.getTime());
    v1.close();

    const store = SqliteStore.open(path);
    try {
      const [sub] = await store.allSubscriptions();
      assert.deepEqual([sub?.platform, sub?.channel, sub?.topic, sub?.time, sub?.createdBy], ['discord', 'C1', 'Ghazni', '08:00', 'U1']);
      const { feed } = await store.saveFeed(newFeed('https://a.example/feed'), t1);
      await poll(store, feed.id, t1, [article('a')]);
      assert.deepEqual(keysOf(await store.feedArticles()), ['a']);
    } finally {
      await store.close();
    }
    const db = new Database(path, { readonly: true });
    assert.equal(LATEST_VERSION, 3);
    assert.deepEqual(db.prepare('SELECT version, opens FROM schema_version').all(), [{ version: 3, opens: 4 }]);
    db.close();
  } finally {
    cleanup();
  }
});

// A feed and two articles as a schema before leases and change numbers held them (same columns
// in both dialects; a PostgreSQL BOOLEAN takes 'false').
const OLD_FEED = `INSERT INTO feeds (url, interval_ms, full_text, origin, added_at, etag, last_success_at, next_poll_at, failures, paused)
  VALUES ('https://a.example/feed', 600000, 'auto', 'config', ${t0.getTime()}, '"e1"', ${t0.getTime()}, ${t1.getTime()}, 0, 'false')`;
const OLD_ARTICLES = `INSERT INTO feed_articles (key, feed_id, item_id, title, outlet, text, content_hash, first_seen_at, updated_at) VALUES
  ${['a1', 'a2'].map((k) => `('${k}', 1, 'guid-${k}', 'Title ${k}', 'Pajhwok', 'Text of ${k}.', 'hash-${k}', ${t0.getTime()}, ${t0.getTime()})`).join(', ')}`;

/** What a store opened on that older schema must show: the feed and articles kept, and leases and change numbers working on them. */
async function keptThroughMigration(store: DigestStore): Promise<void> {
  const [feed] = await store.listFeeds();
  assert.deepEqual([feed?.url, feed?.items, feed?.state.etag, feed?.state.nextPollAt, feed?.state.paused], ['https://a.example/feed', 2, '"e1"', t1, false]);
  assert.deepEqual((await store.feedArticles()).map((a) => [a.key, a.text]), [['a1', 'Text of a1.'], ['a2', 'Text of a2.']]);
  // Stored before change numbers: number 0, which every process loads at start, so none is handed round again.
  assert.equal(await store.feedChangeNumber(), 0);
  assert.deepEqual(await store.feedChangesSince(0), { through: 0, upserted: [], removed: [] });
  assert.equal((await store.claimFeedPoll(feed!.id, 'A', t1, 60_000)).claimed, true);
  await store.recordPoll(feed!.id, { state: QUIET, articles: [article('a1', { text: 'Edited.', contentHash: 'h2' }), article('a2')] }, t1, { by: 'A' });
  const edited = await store.feedChangesSince(0);
  assert.deepEqual(edited.upserted.map((a) => [a.key, a.text]), [['a1', 'Edited.']], 'an old article edited takes a number; an unchanged one does not');
  assert.deepEqual(await store.removeFeed(feed!.id, t2), { removedArticles: ['a1', 'a2'] });
  assert.deepEqual((await store.feedChangesSince(edited.through)).removed, ['a1', 'a2']);
}

test('sqlite migration: a file at schema version 2 with feeds and articles keeps them at version 3', async () => {
  const { path, cleanup } = tempDb();
  try {
    mkdirSync(dirname(path), { recursive: true });
    const v2 = new Database(path);
    for (const m of MIGRATIONS.filter((m) => m.version <= 2)) v2.exec(m.sql);
    v2.exec('CREATE TABLE schema_version (version INTEGER NOT NULL, opens INTEGER NOT NULL); INSERT INTO schema_version VALUES (2, 5)');
    v2.exec(OLD_FEED.replace("'false'", '0'));
    v2.exec(OLD_ARTICLES);
    v2.close();
    const store = SqliteStore.open(path);
    try {
      await keptThroughMigration(store);
    } finally {
      await store.close();
    }
    const db = new Database(path, { readonly: true });
    assert.deepEqual(db.prepare('SELECT version, opens FROM schema_version').all(), [{ version: 3, opens: 6 }]);
    db.close();
  } finally {
    cleanup();
  }
});

test('postgres migration: a schema at version 1 with feeds and articles keeps them at version 2', async (t) => {
  const db = await schemaForTest(t);
  if (!db) return;
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await client.query(PG_MIGRATIONS.find((m) => m.version === 1)!.sql);
    await client.query('CREATE TABLE schema_version (version INTEGER NOT NULL, opens INTEGER NOT NULL); INSERT INTO schema_version VALUES (1, 5)');
    await client.query(OLD_FEED);
    await client.query(OLD_ARTICLES);
  } finally {
    await client.end();
  }
  const store = await PgStore.open(db.url);
  try {
    await keptThroughMigration(store);
  } finally {
    await store.close();
  }
});

storeTest('pruneFeedArticles: by published date as an instant (offsets included), else by first seen', async (store) => {
  const { feed } = await store.saveFeed(newFeed('https://a.example/feed'), t0);
  const cutoff = new Date('2026-06-09T22:00:00Z');
  // First seen long before the cutoff.
  await poll(store, feed.id, new Date('2026-06-01T00:00:00Z'), [
    article('undated-old'),
    article('unparsable-old', { published: 'last Tuesday' }),
    article('published-new-seen-old', { published: '2026-06-10T00:00:00Z' }),
    // 20:00 in New York is 01:00 UTC the next day: after the cutoff, though its text sorts before it.
    article('offset-after', { published: '2026-06-09T20:00:00-05:00' }),
  ]);
  // First seen after the cutoff.
  await poll(store, feed.id, t1, [
    article('undated-new'),
    article('published-old-seen-new', { published: '2026-05-01T12:00:00Z' }),
    // 01:00 at UTC+5 is 20:00 UTC the day before: before the cutoff, though its text sorts after it.
    article('offset-before', { published: '2026-06-10T01:00:00+05:00' }),
  ]);

  assert.deepEqual(await store.pruneFeedArticles(cutoff, t2), ['offset-before', 'published-old-seen-new', 'undated-old', 'unparsable-old']);
  assert.deepEqual(keysOf(await store.feedArticles()).sort(), ['offset-after', 'published-new-seen-old', 'undated-new']);
  assert.equal((await store.listFeeds())[0]!.items, 3);
  assert.deepEqual(await store.pruneFeedArticles(cutoff, t2), [], 'nothing left to prune');
});

storeTest('removeFeed: returns the keys of its articles and deletes them with the feed; null for an unknown id', async (store) => {
  const a = (await store.saveFeed(newFeed('https://a.example/feed'), t0)).feed;
  const b = (await store.saveFeed(newFeed('https://b.example/feed'), t0)).feed;
  await poll(store, a.id, t1, [article('a2'), article('a1')]);
  await poll(store, b.id, t1, [article('b1')]);

  assert.deepEqual(await store.removeFeed(a.id, t2), { removedArticles: ['a1', 'a2'] });
  assert.deepEqual(keysOf(await store.feedArticles()), ['b1']);
  assert.deepEqual((await store.listFeeds()).map((f) => f.id), [b.id]);
  assert.equal(await store.removeFeed(a.id, t2), null);
  assert.deepEqual(await store.removeFeed(b.id, t2), { removedArticles: ['b1'] });

  const readded = await store.saveFeed(newFeed(a.url), t2);
  assert.equal(readded.created, true);
  assert.ok(readded.feed.id > b.id, 'a removed feed id is never reused');
});
