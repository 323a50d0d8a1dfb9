import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { bootstrap } from '../../src/app/bootstrap.ts';
import { startBot } from '../../src/app/run-bot.ts';
import { runCommand } from '../../src/commands/registry.ts';
import { openStore } from '../../src/store/open-store.ts';
import { ARTICLES, ROOT } from '../helpers/fixtures.ts';
import { fakeCron, testClock } from '../scheduler/harness.ts';

const terminal = { platform: 'console', id: 'local', isAdmin: true, channel: 'terminal' } as const;

test('run: with no chat tokens, a terminal subscription prints its daily digest once, and stop closes the database', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'digest-run-'));
  try {
    const app = await bootstrap({ ARTICLES_DIR: ARTICLES, DATA_DIR: dataDir, LOG_LEVEL: 'silent', WATCH_ARTICLES: 'false', DEFAULT_TIME_ZONE: 'Asia/Kabul', OPS_PORT: '0' });
    const clock = testClock('2026-11-21T02:00:00Z');
    const cron = fakeCron();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const bot = await startBot(app, { consoleOutput: output, clock, schedule: cron.schedule });
    const base = `http://127.0.0.1:${bot.opsPort}`;
    // Stopped whatever fails, or a failed assertion would leave the test hanging on open handles.
    try {
      assert.deepEqual(bot.platforms, ['console']);

      const reply = await runCommand('subscribe', { topic: 'ghazni', time: '07:00' }, terminal, app.deps);
      assert.ok(reply.kind === 'subscribed' && reply.subscription.timeZone === 'Asia/Kabul');
      // 07:00 in Kabul (UTC+4:30) is 02:30 UTC; the scheduler ticks once a minute through cron.
      for (const at of ['2026-11-21T02:29:00Z', '2026-11-21T02:30:00Z', '2026-11-21T02:31:00Z']) {
        clock.set(at);
        cron.jobs[0]!.run();
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.equal(printed.match(/Daily digest: ghazni \(2026-11-21, 07:00 Asia\/Kabul\)/g)?.length, 1, printed);
      assert.match(printed, /The Taliban seized the strategic Afghan city of Ghazni/);
      // Day two, same articles: the bot's digest leaves out what the channel already received.
      clock.set('2026-11-22T02:30:00Z');
      cron.jobs[0]!.run();
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(printed.match(/Daily digest: ghazni \(2026-11-22/g)?.length, 1, printed);
      assert.equal(printed.match(/The Taliban seized the strategic Afghan city of Ghazni/g)?.length, 1, printed);

      await runCommand('summary', { topic: 'ghazni' }, terminal, app.deps);
      await runCommand('summary', { topic: '' }, terminal, app.deps);
      const health = await fetch(`${base}/healthz`);
      assert.equal(health.status, 200);
      assert.deepEqual(await health.json(), { ready: true, corpusLoaded: true, database: true, platforms: { console: true } });
      const metrics = await (await fetch(`${base}/metrics`)).text();
      assert.match(metrics, /digest_bot_articles_loaded 5/);
      assert.match(metrics, /digest_bot_commands_total\{command="summary",platform="console",outcome="ok"\} 1/);
      assert.match(metrics, /digest_bot_commands_total\{command="summary",platform="console",outcome="missing-option"\} 1/);
      assert.match(metrics, /digest_bot_commands_total\{command="subscribe",platform="console",outcome="ok"\} 1/);
      assert.match(metrics, /digest_bot_scheduled_digests_total\{platform="console",result="posted"\} 2/);
      assert.match(metrics, /digest_bot_command_seconds_count\{command="summary"\} 2/);
      assert.match(metrics, /digest_bot_feeds\{state="paused"\} 0/, 'no feeds file: no feeds');
    } finally {
      await bot.stop();
    }
    await assert.rejects(fetch(`${base}/healthz`), 'the ops server closed with the bot');
    await bot.stop(); // a second signal during shutdown must not fail

    const store = await openStore({ path: join(dataDir, 'digests.sqlite') });
    const history = await store.deliveryHistory({ platform: 'console', channel: 'terminal' }, 'ghazni');
    assert.deepEqual(history.map((h) => h.state), ['posted', 'posted']);
    await store.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('run: a bad setting stops start-up with a message that names it, and secrets are not echoed', async () => {
  await assert.rejects(
    bootstrap({ ARTICLES_DIR: ARTICLES, LOG_LEVEL: 'silent', DEFAULT_TIME_ZONE: 'Mars/Olympus', SLACK_BOT_TOKEN: 'xoxb-super-secret-value' }),
    (err: Error) => {
      assert.match(err.message, /DEFAULT_TIME_ZONE: must be an IANA time zone/);
      assert.match(err.message, /SLACK_SIGNING_SECRET: is required/);
      assert.doesNotMatch(err.message, /super-secret/);
      return true;
    },
  );
});

test('run: the feeds file is read at start; a bad entry stops npm start with exit 1 naming file, entry and key', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'digest-run-'));
  try {
    const good = join(dir, 'good.yaml');
    writeFileSync(good, 'feeds:\n  - url: https://news.example.com/rss\n    name: Example\n    interval: 30m\n');
    const app = await bootstrap({ ARTICLES_DIR: ARTICLES, DATA_DIR: dir, LOG_LEVEL: 'silent', FEEDS_FILE: good });
    assert.deepEqual(app.feeds, [{ url: 'https://news.example.com/rss', name: 'Example', intervalMs: 30 * 60_000, fullText: 'auto' }]);
    assert.deepEqual((await bootstrap({ ARTICLES_DIR: ARTICLES, DATA_DIR: dir, LOG_LEVEL: 'silent', FEEDS_FILE: join(dir, 'absent.yaml') })).feeds, []);

    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'feeds:\n  - url: https://ok.example/rss\n  - url: https://x.example/rss\n    interval: 5s\n');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, DATA_DIR: dir, WATCH_ARTICLES: 'false', FEEDS_FILE: bad },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 1, err);
    assert.equal(err, `news-digest-bot: ${bad}: feed 2 (https://x.example/rss): interval: "5s" is too short; at least 1m (e.g. 10m, 1h, 1h30m)\n`);
    assert.equal(out, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('run: npm start exits cleanly on SIGTERM and leaves the database closed', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'digest-run-'));
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, DATA_DIR: dataDir, WATCH_ARTICLES: 'false' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    // Stdin stays open, so the session waits for commands until the signal arrives.
    for (let waited = 0; !out.includes('Type /summary') && waited < 20_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    assert.match(out, /Digest of the top topic/);
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 0, err);
    assert.ok(existsSync(join(dataDir, 'digests.sqlite')));
    assert.ok(!existsSync(join(dataDir, 'digests.sqlite-wal')), 'a clean close folds the write-ahead log back');
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('run: a start-up failure after the database opened (the ops port is taken) closes everything and says why', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'digest-run-'));
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  try {
    const port = (taken.address() as AddressInfo).port;
    const app = await bootstrap({ ARTICLES_DIR: ARTICLES, DATA_DIR: dataDir, LOG_LEVEL: 'silent', OPS_PORT: String(port) });
    await assert.rejects(startBot(app, { schedule: fakeCron().schedule }), /EADDRINUSE/);
    assert.ok(existsSync(join(dataDir, 'digests.sqlite')));
    assert.ok(!existsSync(join(dataDir, 'digests.sqlite-wal')), 'the database was closed');
  } finally {
    taken.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('run: an unhandled rejection is logged as fatal, in-flight work finishes, the database closes and the exit code is 1', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'digest-run-'));
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', '--import', './test/app/reject-later.mjs', 'src/index.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, DATA_DIR: dataDir, WATCH_ARTICLES: 'false' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 1, err);
    const fatal = err.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { level: number; msg: string; err?: { message: string } });
    assert.ok(fatal.some((l) => l.level === 60 && /unhandled rejection/.test(l.msg) && l.err?.message === 'a bug nobody caught'), err);
    assert.ok(!existsSync(join(dataDir, 'digests.sqlite-wal')), 'the database was closed on the way out');
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
