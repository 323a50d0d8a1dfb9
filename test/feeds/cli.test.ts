import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
