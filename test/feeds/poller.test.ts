import { test, type TestContext } from 'node:test';
import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { FeedPoller, type FeedPollerOptions } from '../../src/feeds/poller.ts';
import type { FeedRecord, NewFeed } from '../../src/store/feed-types.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { captureLogs, ERROR, WARN } from '../helpers/log-capture.ts';
import { tempDb } from '../store/temp-db.ts';
import { feedServer, type NewsItem } from './feed-server.ts';

const MIN = 60_000;
const T0 = Date.parse('2026-06-10T08:00:00Z');
const INTERVAL = 10 * MIN;
const story = (n: number, text = `Body of story ${n}.`): NewsItem => ({ guid: `story-${n}`, title: `Story ${n}`, text });

function openStore(t: TestContext, path?: string): { store: SqliteStore; path: string } {
  const db = path ? { path, cleanup: () => {} } : tempDb();
  const store = SqliteStore.open(db.path);
  t.after(async () => {
    await store.close();
    db.cleanup();
  });
  return { store, path: db.path };
}

/** A poller on a clock the test moves (or the real one), its logs and what it handed on. */
function makePoller(t: TestContext, store: SqliteStore, { realClock, ...over }: Partial<FeedPollerOptions> & { realClock?: boolean } = {}) {
  let nowMs = T0;
  const { logger, lines } = captureLogs();
  const batches: Array<{ feed: string; added: string[]; changed: Array<{ key: string; text: string }> }> = [];
  const poller = new FeedPoller({
    store,
    fetchOptions: { policy: { allowPrivate: true }, limits: { responseTimeoutMs: 10_000, connectTimeoutMs: 5_000 } },
    maxFailures: 10,
    concurrency: 4,
    perHost: 2,
    leaseMs: 60_000,
    onArticles: (changes, feed) => {
      batches.push({ feed: feed.url, added: changes.added.map((a) => a.key), changed: changes.changed.map((a) => ({ key: a.key, text: a.text })) });
    },
    logger,
    random: () => 0,
    ...(realClock ? {} : { now: () => new Date(nowMs) }),
    ...over,
  });
  // Stopped before the store closes (hooks run in order).
  t.after(() => poller.stop());
  return { poller, lines, batches, advance: (ms: number) => (nowMs += ms), at: () => nowMs };
}

const follow = async (store: SqliteStore, url: string, extra: Partial<NewFeed> = {}) =>
  (await store.saveFeed({ url, intervalMs: INTERVAL, fullText: 'never', origin: 'config', ...extra }, new Date(T0))).feed;

const stateOf = async (store: SqliteStore, id: number) => (await store.listFeeds()).find((f) => f.id === id)!.state;
const waitFor = async (what: string, done: () => boolean, ms = 20_000) => {
  const until = Date.now() + ms;
  while (!done()) {
    if (Date.now() > until) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

test('poller: the first poll stores the items and hands them on; the next gets a 304 and stores nothing; an edited item is changed', async (t) => {
  const server = await feedServer(t);
  const { url, route } = server.route('/wire.xml', { title: 'Example Wire', items: [story(1), story(2)] });
  const { store } = openStore(t);
  const feed = await follow(store, url);
  const { poller, batches, advance, at } = makePoller(t, store);
  await poller.refresh();

  assert.deepEqual(await poller.pollDue(), [{ status: 'ok', title: 'Example Wire', items: 2, added: 2, changed: 0 }]);
  assert.deepEqual(batches, [{ feed: url, added: ['https://news.example.com/story-1', 'https://news.example.com/story-2'], changed: [] }]);
  assert.deepEqual((await store.feedArticles()).map((a) => [a.title, a.outlet, a.text]), [
    ['Story 1', 'Example Wire', 'Body of story 1.'],
    ['Story 2', 'Example Wire', 'Body of story 2.'],
  ]);
  const first = await stateOf(store, feed.id);
  assert.equal(first.title, 'Example Wire');
  assert.match(first.etag ?? '', /^"[0-9a-f]{16}"$/);
  assert.deepEqual([first.lastFetchAt?.getTime(), first.lastSuccessAt?.getTime(), first.lastNewItemAt?.getTime()], [at(), at(), at()]);
  assert.equal(first.nextPollAt?.getTime(), at() + INTERVAL);
  assert.deepEqual(await poller.pollDue(), [], 'not due before its interval');

  advance(INTERVAL);
  assert.deepEqual(await poller.pollDue(), [{ status: 'not-modified' }]);
  assert.equal(server.hits.at(-1)!.headers['if-none-match'], first.etag);
  assert.equal(batches.length, 1);
  assert.equal((await store.feedArticles()).length, 2);
  const unchanged = await stateOf(store, feed.id);
  assert.equal(unchanged.etag, first.etag);
  assert.equal(unchanged.lastNewItemAt?.getTime(), T0, 'nothing new');

  route.items[1] = story(2, 'Body of story 2, corrected.');
  advance(INTERVAL);
  assert.deepEqual(await poller.pollDue(), [{ status: 'ok', title: 'Example Wire', items: 2, added: 0, changed: 1 }]);
  assert.deepEqual(batches[1], { feed: url, added: [], changed: [{ key: 'https://news.example.com/story-2', text: 'Body of story 2, corrected.' }] });
  assert.equal((await store.feedArticles()).length, 2);
  assert.equal((await stateOf(store, feed.id)).lastNewItemAt?.getTime(), T0, 'an edit is not a new item');
});

test('poller: 500s count as failures and back off, each logged at warn without a stack; a success resets them', async (t) => {
  const server = await feedServer(t);
  const { url, route } = server.route('/flaky.xml', { items: [story(1)], failures: [{ status: 500 }, { status: 500 }, { status: 500 }] });
  const { store } = openStore(t);
  const feed = await follow(store, url);
  const { poller, lines, advance, at } = makePoller(t, store);
  await poller.refresh();

  const waits: number[] = [];
  for (let i = 1; i <= 3; i++) {
    assert.deepEqual(await poller.pollDue(), [{ status: 'error', reason: 'HTTP 500 Internal Server Error', paused: false }]);
    const s = await stateOf(store, feed.id);
    assert.deepEqual([s.failures, s.lastError, s.paused], [i, 'HTTP 500 Internal Server Error', false]);
    waits.push(s.nextPollAt!.getTime() - at());
    advance(s.nextPollAt!.getTime() - at());
  }
  assert.deepEqual(waits, [INTERVAL, 2 * INTERVAL, 4 * INTERVAL]);
  const warnings = lines.filter((l) => l.level === WARN);
  assert.equal(warnings.length, 3);
  for (const w of warnings) {
    assert.deepEqual([w.msg, w.feed, w.reason], ['feed poll failed', url, 'HTTP 500 Internal Server Error']);
    assert.equal(JSON.stringify(w).includes('stack'), false);
  }

  assert.equal((await poller.pollDue())[0]!.status, 'ok');
  const healed = await stateOf(store, feed.id);
  assert.deepEqual([healed.failures, healed.lastError, healed.nextPollAt!.getTime() - at()], [0, undefined, INTERVAL]);
  assert.equal(route.failures.length, 0);
});

test('poller: paused after maxFailures, logged once; not polled again until /feed add resumes it', async (t) => {
  const server = await feedServer(t);
  const { url, route } = server.route('/down.xml', { items: [story(1)], failures: Array.from({ length: 3 }, () => ({ status: 503 })) });
  const { store } = openStore(t);
  const feed = await follow(store, url);
  const { poller, lines, advance } = makePoller(t, store, { maxFailures: 3 });
  await poller.refresh();

  const reports = [];
  for (let i = 0; i < 3; i++) {
    reports.push(...(await poller.pollDue()));
    advance(24 * 60 * MIN);
  }
  assert.deepEqual(reports.map((r) => r.status === 'error' && r.paused), [false, false, true]);
  assert.deepEqual(await poller.pollDue(), [], 'a paused feed is not polled');
  assert.equal(server.hits.length, 3);
  const state = await stateOf(store, feed.id);
  assert.deepEqual([state.paused, state.failures], [true, 3]);
  const pauses = lines.filter((l) => l.level === WARN && /paused/.test(l.msg ?? ''));
  assert.deepEqual(pauses.map((l) => l.msg), [`feed paused after 3 failures; /feed add ${url} resumes it`]);

  route.failures.length = 0;
  const { feed: resumed } = await store.saveFeed({ url, intervalMs: INTERVAL, fullText: 'never', origin: 'chat' }, new Date(T0), { resume: true });
  assert.equal(resumed.state.paused, false);
  assert.deepEqual(await poller.pollNow(feed.id), { status: 'ok', title: 'Feed /down.xml', items: 1, added: 1, changed: 0 });
  assert.deepEqual([(await stateOf(store, feed.id)).paused, (await stateOf(store, feed.id)).failures], [false, 0]);
  assert.deepEqual(await poller.pollNow(9999), { status: 'unknown-feed' });
});

test('poller: a 429 with Retry-After waits at least that long', async (t) => {
  const server = await feedServer(t);
  const { url } = server.route('/busy.xml', { failures: [{ status: 429, headers: { 'retry-after': '7200' } }] });
  const { store } = openStore(t);
  const feed = await follow(store, url);
  const { poller, at } = makePoller(t, store);
  await poller.refresh();
  assert.deepEqual(await poller.pollDue(), [{ status: 'error', reason: 'HTTP 429 Too Many Requests', paused: false }]);
  const s = await stateOf(store, feed.id);
  assert.deepEqual([s.failures, s.nextPollAt!.getTime() - at()], [1, 2 * 60 * MIN]);
});

test('poller: per host at most perHost fetches at once, and a slow host does not hold up another', async (t) => {
  const slow = await feedServer(t);
  const fast = await feedServer(t, '127.0.0.2');
  const { store } = openStore(t);
  for (const path of ['/a.xml', '/b.xml']) await follow(store, slow.route(path, { items: [story(1)], delayMs: 1_500 }).url);
  await follow(store, fast.route('/c.xml', { items: [story(2)] }).url);
  const { poller } = makePoller(t, store, { perHost: 1, concurrency: 4 });
  await poller.refresh();
  const round = poller.pollDue();
  await waitFor('the fast host to be asked', () => fast.hits.length > 0);
  const slowAskedBeforeFast = slow.hits.length;
  const reports = await round;
  assert.deepEqual(reports.map((r) => r.status), ['ok', 'ok', 'ok']);
  assert.equal(slow.hits.length, 2);
  assert.equal(slow.concurrency().max, 1, 'the two feeds of one host were fetched one after the other');
  assert.ok(slowAskedBeforeFast < 2, 'the other host did not wait for the slow one\'s second feed');
});

test('poller: at most `concurrency` fetches at once overall', async (t) => {
  const server = await feedServer(t);
  const { store } = openStore(t);
  for (let i = 0; i < 5; i++) await follow(store, server.route(`/f${i}.xml`, { items: [story(i)], delayMs: 300 }).url);
  const { poller, batches } = makePoller(t, store, { perHost: 10, concurrency: 2 });
  await poller.refresh();
  const reports = await poller.pollDue();
  assert.deepEqual(reports.map((r) => r.status), ['ok', 'ok', 'ok', 'ok', 'ok']);
  assert.equal(server.concurrency().max, 2);
  assert.equal(batches.length, 5);
});

test('poller: start() polls by itself, again after the interval with the stored ETag; stop() ends the loop', async (t) => {
  const server = await feedServer(t);
  const { url } = server.route('/live.xml', { items: [story(1)] });
  const { store } = openStore(t);
  await follow(store, url, { intervalMs: 1_000 });
  const { poller, batches } = makePoller(t, store, { realClock: true });
  await poller.start();
  await waitFor('two polls', () => server.hits.length >= 2);
  await poller.stop();
  assert.equal(server.hits[0]!.headers['if-none-match'], undefined);
  assert.match(server.hits[1]!.headers['if-none-match'] ?? '', /^"/);
  assert.equal(batches.length, 1);
  const hits = server.hits.length;
  await new Promise((r) => setTimeout(r, 1_500));
  assert.equal(server.hits.length, hits, 'no poll after stop()');
});

test('poller: stop() during a fetch that never ends resolves, records nothing and leaves no timer', async (t) => {
  const server = await feedServer(t);
  const { url } = server.route('/stuck.xml', { hold: true });
  const { store } = openStore(t);
  const feed = await follow(store, url);
  const { poller, lines } = makePoller(t, store, { realClock: true, fetchOptions: { policy: { allowPrivate: true }, limits: { responseTimeoutMs: 120_000 } } });
  const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
  const before = timers();
  await poller.start();
  await waitFor('the request', () => server.concurrency().now === 1);
  const started = Date.now();
  await poller.stop();
  assert.ok(Date.now() - started < 30_000, 'stop() did not wait out the two-minute timeout');
  assert.ok(timers() <= before, `timers left: ${timers()} (before ${before})`);
  const state = await stateOf(store, feed.id);
  assert.deepEqual([state.failures, state.lastFetchAt], [0, undefined], 'stopping is not a failure of the feed');
  assert.equal(lines.filter((l) => l.level >= WARN).length, 0);
});

test('poller: a restarted poller on the same store file asks with the stored ETag and ingests nothing again', async (t) => {
  const server = await feedServer(t);
  const { url, route } = server.route('/wire.xml', { items: [story(1), story(2)] });
  const first = openStore(t);
  const feed = await follow(first.store, url);
  const before = makePoller(t, first.store);
  await before.poller.refresh();
  await before.poller.pollDue();
  await before.poller.stop();
  await first.store.close();

  const { store } = openStore(t, first.path);
  const after = makePoller(t, store);
  await after.poller.start();
  assert.deepEqual(await after.poller.pollDue(), []);
  assert.equal(server.hits.length, 1, 'not due yet: the schedule survived the restart');

  after.advance(INTERVAL);
  assert.deepEqual(await after.poller.pollDue(), [{ status: 'not-modified' }]);
  assert.equal(server.hits.at(-1)!.headers['if-none-match'], (await stateOf(store, feed.id)).etag);
  // A server that ignores the ETag: the same items are recognised in the store.
  route.conditional = false;
  after.advance(INTERVAL);
  assert.deepEqual(await after.poller.pollDue(), [{ status: 'ok', title: 'Feed /wire.xml', items: 2, added: 0, changed: 0 }]);
  assert.equal(after.batches.length, 0);
  assert.equal((await store.feedArticles()).length, 2);
});

test('poller: a failing feed and a failing onArticles do not stop the others', async (t) => {
  const server = await feedServer(t);
  const { store } = openStore(t);
  const good = await follow(store, server.route('/good.xml', { items: [story(1)] }).url);
  await follow(store, `${server.url}/nothing-here.xml`);
  const { poller, lines } = makePoller(t, store, {
    onArticles: () => {
      throw new Error('corpus busy');
    },
  });
  await poller.refresh();
  const reports = await poller.pollDue();
  assert.deepEqual(reports.map((r) => r.status).sort(), ['error', 'ok']);
  assert.equal((await stateOf(store, good.id)).failures, 0);
  assert.equal((await store.feedArticles()).length, 1, 'stored even though the hand-over failed');
  assert.ok(lines.some((l) => l.msg === 'could not hand new feed articles to the corpus'));
});

test('poller: a store write that fails for one feed is logged at error with that feed\'s URL; the others are stored', async (t) => {
  const server = await feedServer(t);
  const { store, path } = openStore(t);
  const broken = await follow(store, server.route('/broken.xml', { items: [story(1)] }).url);
  const good = await follow(store, server.route('/good.xml', { items: [story(2)] }).url);
  // The real file refuses this one feed's poll record, as a constraint or a full disk would.
  const raw = new Database(path);
  raw.exec(`CREATE TRIGGER refuse BEFORE UPDATE OF last_fetch_at ON feeds WHEN NEW.id = ${broken.id} BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`);
  raw.close();
  const { poller, lines } = makePoller(t, store);
  await poller.refresh();
  const reports = await poller.pollDue();
  assert.deepEqual(reports.map((r) => r.status).sort(), ['not-recorded', 'ok']);
  assert.equal((await store.feedArticles()).length, 1);
  assert.ok((await stateOf(store, good.id)).lastSuccessAt, 'the other feed was stored');
  const failed = lines.filter((l) => l.level >= WARN);
  assert.deepEqual(failed.map((l) => [l.level, l.msg, l.feed]), [[ERROR, 'could not store a feed poll', broken.url]]);
});

test('poller: a stopped poll gives its lease back after a renewal still on its way, which would otherwise take it again', async (t) => {
  const server = await feedServer(t);
  const { store } = openStore(t);
  const feed = await follow(store, server.route('/held.xml', { items: [story(1)], hold: true }).url);
  // The real store behind a slow database: each renewal lands 150 ms after it is sent.
  let renewals = 0;
  const slow = new Proxy(store, {
    get(target, prop) {
      if (prop === 'renewFeedPoll') {
        return async (...args: Parameters<SqliteStore['renewFeedPoll']>) => {
          if (args[3] > 0) {
            renewals++;
            await new Promise((r) => setTimeout(r, 150));
          }
          return target.renewFeedPoll(...args);
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  // Renewed every 100 ms, each taking 150: from the first on, one is always on its way.
  const { poller, at } = makePoller(t, store, { store: slow, leaseMs: 300 });
  await poller.refresh();
  const round = poller.pollDue();
  await waitFor('two renewals sent', () => renewals >= 2);
  await poller.stop();
  assert.deepEqual((await round).map((r) => r.status), ['not-recorded']);
  await new Promise((r) => setTimeout(r, 300));
  const claim = await store.claimFeedPoll(feed.id, 'another process', new Date(at()), 300_000, { force: true });
  assert.equal(claim.claimed, true, 'the lease was given back and stayed given back');
});

test('poller: the full-text hook completes each new item once; an unchanged teaser keeps the stored full text, across a restart', async (t) => {
  const server = await feedServer(t);
  const { url, route } = server.route('/teasers.xml', { items: [story(1, 'Teaser 1.')] });
  const { store } = openStore(t);
  await follow(store, url, { fullText: 'auto' });
  const asked: string[] = [];
  const completeText = async (item: { id: string }, feed: FeedRecord) => {
    asked.push(`${feed.fullText}:${item.id}`);
    if (item.id === 'story-3') throw new Error('page refused');
    return `Full text of ${item.id}.`;
  };
  const first = makePoller(t, store, { completeText });
  await first.poller.refresh();
  await first.poller.pollDue();
  assert.deepEqual(asked, ['auto:story-1']);
  route.items.push(story(2, 'Teaser 2.'), story(3, 'Teaser 3.'));
  first.advance(INTERVAL);
  assert.deepEqual(await first.poller.pollDue(), [{ status: 'ok', title: 'Feed /teasers.xml', items: 3, added: 2, changed: 0 }]);
  assert.deepEqual(asked, ['auto:story-1', 'auto:story-2', 'auto:story-3'], 'story 1 is not fetched again');
  assert.deepEqual((await store.feedArticles()).map((a) => a.text), ['Full text of story-1.', 'Full text of story-2.', 'Teaser 3.']);
  assert.ok(first.lines.some((l) => l.level === WARN && l.msg === 'full text failed; the feed text is kept'));
  await first.poller.stop();

  // Restarted, against a server that ignores the ETag: what the store holds is known.
  route.conditional = false;
  const second = makePoller(t, store, { completeText });
  second.advance(2 * INTERVAL);
  await second.poller.start();
  assert.deepEqual(await second.poller.pollDue(), [{ status: 'ok', title: 'Feed /teasers.xml', items: 3, added: 0, changed: 0 }]);
  assert.equal(asked.length, 3);
  assert.equal((await store.feedArticles())[0]!.text, 'Full text of story-1.');
});

test('poller: a feed removed while it is fetched is dropped quietly, and refresh() picks up feeds added meanwhile', async (t) => {
  const server = await feedServer(t);
  const { url } = server.route('/going.xml', { items: [story(1)], delayMs: 500 });
  const { store } = openStore(t);
  const going = await follow(store, url);
  const { poller, lines, batches } = makePoller(t, store);
  await poller.refresh();
  const round = poller.pollDue();
  await waitFor('the request', () => server.hits.length === 1);
  assert.notEqual(await store.removeFeed(going.id, new Date(T0)), null);
  const added = await follow(store, server.route('/new.xml', { items: [story(2)] }).url);
  await poller.refresh();
  assert.deepEqual((await round).map((r) => r.status), ['not-recorded']);
  assert.deepEqual(lines.filter((l) => l.level >= WARN), []);
  assert.ok(lines.some((l) => l.msg === 'feed removed while it was polled; the poll is dropped'));
  assert.deepEqual(poller.knownFeeds().map((f) => f.id), [added.id]);
  assert.deepEqual(await poller.pollDue(), [{ status: 'ok', title: 'Feed /new.xml', items: 1, added: 1, changed: 0 }]);
  assert.deepEqual(batches.map((b) => b.feed), [`${server.url}/new.xml`]);
});

test('poller: two pollers on one store file (two processes) fetch each due feed once per round, and neither tries again before the interval', async (t) => {
  const server = await feedServer(t);
  const { store, path } = openStore(t);
  const { store: otherStore } = openStore(t, path);
  const feeds = [];
  for (let i = 0; i < 6; i++) feeds.push(await follow(store, server.route(`/f${i}.xml`, { items: [story(i)] }).url));
  const a = makePoller(t, store, { holder: 'A' });
  const b = makePoller(t, otherStore, { holder: 'B' });
  await Promise.all([a.poller.refresh(), b.poller.refresh()]);
  for (let round = 1; round <= 3; round++) {
    const reports = (await Promise.all([a.poller.pollDue(), b.poller.pollDue()])).flat();
    assert.equal(server.hits.length, 6 * round, `round ${round}: each feed fetched once`);
    assert.equal(reports.filter((r) => r.status === 'skipped').length, reports.length - 6);
    assert.deepEqual(await Promise.all([a.poller.pollDue(), b.poller.pollDue()]), [[], []], 'nothing due until the interval is over');
    a.advance(INTERVAL);
    b.advance(INTERVAL);
  }
  assert.equal(a.batches.length + b.batches.length, 6, 'each story handed to a corpus once');
});

test('poller: pollNow of a feed another process is fetching waits for that poll, then fetches it as asked', async (t) => {
  const server = await feedServer(t);
  const { url } = server.route('/slow.xml', { items: [story(1)], delayMs: 400 });
  const { store, path } = openStore(t);
  const { store: otherStore } = openStore(t, path);
  const feed = await follow(store, url);
  const a = makePoller(t, store, { holder: 'A' });
  const b = makePoller(t, otherStore, { holder: 'B' });
  await a.poller.refresh();
  const aRound = a.poller.pollDue();
  await waitFor('the first fetch', () => server.hits.length === 1);
  const forced = await b.poller.pollNow(feed.id);
  assert.deepEqual(await aRound, [{ status: 'ok', title: 'Feed /slow.xml', items: 1, added: 1, changed: 0 }]);
  assert.deepEqual(forced, { status: 'not-modified' });
  assert.equal(server.hits.length, 2);
  assert.match(server.hits[1]!.headers['if-none-match'] ?? '', /^"/, "fetched from the other process's stored ETag");
});
