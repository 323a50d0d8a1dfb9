/**
 * The feeds benchmark's news server, run by bench/feeds.ts as a child process so that its CPU
 * and memory are not the bot's: RSS 2.0 feeds of synthetic news (feeds-news.ts) on several
 * loopback addresses (Linux routes all of 127.0.0.0/8 to loopback), so the poller's per-host cap
 * works as on the real web. ETag and If-None-Match give 304s; bodies are gzipped when asked, as
 * most servers do. Each item's link is a page on the same server: nothing leaves the machine.
 *
 * Driven over the IPC channel: `start`, then `stats` (requests so far) and `publish` (one new
 * item on a share of the feeds), each answered by one message.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { itemHtml, NewsWriter, outletName, rssDocument, type NewsItem } from './feeds-news.ts';

export interface ServerStart {
  type: 'start';
  feeds: number;
  items: number;
  seed: number;
  /** How many loopback addresses: 127.0.0.1 up to 127.0.0.<hosts>. */
  hosts: number;
  /** The bot's clock at start: items are dated in the 48 hours before. */
  nowMs: number;
}

export interface ServerStats {
  requests: number;
  byStatus: Record<string, number>;
  feedRequests: number;
  pageRequests: number;
  /** Response bodies, as sent (gzipped where asked). */
  bodyBytes: number;
}

export type ServerRequest = ServerStart | { type: 'stats' } | { type: 'publish'; share: number; nowMs: number };
export type ServerReply =
  | { type: 'ready'; urls: string[]; hosts: string[] }
  | { type: 'stats'; stats: ServerStats }
  | { type: 'published'; feeds: number[] }
  | { type: 'failed'; error: string };

interface Feed {
  origin: string;
  path: string;
  title: string;
  items: NewsItem[];
  etag: string;
  xml: Buffer;
  gzipped: Buffer;
}

const stats: ServerStats = { requests: 0, byStatus: {}, feedRequests: 0, pageRequests: 0, bodyBytes: 0 };
const feeds: Feed[] = [];
const servers: Server[] = [];
let writer: NewsWriter;

function render(feed: Feed): void {
  const xml = Buffer.from(rssDocument(feed.title, feed.origin, feed.path, feed.items));
  feed.xml = xml;
  feed.gzipped = gzipSync(xml);
  feed.etag = `"${createHash('sha1').update(xml).digest('hex').slice(0, 20)}"`;
}

const matches = (ifNoneMatch: string | undefined, etag: string) =>
  ifNoneMatch !== undefined && ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);

function send(res: ServerResponse, status: number, headers: Record<string, string>, body?: Buffer): void {
  stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1;
  stats.bodyBytes += body?.length ?? 0;
  res.writeHead(status, body ? { ...headers, 'content-length': String(body.length) } : headers);
  res.end(body);
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  stats.requests++;
  const path = (req.url ?? '/').split('?')[0]!;
  const feedMatch = /^\/feeds\/(\d+)\.xml$/.exec(path);
  const pageMatch = /^\/feeds\/(\d+)\/items\/(\d+)\.html$/.exec(path);
  if (feedMatch) {
    stats.feedRequests++;
    const feed = feeds[Number(feedMatch[1])];
    if (!feed) return send(res, 404, {}, Buffer.from('no such feed\n'));
    if (matches(req.headers['if-none-match'], feed.etag)) return send(res, 304, { etag: feed.etag });
    const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    const headers: Record<string, string> = { 'content-type': 'application/rss+xml; charset=utf-8', etag: feed.etag, vary: 'accept-encoding' };
    if (gzip) headers['content-encoding'] = 'gzip';
    return send(res, 200, headers, gzip ? feed.gzipped : feed.xml);
  }
  if (pageMatch) {
    stats.pageRequests++;
    const item = feeds[Number(pageMatch[1])]?.items.find((i) => i.path === path);
    if (!item) return send(res, 404, {}, Buffer.from('no such item\n'));
    const page = `<!doctype html><html><head><title>${item.title}</title></head><body><article><h1>${item.title}</h1>${itemHtml(item)}</article></body></html>`;
    return send(res, 200, { 'content-type': 'text/html; charset=utf-8' }, Buffer.from(page));
  }
  send(res, 404, {}, Buffer.from('not found\n'));
}

async function start(options: ServerStart): Promise<ServerReply> {
  writer = new NewsWriter(options.seed);
  const hosts = Array.from({ length: options.hosts }, (_, i) => `127.0.0.${i + 1}`);
  const origins: string[] = [];
  for (const host of hosts) {
    const server = createServer(handle);
    // Sockets are not reused by the poller (agent: false); keep-alive would only hold them open.
    server.keepAliveTimeout = 1;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, host, () => resolve());
    });
    servers.push(server);
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error(`no port on ${host}`);
    origins.push(`http://${host}:${address.port}`);
  }
  for (let f = 0; f < options.feeds; f++) {
    const items = Array.from({ length: options.items }, (_, i) => writer.item(f, i, options.nowMs));
    items.sort((a, b) => b.published.getTime() - a.published.getTime());
    const feed: Feed = { origin: origins[f % origins.length]!, path: `/feeds/${f}.xml`, title: outletName(f), items, etag: '', xml: Buffer.alloc(0), gzipped: Buffer.alloc(0) };
    render(feed);
    feeds.push(feed);
  }
  return { type: 'ready', urls: feeds.map((f) => f.origin + f.path), hosts };
}

/** One new item, about the breaking story, on every feed whose index falls in `share` of them. */
function publish(share: number, nowMs: number): ServerReply {
  const every = Math.max(1, Math.round(1 / share));
  const changed: number[] = [];
  feeds.forEach((feed, f) => {
    if (f % every !== 0) return;
    feed.items.unshift(writer.breaking(f, feed.items.length, nowMs));
    render(feed);
    changed.push(f);
  });
  return { type: 'published', feeds: changed };
}

async function answer(message: ServerRequest): Promise<ServerReply> {
  switch (message.type) {
    case 'start': return start(message);
    case 'stats': return { type: 'stats', stats: structuredClone(stats) };
    case 'publish': return publish(message.share, message.nowMs);
  }
}

if (!process.send) {
  process.stderr.write('feeds-server: run by bench/feeds.ts (npm run bench:feeds), over an IPC channel\n');
  process.exit(2);
}
process.on('message', (message: ServerRequest) => {
  answer(message)
    .catch((err: unknown): ServerReply => ({ type: 'failed', error: (err as Error).message }))
    .then((reply) => process.send!(reply));
});
// The bench ended (or died): nothing of the server may outlive it.
process.on('disconnect', () => {
  for (const server of servers) server.close();
  process.exit(0);
});
