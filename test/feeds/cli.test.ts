import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RSS = readFileSync(new URL('fixtures/rss2.xml', import.meta.url));

/** Runs `npm run feeds -- ...` as node does it; async, so this process's test servers keep answering. */
function feeds(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/feeds.ts', ...args], {
      cwd: ROOT, env: { ...process.env, FEEDS_ALLOW_PRIVATE: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000,
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

test('cli feeds check: prints what would be ingested from a local feed with --allow-private', async (t) => {
  const s = await serve(t, (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS));
  const text = await feeds(['check', `${s.url}/feed.xml`, '--allow-private']);
  assert.equal(text.code, 0, text.err);
  assert.match(text.out, /^Example Wire \(rss, 2 items\)\n/);
  assert.match(text.out, /1\. Ghazni falls to the Taliban\n {3}id: wire-1001\n {3}link: https:\/\/news\.example\.com\/world\/ghazni\?utm_source=rss&utm_medium=feed#top\n {3}published: 2021-08-12T10:30:00\.000Z\n {3}The Taliban seized the strategic city of Ghazni on Thursday\./);
  const json = await feeds(['check', `${s.url}/feed.xml`, '--json'], { FEEDS_ALLOW_PRIVATE: 'true' });
  assert.equal(json.code, 0, json.err);
  const data = JSON.parse(json.out);
  assert.equal(data.format, 'rss');
  assert.equal(data.items.length, 2);
  assert.equal(data.items[1].id, 'https://news.example.com/world/second');
});

test('cli feeds check: a refused or failing feed exits 1 with the reason; a wrong call exits 2', async (t) => {
  const s = await serve(t, (_req, res) => res.writeHead(200).end('<!doctype html><html><body>no feed</body></html>'));
  const refused = await feeds(['check', s.url]);
  assert.equal(refused.code, 1);
  assert.match(refused.err, /refused: 127\.0\.0\.1 is a loopback address/);
  assert.equal(refused.out, '');
  const html = await feeds(['check', s.url, '--allow-private']);
  assert.equal(html.code, 1);
  assert.match(html.err, /not a feed: the address gives an HTML page/);
  assert.equal(s.requests.length, 1, 'only the allowed call reached the server');
  for (const args of [[], ['check'], ['fetch', 'http://x'], ['check', 'http://x', '--bogus'], ['check', 'http://x', 'extra']]) {
    const r = await feeds(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, /usage: npm run feeds -- check <url>/, args.join(' '));
  }
  const help = await feeds(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.out, /^usage: npm run feeds/);
});

test('cli feeds list: prints the configured feeds with defaults, says how to add some when none, names a bad entry', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'digest-feeds-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'feeds.yaml');
  writeFileSync(file, 'feeds:\n  - url: https://news.example.com/rss\n    name: Example News\n    interval: 1h30m\n    fullText: never\n  - url: https://wire.example.org/feed.json\n');
  const listed = await feeds(['list'], { FEEDS_FILE: file });
  assert.equal(listed.code, 0, listed.err);
  assert.equal(listed.out, [
    `2 feeds in ${file}:`, '',
    '1. https://news.example.com/rss', '   name: Example News', '   interval: 1h30m', '   fullText: never', '',
    '2. https://wire.example.org/feed.json', "   name: (the feed's own title)", '   interval: 10m', '   fullText: auto', '',
  ].join('\n'));
  const json = await feeds(['list', '--json'], { FEEDS_FILE: file });
  assert.deepEqual(JSON.parse(json.out).feeds[1], { url: 'https://wire.example.org/feed.json', intervalMs: 600_000, fullText: 'auto' });

  const none = await feeds(['list'], { FEEDS_FILE: join(dir, 'absent.yaml') });
  assert.equal(none.code, 0, none.err);
  assert.match(none.out, /^No feeds configured: .*absent\.yaml is absent or lists none\.\nTo add some, copy config\/feeds\.example\.yaml to config\/feeds\.yaml/);

  writeFileSync(file, 'feeds:\n  - url: https://news.example.com/rss\n    fulltext: never\n');
  const bad = await feeds(['list'], { FEEDS_FILE: file });
  assert.equal(bad.code, 1);
  assert.equal(bad.err, `feeds: ${file}: feed 1 (https://news.example.com/rss): unknown key "fulltext" (expected url, name, interval, fullText)\n`);
  assert.equal((await feeds(['list', 'extra'])).code, 2);
});

test('cli feeds: settings come from the validated config; a bad FEEDS_* value names the key', async (t) => {
  const s = await serve(t, (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS));
  const small = await feeds(['check', `${s.url}/feed.xml`], { FEEDS_ALLOW_PRIVATE: 'yes', FEEDS_MAX_BYTES: '100' });
  assert.equal(small.code, 1);
  assert.match(small.err, /body too large: over the limit of 100 bytes/);
  const bad = await feeds(['check', `${s.url}/feed.xml`], { FEEDS_ALLOW_PRIVATE: 'maybe', FEEDS_TIMEOUT_SECONDS: '0' });
  assert.equal(bad.code, 1);
  assert.match(bad.err, /^feeds: invalid configuration:\n {2}FEEDS_ALLOW_PRIVATE: .*\(got "maybe"\)\n {2}FEEDS_TIMEOUT_SECONDS: .*\(got "0"\)\n$/);
  assert.equal(s.requests.length, 1, 'a bad setting stops before any request');
});
