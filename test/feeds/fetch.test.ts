import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { fetchFeed, type FetchFeedOptions } from '../../src/feeds/fetch-feed.ts';
import { readFeed } from '../../src/feeds/read-feed.ts';
import { serve } from './serve.ts';

const RSS = readFileSync(new URL('fixtures/rss2.xml', import.meta.url));
const LOCAL: FetchFeedOptions = { policy: { allowPrivate: true }, limits: { responseTimeoutMs: 5_000, connectTimeoutMs: 2_000 } };
// Private addresses refused, except exactly 127.0.0.1 where the tests' servers listen.
const ONLY_127_0_0_1: FetchFeedOptions = { ...LOCAL, policy: { allowPrivate: false, allowAddresses: ['127.0.0.1'] } };

test('fetch: a feed with its validators, the bot named in User-Agent, compression asked for, no credentials', async (t) => {
  const s = await serve(t, (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"', 'last-modified': 'Thu, 12 Aug 2021 10:30:00 GMT', 'cache-control': 'public, s-maxage=60, max-age=300' });
    res.end(RSS);
  });
  const r = await fetchFeed(`${s.url}/feed.xml`, LOCAL);
  assert.equal(r.status, 'ok', r.error);
  assert.deepEqual(Buffer.from(r.body!), RSS);
  assert.equal(r.etag, '"v1"');
  assert.equal(r.lastModified, 'Thu, 12 Aug 2021 10:30:00 GMT');
  assert.equal(r.maxAgeMs, 300_000);
  assert.equal(r.finalUrl, `${s.url}/feed.xml`);
  const sent = s.requests[0]!;
  assert.match(sent['user-agent'] ?? '', /^news-digest-bot\/0\.1 \(/);
  assert.equal(sent['accept-encoding'], 'gzip, br');
  assert.equal(sent.cookie, undefined);
  assert.equal(sent.authorization, undefined);
  assert.equal(sent['if-none-match'], undefined);
});

test('fetch: 304 after an ETag and after a Last-Modified; a changed ETag gives the new content', async (t) => {
  let version = 'v1';
  const s = await serve(t, (req, res) => {
    const etag = `"${version}"`;
    if (req.headers['if-none-match'] === etag || (req.url === '/lm' && req.headers['if-modified-since'] === 'Thu, 12 Aug 2021 10:30:00 GMT')) {
      res.writeHead(304).end();
      return;
    }
    res.writeHead(200, req.url === '/lm' ? { 'last-modified': 'Thu, 12 Aug 2021 10:30:00 GMT' } : { etag });
    res.end(`<rss version="2.0"><channel><title>${version}</title></channel></rss>`);
  });
  const first = await fetchFeed(`${s.url}/e`, LOCAL);
  const again = await fetchFeed(`${s.url}/e`, { ...LOCAL, etag: first.etag });
  assert.equal(again.status, 'not-modified');
  assert.equal(s.requests[1]!['if-none-match'], '"v1"');
  assert.equal(again.body, undefined);
  version = 'v2';
  const changed = await fetchFeed(`${s.url}/e`, { ...LOCAL, etag: first.etag });
  assert.equal(changed.status, 'ok');
  assert.equal(changed.etag, '"v2"');
  assert.match(Buffer.from(changed.body!).toString(), /<title>v2<\/title>/);

  const lm = await fetchFeed(`${s.url}/lm`, LOCAL);
  const lmAgain = await fetchFeed(`${s.url}/lm`, { ...LOCAL, lastModified: lm.lastModified });
  assert.equal(lmAgain.status, 'not-modified');
  assert.equal(s.requests.at(-1)!['if-modified-since'], 'Thu, 12 Aug 2021 10:30:00 GMT');
});

test('fetch: 429 and 503 give retryAfterMs (seconds or a date); 500 is an error result', async (t) => {
  const s = await serve(t, (req, res) => {
    if (req.url === '/429') res.writeHead(429, { 'retry-after': '120' }).end();
    else if (req.url === '/503') res.writeHead(503, { 'retry-after': new Date(Date.now() + 60_000).toUTCString() }).end();
    else res.writeHead(500).end('oops');
  });
  const limited = await fetchFeed(`${s.url}/429`, LOCAL);
  assert.deepEqual([limited.status, limited.httpStatus, limited.retryAfterMs, limited.error], ['error', 429, 120_000, 'HTTP 429 Too Many Requests']);
  const down = await fetchFeed(`${s.url}/503`, LOCAL);
  assert.ok(down.retryAfterMs! > 50_000 && down.retryAfterMs! <= 60_000, String(down.retryAfterMs));
  const broken = await fetchFeed(`${s.url}/500`, LOCAL);
  assert.deepEqual([broken.status, broken.error, broken.retryAfterMs], ['error', 'HTTP 500 Internal Server Error', undefined]);
});

test('fetch: gzip and brotli bodies are decompressed', async (t) => {
  const s = await serve(t, (req, res) => {
    const br = req.url === '/br';
    res.writeHead(200, { 'content-encoding': br ? 'br' : 'gzip' });
    res.end(br ? brotliCompressSync(RSS) : gzipSync(RSS));
  });
  for (const path of ['/gz', '/br']) {
    const r = await readFeed(`${s.url}${path}`, LOCAL);
    assert.equal(r.status, 'ok', path);
    assert.equal(r.status === 'ok' && r.feed.items[0]!.title, 'Ghazni falls to the Taliban', path);
  }
});

test('fetch: a body over the limit is cut off, before and after decompression', async (t) => {
  const big = Buffer.alloc(200_000, 'a');
  const s = await serve(t, (req, res) => {
    if (req.url === '/bomb') res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(big));
    else if (req.url === '/chunked') res.writeHead(200).end(big); // chunked: no Content-Length to go by
    else res.writeHead(200, { 'content-length': big.length }).end(big);
  });
  const opts = { ...LOCAL, limits: { ...LOCAL.limits, maxBodyBytes: 50_000 } };
  for (const path of ['/sized', '/chunked', '/bomb']) {
    const r = await fetchFeed(`${s.url}${path}`, opts);
    assert.equal(r.status, 'error', path);
    assert.match(r.error!, /^body too large: over the limit of 50000 bytes/, path);
  }
});

test('fetch: a server sending one byte a second times out within the limit', async (t) => {
  const s = await serve(t, (_req, res) => {
    res.writeHead(200);
    const timer = setInterval(() => res.write('a'), 1000);
    res.on('close', () => clearInterval(timer));
  });
  const started = Date.now();
  const r = await fetchFeed(s.url, { ...LOCAL, limits: { responseTimeoutMs: 1_500 } });
  assert.equal(r.status, 'error');
  assert.match(r.error!, /^timed out: no complete response within 1500 ms/);
  assert.ok(Date.now() - started < 4_000);
});

test('fetch: an abort signal ends a slow fetch at once; an aborted signal sends nothing', async (t) => {
  const s = await serve(t, (_req, res) => {
    res.writeHead(200);
    res.write('<rss');
  });
  const stop = new AbortController();
  const pending = fetchFeed(s.url, { ...LOCAL, signal: stop.signal, limits: { responseTimeoutMs: 60_000 } });
  while (s.requests.length === 0) await new Promise((r) => setTimeout(r, 10));
  stop.abort();
  const r = await pending;
  assert.deepEqual([r.status, r.error], ['error', 'cancelled: the fetch was stopped']);
  const again = await fetchFeed(s.url, { ...LOCAL, signal: stop.signal });
  assert.equal(again.error, 'cancelled: the fetch was stopped');
  assert.equal(s.requests.length, 1);
});

test('fetch: redirects are followed, a loop stops after 5', async (t) => {
  const s = await serve(t, (req, res) => {
    if (req.url === '/moved') res.writeHead(301, { location: '/feed.xml' }).end();
    else if (req.url === '/feed.xml') res.writeHead(200).end(RSS);
    else res.writeHead(302, { location: req.url === '/loop-a' ? '/loop-b' : '/loop-a' }).end();
  });
  const moved = await fetchFeed(`${s.url}/moved`, LOCAL);
  assert.equal(moved.status, 'ok');
  assert.equal(moved.finalUrl, `${s.url}/feed.xml`);
  const before = s.requests.length;
  const loop = await fetchFeed(`${s.url}/loop-a`, LOCAL);
  assert.equal(loop.status, 'error');
  assert.equal(loop.error, 'too many redirects (more than 5)');
  assert.equal(s.requests.length - before, 6, 'the first request and 5 redirects');
});

test('security: a redirect to 127.0.0.2 is refused under a policy that allows only 127.0.0.1', async (t) => {
  const inside = await serve(t, (_req, res) => res.writeHead(200).end(RSS), '127.0.0.2');
  const s = await serve(t, (_req, res) => res.writeHead(302, { location: `${inside.url}/secret` }).end());
  const r = await fetchFeed(s.url, ONLY_127_0_0_1);
  assert.equal(r.status, 'error');
  assert.match(r.error!, /^redirect refused: 127\.0\.0\.2 is a loopback address/);
  assert.equal(inside.requests.length, 0, 'nothing reached the private server');
  assert.equal((await fetchFeed(inside.url, LOCAL)).status, 'ok', 'the server itself answers when allowed');
});

test('security: private addresses refused unless allowed, by literal and through DNS', async (t) => {
  const s = await serve(t, (_req, res) => res.writeHead(200).end(RSS));
  const strict: FetchFeedOptions = { ...LOCAL, policy: { allowPrivate: false } };
  const literal = await fetchFeed(s.url, strict);
  assert.equal(literal.status, 'error');
  assert.match(literal.error!, /^refused: 127\.0\.0\.1 is a loopback address, not a public one/);
  const port = new URL(s.url).port;
  const named = await fetchFeed(`http://localhost:${port}/`, strict);
  assert.equal(named.status, 'error');
  assert.match(named.error!, /^refused: localhost: (127\.0\.0\.1|::1) is a loopback address/);
  assert.equal(s.requests.length, 0);
  for (const url of ['http://10.1.2.3/', 'http://169.254.169.254/latest/meta-data/', 'http://[fd00:ec2::254]/', 'http://[::ffff:192.168.1.1]/', 'http://100.64.0.1/', 'http://0.0.0.0/', 'http://[::1]/', 'http://224.0.0.1/']) {
    const r = await fetchFeed(url, strict);
    assert.match(r.error ?? '', /^refused: .* address, not a public one/, url);
  }
  assert.match((await fetchFeed('ftp://example.com/feed', LOCAL)).error!, /only http and https/);
  assert.match((await fetchFeed(`http://user:pw@127.0.0.1:${port}/`, LOCAL)).error!, /no credentials are ever sent/);
  assert.match((await fetchFeed('not a url', LOCAL)).error!, /^not a URL/);
});

test('read: malformed XML, an HTML page and a refused connection are error results with reasons', async (t) => {
  const s = await serve(t, (req, res) => {
    if (req.url === '/html') res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><body>Hi</body></html>');
    else res.writeHead(200).end('<?xml version="1.0"?><rss version="2.0"><channel><title>X</title><item><title>a');
  });
  const html = await readFeed(`${s.url}/html`, LOCAL);
  assert.equal(html.status === 'error' && html.reason, 'not a feed: the address gives an HTML page, not RSS, Atom or JSON Feed');
  const bad = await readFeed(`${s.url}/bad`, LOCAL);
  assert.equal(bad.status, 'error');
  const closed = await readFeed('http://127.0.0.1:1/', LOCAL);
  assert.equal(closed.status === 'error' && closed.reason, 'connection refused by 127.0.0.1:1');
});
