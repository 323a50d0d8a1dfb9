import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/config/env.ts';
import type { FeedConfig } from '../../src/config/feeds-file.ts';
import { LiveCorpus } from '../../src/core/index/live-corpus.ts';
import { digestTopic } from '../../src/core/query/digest.ts';
import { followFeeds, type FollowedFeeds } from '../../src/app/follow-feeds.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { ARTICLES, realEngine } from '../helpers/fixtures.ts';
import { captureLogs } from '../helpers/log-capture.ts';
import { serve } from '../feeds/serve.ts';

// followFeeds is what the bot runs at start: the feeds file into the store, the stored articles
// into the corpus, the poller, retention and the /feed controls. Real HTTP on 127.0.0.1, a real
// SQLite file, the real corpus.

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface Story {
  guid: string;
  title: string;
  text: string;
  published?: string;
}

/** A news site on 127.0.0.1: an RSS feed at /rss (its stories link to pages on the same server) and a page that is not a feed. */
async function newsSite(t: TestContext) {
  const stories: Story[] = [];
  const pages = new Map<string, string>();
  const server = await serve(t, (req, res) => {
    const path = req.url ?? '/';
    if (path === '/rss') {
      const items = stories.map((s) =>
        `<item><guid>${escapeXml(s.guid)}</guid><title>${escapeXml(s.title)}</title><link>${base}/story/${s.guid}</link>` +
        `${s.published ? `<pubDate>${new Date(s.published).toUTCString()}</pubDate>` : ''}<description>${escapeXml(s.text)}</description></item>`,
      ).join('');
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Tigris Daily</title>${items}</channel></rss>`);
    } else if (pages.has(path)) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pages.get(path));
    } else if (path === '/about') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><body><p>About us</p></body></html>');
    } else {
      res.writeHead(404).end();
    }
  });
  const base = server.url;
  return { url: `${base}/rss`, base, stories, pages, requests: server.requests };
}

const MOSUL: Story = {
  guid: 'mosul-bridge',
  title: 'Mosul bridge reopens',
  text: 'Engineers reopened the old bridge over the Tigris in Mosul on Monday, the city council said. Traffic crossed it for the first time in nine years, and hundreds of residents walked across in the evening. The council said repairs had cost twelve million dollars, paid by the provincial government and two aid agencies. Shops on both banks stayed open late, and the governor promised to reopen a second bridge by the summer. Residents said the crossing had taken them an hour by the pontoon bridge downstream; now it takes five minutes. Engineers said the steel came from a plant in Basra and the work took two years.',
  published: new Date().toISOString(),
};

function setup(t: TestContext, env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'follow-feeds-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'digests.sqlite');
  const logs = captureLogs();
  const running: FollowedFeeds[] = [];
  const stores: SqliteStore[] = [];
  t.after(async () => {
    for (const r of running) await r.stop();
    for (const s of stores) await s.close();
  });
  /** One start of the bot: a new corpus of the bundled articles and the store file, both as after a restart. */
  async function start(feeds: FeedConfig[], restartEnv: Record<string, string> = {}) {
    const config = parseConfig({ FEEDS_ALLOW_PRIVATE: 'true', ...env, ...restartEnv });
    const corpus = new LiveCorpus({ engine: realEngine(), dir: ARTICLES, maxBytes: 1e6 });
    await corpus.reload();
    const store = SqliteStore.open(path);
    stores.push(store);
    const followed = await followFeeds({ config, feeds, store, corpus, logger: logs.logger, now: () => new Date() });
    running.push(followed);
    return { corpus, store, followed };
  }
  return { start, logs };
}

const feedOf = (url: string, extra: Partial<FeedConfig> = {}): FeedConfig => ({ url, intervalMs: 600_000, fullText: 'never', ...extra });
const mosulItems = (corpus: LiveCorpus) => digestTopic(corpus.current, 'mosul').items;

async function until(what: string, condition: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('a feed from the feeds file is polled at start and its article answers /summary; a restart serves it from the store without fetching it again', async (t) => {
  const site = await newsSite(t);
  site.stories.push(MOSUL);
  const { start } = setup(t);

  const first = await start([feedOf(site.url, { name: 'Tigris Daily' })]);
  await until('the first poll is in the corpus', () => first.corpus.current.articles.length > 5);
  const [item] = mosulItems(first.corpus);
  assert.match(item!.text, /reopened the old bridge over the Tigris/);
  assert.equal(item!.sources[0]!.source, 'Tigris Daily');
  assert.equal(item!.sources[0]!.url, `${site.base}/story/mosul-bridge`);
  assert.ok(digestTopic(first.corpus.current, 'ghazni').items.length > 0, 'the folder articles still answer');
  await first.followed.stop();

  const feedRequests = () => site.requests.length;
  const before = feedRequests();
  const second = await start([feedOf(site.url, { name: 'Tigris Daily' })]);
  // Loaded from the store before any poll: the next poll is ten minutes away.
  assert.equal(mosulItems(second.corpus).length > 0, true);
  assert.equal(feedRequests(), before, 'nothing fetched again at the restart');
  assert.equal((await second.store.feedArticles()).length, 1);
});

test('/feed add follows a feed and answers with its title and items; a page that is not a feed is refused and not kept; remove drops its articles', async (t) => {
  const site = await newsSite(t);
  site.stories.push(MOSUL);
  const { start } = setup(t);
  const { corpus, store, followed } = await start([]);

  const refused = await followed.add(`${site.base}/about`, { addedBy: 'discord:1' });
  assert.equal(refused.ok, false);
  assert.match(refused.ok ? '' : refused.reason, /not a feed|HTML/i);
  assert.deepEqual(await store.listFeeds(), [], 'a URL that is not a feed is not followed');
  assert.equal((await followed.add('notaurl', { addedBy: 'discord:1' })).ok, false);

  const added = await followed.add(site.url, { addedBy: 'discord:1', name: 'Tigris Daily' });
  assert.ok(added.ok);
  assert.deepEqual([added.title, added.items, added.added, added.created], ['Tigris Daily', 1, 1, true]);
  assert.ok(mosulItems(corpus).length > 0, 'answerable as soon as /feed add answers');
  assert.deepEqual(followed.choices('tig', 5), ['Tigris Daily']);
  assert.equal((await followed.list())[0]!.addedBy, 'discord:1');

  const again = await followed.add(site.url.replace('http://', 'HTTP://'), { addedBy: 'slack:U1' });
  assert.ok(again.ok && !again.created, 'the same feed, not a second one');

  const removed = await followed.remove('tigris daily');
  assert.ok(removed.ok);
  assert.equal(removed.articlesRemoved, 1);
  assert.deepEqual(mosulItems(corpus), []);
  assert.deepEqual(await store.feedArticles(), []);
  const unknown = await followed.remove('Nowhere News');
  assert.deepEqual(unknown, { ok: false, code: 'not-found', known: [] });
});

test('two processes on one store: a feed added in one reaches the corpus of the other without a second fetch, and so does its removal', async (t) => {
  const site = await newsSite(t);
  site.stories.push(MOSUL);
  const { start, logs } = setup(t, { FEEDS_SYNC_SECONDS: '1' });
  const a = await start([]);
  const b = await start([]);

  const added = await a.followed.add(site.url, { addedBy: 'discord:1', name: 'Tigris Daily' });
  assert.ok(added.ok);
  assert.ok(mosulItems(a.corpus).length > 0);
  await until("the other process's corpus has the article", () => mosulItems(b.corpus).length > 0, 5000);
  assert.equal(logs.lines.filter((l) => l.msg === 'feed polled').length, 1, 'fetched by one process only');
  assert.equal(logs.lines.filter((l) => l.msg === 'feed articles from other processes').length, 1, 'one process read it from the store; the other did not read its own write back');

  const removed = await a.followed.remove('tigris daily');
  assert.ok(removed.ok);
  await until("the removal reaches the other process's corpus", () => mosulItems(b.corpus).length === 0, 5000);
  assert.equal((await b.followed.list()).length, 0);
});

test('a feed from the feeds file cannot be removed in chat; dropped from the file, it and its articles go at the next start', async (t) => {
  const site = await newsSite(t);
  site.stories.push(MOSUL);
  const { start } = setup(t);
  const first = await start([feedOf(site.url, { name: 'Tigris Daily' })]);
  await until('polled', () => mosulItems(first.corpus).length > 0);
  const refused = await first.followed.remove('Tigris Daily');
  assert.equal(refused.ok ? 'removed' : refused.code, 'in-config');
  await first.followed.stop();

  const second = await start([]);
  assert.deepEqual(mosulItems(second.corpus), []);
  assert.deepEqual(await second.store.listFeeds(), []);
});

test('articles older than ARTICLE_MAX_AGE_DAYS are not taken, and those that age past it are dropped from the store and the corpus; folder articles stay', async (t) => {
  const site = await newsSite(t);
  const days = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
  site.stories.push(
    { ...MOSUL, guid: 'ancient', published: days(40) },
    { ...MOSUL, guid: 'last-week', published: days(6) },
    { ...MOSUL, guid: 'basra', title: 'Basra strike ends', text: 'Dockworkers in Basra ended a three-day strike on Tuesday after a pay deal, the port authority said.', published: days(0) },
  );
  const { start, logs } = setup(t);
  const first = await start([feedOf(site.url)]);
  await until('polled', () => digestTopic(first.corpus.current, 'basra').items.length > 0);
  // Past the 30 days at the poll: never taken, so pruning cannot drop it and the next poll take it again.
  assert.deepEqual((await first.store.feedArticles()).map((a) => a.itemId).sort(), ['basra', 'last-week']);
  await first.followed.stop();

  // The setting lowered to 3 days: at the next start the week-old article goes.
  const second = await start([feedOf(site.url)], { ARTICLE_MAX_AGE_DAYS: '3' });
  assert.deepEqual((await second.store.feedArticles()).map((a) => a.itemId), ['basra']);
  assert.deepEqual(mosulItems(second.corpus), []);
  assert.ok(digestTopic(second.corpus.current, 'basra').items.length > 0);
  assert.ok(digestTopic(second.corpus.current, 'ghazni').items.length > 0, 'folder articles are never dropped');
  assert.ok(logs.lines.some((l) => /dropped feed articles past their age/.test(String(l.msg))));
});

test('a teaser item gets its full text from its page on the same site', async (t) => {
  const site = await newsSite(t);
  site.stories.push({ guid: 'teaser', title: 'Mosul bridge reopens', text: 'Engineers reopened the old bridge over the Tigris in Mosul…', published: new Date().toISOString() });
  site.pages.set(
    '/story/teaser',
    `<!doctype html><html><head><title>Mosul bridge reopens</title></head><body><nav>Home | World | Sport</nav><article><h1>Mosul bridge reopens</h1>${MOSUL.text
      .split('. ')
      .map((s) => `<p>${s}.</p>`)
      .join('')}</article><footer>Copyright Tigris Daily</footer></body></html>`,
  );
  const { start } = setup(t);
  const { corpus, store } = await start([feedOf(site.url, { fullText: 'auto' })]);
  await until('polled', () => mosulItems(corpus).length > 0);
  const [stored] = await store.feedArticles();
  assert.match(stored!.text, /pontoon bridge downstream/, 'the page text, not the teaser');
  assert.doesNotMatch(stored!.text, /Copyright|Home \| World/);
});

test('health counts feeds that are fine, failing and paused; /feed add of a paused feed polls it again at once and says why it fails', async (t) => {
  const site = await newsSite(t);
  site.stories.push(MOSUL);
  const { start } = setup(t, { FEEDS_MAX_FAILURES: '1' });
  const { followed } = await start([feedOf(site.url), feedOf(`${site.base}/gone`)]);
  for (let tries = 0; (await followed.list()).some((f) => !f.state.lastFetchAt); tries++) {
    assert.ok(tries < 500, 'both feeds polled once');
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.deepEqual(followed.health(), { ok: 1, failing: 0, paused: 1 });
  const gone = async () => (await followed.list()).find((f) => f.url.endsWith('/gone'))!;
  const fetchedAt = (await gone()).state.lastFetchAt!.getTime();
  const again = await followed.add(`${site.base}/gone`, { addedBy: 'console:local' });
  assert.equal(again.ok, false);
  assert.match(again.ok ? '' : again.reason, /404/);
  assert.ok((await gone()).state.lastFetchAt!.getTime() >= fetchedAt, 'fetched again');
  assert.equal((await gone()).state.paused, true, 'still failing, so paused again');
  assert.equal((await followed.list()).length, 2, 'a feed from the file stays followed when /feed add fails');
});
