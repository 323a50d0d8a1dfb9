// SIGKILL the real bot while it polls 20 slow local feeds of 20 items each, restart it on the same
// DATA_DIR and let it finish. A poll is recorded in one transaction (the feed's state with its
// items), so at the kill every feed is either done (state and all its items) or untouched; after
// the restart the store holds every item exactly once, the feeds done before the kill are not
// fetched again (their next poll is an interval away), and their articles come from the store.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ARTICLES, ROOT } from '../helpers/fixtures.ts';
import { feedServer, type NewsItem } from '../feeds/feed-server.ts';

const ENTRY = join(ROOT, 'test/hardening/feeds-crash-entry.ts');
const FEEDS = 20;
const ITEMS = 20;
const DELAY_MS = 200;
/** The bot is killed when this request arrives: the first rounds are answered, others are in flight. */
const KILL_AT_REQUEST = 10;

interface Snapshot {
  /** Feed path -> whether its poll was recorded. */
  done: Map<string, boolean>;
  /** Article key -> [feed path, first seen, updated]. */
  articles: Map<string, { feed: string; firstSeen: number; updated: number }>;
  rows: number;
}

function snapshot(dbFile: string): Snapshot {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const feeds = db.prepare('SELECT id, url, last_success_at FROM feeds').all() as Array<{ id: number; url: string; last_success_at: number | null }>;
    const pathOf = new Map(feeds.map((f) => [f.id, new URL(f.url).pathname]));
    const rows = db.prepare('SELECT key, feed_id, first_seen_at, updated_at FROM feed_articles').all() as Array<{ key: string; feed_id: number; first_seen_at: number; updated_at: number }>;
    return {
      done: new Map(feeds.map((f) => [new URL(f.url).pathname, f.last_success_at !== null])),
      articles: new Map(rows.map((r) => [r.key, { feed: pathOf.get(r.feed_id)!, firstSeen: r.first_seen_at, updated: r.updated_at }])),
      rows: rows.length,
    };
  } finally {
    db.close();
  }
}

test(`feeds crash: SIGKILL mid-poll of ${FEEDS} slow feeds x ${ITEMS} items, restart: every item stored once, nothing fetched or ingested again`, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'feeds-crash-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const site = await feedServer(t);
  const expected = new Set<string>();
  const feedPaths: string[] = [];
  const lines: string[] = [];
  for (let f = 0; f < FEEDS; f++) {
    const items: NewsItem[] = [];
    for (let i = 0; i < ITEMS; i++) {
      items.push({ guid: `f${f}-i${i}`, title: `Story ${i} of outlet ${f}`, text: `Outlet ${f} reports story number ${i}: the river rose by ${f + i} centimetres overnight, the water board said.` });
      expected.add(`https://news.example.com/f${f}-i${i}`);
    }
    const { url } = site.route(`/feed-${f}.rss`, { title: `Outlet ${f}`, items, delayMs: DELAY_MS });
    feedPaths.push(`/feed-${f}.rss`);
    lines.push(`  - url: ${url}\n    interval: 10m\n    fullText: never`);
  }
  const feedsFile = join(dir, 'feeds.yaml');
  writeFileSync(feedsFile, `feeds:\n${lines.join('\n')}\n`);
  const env = {
    PATH: process.env.PATH,
    ARTICLES_DIR: ARTICLES,
    DATA_DIR: dir,
    LOG_LEVEL: 'info',
    WATCH_ARTICLES: 'false',
    FEEDS_FILE: feedsFile,
    FEEDS_ALLOW_PRIVATE: 'true',
    FEEDS_CONCURRENCY: '4',
    FEEDS_PER_HOST: '4',
    // The feeds in flight at the kill keep their poll leases this long; the restart then takes them over.
    FEEDS_LEASE_SECONDS: '3',
  };

  /** Starts the bot; `onRequest` hears of each feed request the server gets while it runs. */
  const run = (onRequest?: (count: number, kill: () => void) => void) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', ENTRY], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    t.after(() => void (proc.exitCode === null && proc.signalCode === null && proc.kill('SIGKILL')));
    let stdout = '';
    let stderr = '';
    proc.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
    proc.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    const firstHit = site.hits.length;
    const timer = onRequest && setInterval(() => onRequest(site.hits.length - firstHit, () => proc.kill('SIGKILL')), 1);
    return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
      proc.on('exit', (code, signal) => {
        clearInterval(timer);
        resolve({ code, signal, stdout, stderr });
      }),
    );
  };

  // First run: killed when the KILL_AT_REQUEST-th feed request arrives.
  let killedAt = -1;
  let inFlightAtKill = 0;
  const first = await run((count, kill) => {
    if (killedAt >= 0 || count < KILL_AT_REQUEST) return;
    killedAt = count;
    inFlightAtKill = site.concurrency().now;
    kill();
  });
  assert.equal(first.signal, 'SIGKILL', `the first run ended by itself (code ${first.code}):\n${first.stderr}`);
  assert.ok(inFlightAtKill > 0, 'the kill landed mid-poll, with requests in flight');

  // At the kill: every feed is done with all its items, or untouched.
  const atKill = snapshot(join(dir, 'digests.sqlite'));
  const doneAtKill = feedPaths.filter((p) => atKill.done.get(p));
  for (const path of feedPaths) {
    const items = [...atKill.articles.values()].filter((a) => a.feed === path).length;
    assert.equal(items, atKill.done.get(path) ? ITEMS : 0, `${path}: a poll is recorded whole or not at all`);
  }
  assert.ok(doneAtKill.length > 0 && doneAtKill.length < FEEDS, `the kill came mid-poll (${doneAtKill.length} of ${FEEDS} feeds done)`);

  // Second run: finishes.
  const hitsBefore = site.hits.length;
  const second = await run();
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stdout, /done/);
  const fetchedAgain = site.hits.slice(hitsBefore).map((h) => h.path);
  assert.deepEqual(fetchedAgain.filter((p) => doneAtKill.includes(p)), [], 'the feeds done before the kill are not fetched again');
  assert.deepEqual([...fetchedAgain].sort(), feedPaths.filter((p) => !doneAtKill.includes(p)).sort(), 'every other feed fetched once');
  const loaded = second.stderr.split('\n').filter((l) => l.includes('feed articles loaded')).map((l) => JSON.parse(l) as { articles: number });
  assert.deepEqual(loaded.map((l) => l.articles), [atKill.rows], 'the stored articles were loaded from the store');

  const end = snapshot(join(dir, 'digests.sqlite'));
  assert.equal(end.rows, FEEDS * ITEMS, 'every item once: nothing twice');
  assert.deepEqual(new Set(end.articles.keys()), expected, 'nothing lost');
  for (const [key, before] of atKill.articles) assert.deepEqual(end.articles.get(key), before, `${key} was not written again`);
  console.log(`feeds crash figures: ${JSON.stringify({ killedAtRequest: killedAt, inFlightAtKill, feedsDoneAtKill: doneAtKill.length, articlesAtKill: atKill.rows, fetchedAfterRestart: fetchedAgain.length })}`);
});
