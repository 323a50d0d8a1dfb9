// Two real bots (src/index.ts as a terminal session on piped stdin, no chat tokens) on one store,
// PostgreSQL (one schema) or one SQLite file, following the same twenty local feeds on a short
// interval. Counted at the feed server, each feed is fetched exactly once per interval, whichever
// process fetches it: never twice within an interval, never an interval skipped. Then an item
// added to a feed is stored by whichever process polls it next, and the other process's /summary
// answers with it within seconds.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultDatabasePath, openStore } from '../../src/store/open-store.ts';
import { ARTICLES, ROOT } from '../helpers/fixtures.ts';
import { feedServer, type FeedServer } from '../feeds/feed-server.ts';
import { freshSchema, testPostgres } from '../store/pg-database.ts';

const FEEDS = 20;
/** Each feed's interval, as `/feed add` would keep it (the feeds file asks for at least a minute). */
const INTERVAL_MS = 4000;
const INTERVALS = 3;
const SYNC_SECONDS = 1;
/** The other process's corpus must answer with an article within this long of its being stored. */
const SEEN_WITHIN_MS = 8000;
const NEWS = 'Quillmere harbour reopened to fishing boats on Tuesday after the storm surge, the port authority said.';

interface Bot {
  name: string;
  proc: ChildProcess;
  stdout(): string;
  /** The process's JSON log lines so far. */
  logs(): Array<Record<string, unknown> & { msg: string; time: number }>;
}

function startBot(t: TestContext, name: string, env: Record<string, string | undefined>): Bot {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/index.ts')], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  t.after(() => void (proc.exitCode === null && proc.signalCode === null && proc.kill('SIGKILL')));
  let stdout = '';
  let stderr = '';
  proc.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  proc.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  return {
    name,
    proc,
    stdout: () => stdout,
    logs: () => stderr.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l)),
  };
}

async function waitFor<T>(what: string, check: () => T | undefined | false, ms: number, bots: Bot[] = []): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const found = check();
    if (found) return found;
    if (Date.now() > until) assert.fail(`timed out waiting for ${what}\n${bots.map((b) => `${b.name} stdout:\n${b.stdout().slice(-2000)}`).join('\n')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function twoProcesses(t: TestContext, site: FeedServer, store: { env: Record<string, string>; seed: () => ReturnType<typeof openStore> }) {
  const dir = mkdtempSync(join(tmpdir(), 'feeds-two-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const paths = Array.from({ length: FEEDS }, (_, f) => `/feed-${f}.rss`);
  const routes = paths.map((path, f) =>
    site.route(path, {
      title: `Outlet ${f}`,
      items: [1, 2, 3].map((i) => ({ guid: `f${f}-i${i}`, title: `Story ${i} of outlet ${f}`, text: `Outlet ${f} reports that the river rose by ${f + i} centimetres overnight.` })),
    }),
  );
  // Feeds as `/feed add` keeps them, with an interval the feeds file would refuse as too short.
  const seeded = await store.seed();
  try {
    for (const r of routes) await seeded.saveFeed({ url: r.url, intervalMs: INTERVAL_MS, fullText: 'never', origin: 'chat', addedBy: 'console:local' }, new Date());
  } finally {
    await seeded.close();
  }

  const env = {
    PATH: process.env.PATH,
    ARTICLES_DIR: ARTICLES,
    DATA_DIR: dir,
    LOG_LEVEL: 'debug',
    WATCH_ARTICLES: 'false',
    FEEDS_FILE: join(dir, 'no-feeds-file.yaml'),
    FEEDS_ALLOW_PRIVATE: 'true',
    FEEDS_SYNC_SECONDS: String(SYNC_SECONDS),
    ...store.env,
  };
  const bots = [startBot(t, 'A', env), startBot(t, 'B', env)];
  await waitFor('both bots to take commands', () => bots.every((b) => b.stdout().includes('Type /summary')), 60_000, bots);

  // Both run: watch more than INTERVALS intervals from the first fetch of every feed.
  await waitFor('every feed fetched once', () => paths.every((p) => site.hits.some((h) => h.path === p)), 30_000, bots);
  await new Promise((r) => setTimeout(r, INTERVALS * INTERVAL_MS + 1000));
  const watchTo = Date.now();

  for (const path of paths) {
    const at = site.hits.filter((h) => h.path === path && h.at <= watchTo).map((h) => h.at);
    const gaps = at.slice(1).map((x, i) => x - at[i]!);
    assert.ok(gaps.every((g) => g >= INTERVAL_MS), `${path}: fetched twice within one interval (gaps ${gaps.join(', ')} ms)`);
    // Lateness under a loaded CI machine is not a skipped interval; three intervals without a fetch would be.
    assert.ok(gaps.every((g) => g < 3 * INTERVAL_MS) && watchTo - at.at(-1)! < 3 * INTERVAL_MS, `${path}: an interval without a fetch (gaps ${gaps.join(', ')} ms)`);
    assert.ok(at.length >= INTERVALS, `${path}: only ${at.length} fetches`);
  }
  const polledBy = bots.map((b) => b.logs().filter((l) => l.msg === 'feed polled').length);
  const fetches = site.hits.filter((h) => h.at <= watchTo).length;
  assert.ok(polledBy.every((n) => n > 0), `both processes polled (${polledBy.join(' and ')} polls)`);

  // A new item on one feed: stored by whichever process polls it next, answered by the other.
  routes[7]!.route.items.push({ guid: 'quillmere', title: 'Quillmere harbour reopens', text: NEWS });
  const addedAt = Date.now();
  const broughtIt = (l: { msg: string; time: number; feed?: unknown }) => l.msg === 'feed brought articles' && l.feed === routes[7]!.url && l.time >= addedAt;
  const stored = await waitFor(
    'the new item stored',
    () => {
      for (const bot of bots) {
        const line = bot.logs().find(broughtIt);
        if (line) return { by: bot, at: line.time };
      }
      return undefined;
    },
    3 * INTERVAL_MS,
    bots,
  );
  const other = bots.find((b) => b !== stored.by)!;
  const asked = other.stdout().length;
  let answeredAt = 0;
  let lastAsk = 0;
  await waitFor(
    `${other.name}'s /summary to answer with the article ${stored.by.name} stored`,
    () => {
      if (other.stdout().slice(asked).includes('Quillmere harbour reopened')) return (answeredAt = Date.now());
      if (Date.now() - lastAsk < 500) return undefined;
      lastAsk = Date.now();
      other.proc.stdin!.write('/summary Quillmere\n');
      return undefined;
    },
    SEEN_WITHIN_MS,
    bots,
  );
  assert.ok(other.logs().some((l) => l.msg === 'feed articles from other processes'));
  assert.equal(other.logs().some(broughtIt), false, `${other.name} did not fetch it itself`);

  for (const bot of bots) bot.proc.stdin!.end('/quit\n');
  const codes = await Promise.all(bots.map((b) => new Promise((r) => (b.proc.exitCode !== null ? r(b.proc.exitCode) : b.proc.on('exit', r)))));
  assert.deepEqual(codes, [0, 0]);
  return { fetches, polledBy, seenAfterMs: answeredAt - stored.at };
}

test(`feeds, two processes on one PostgreSQL schema, ${FEEDS} feeds: each fetched once per interval; an article one stores, the other answers`, async (t) => {
  const server = await testPostgres();
  if ('skip' in server) return t.skip(server.skip);
  const schema = await freshSchema(server.url);
  t.after(schema.drop);
  const site = await feedServer(t);
  const figures = await twoProcesses(t, site, { env: { DATABASE_URL: schema.url }, seed: () => openStore({ path: '', databaseUrl: schema.url }) });
  console.log(`feeds two processes (postgres): ${JSON.stringify(figures)}`);
});

test(`feeds, two processes on one SQLite file, ${FEEDS} feeds: each fetched once per interval; an article one stores, the other answers`, async (t) => {
  const site = await feedServer(t);
  const dir = mkdtempSync(join(tmpdir(), 'feeds-two-data-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const figures = await twoProcesses(t, site, { env: { DATA_DIR: dir }, seed: () => openStore({ path: defaultDatabasePath(dir) }) });
  console.log(`feeds two processes (sqlite): ${JSON.stringify(figures)}`);
});
