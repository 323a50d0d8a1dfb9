import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { TestContext } from 'node:test';
import { serve } from './serve.ts';

export interface NewsItem {
  guid: string;
  title: string;
  text: string;
}

/** What one path of the server answers; tests change it between polls. */
export interface FeedRoute {
  title: string;
  items: NewsItem[];
  /** Answers given before the feed, one per request: `[{ status: 500 }, { status: 500 }]`. */
  failures: Array<{ status: number; headers?: OutgoingHttpHeaders }>;
  /** Waits this long before answering. */
  delayMs: number;
  /** Never answers (until the client gives up or the test ends). */
  hold: boolean;
  /** Answers a matching If-None-Match with 304. */
  conditional: boolean;
}

export interface FeedServer {
  url: string;
  /** Adds a path serving an RSS 2.0 document of the route's items; its full URL. */
  route(path: string, init?: Partial<FeedRoute>): { url: string; route: FeedRoute };
  /** Every request, in order, with when it arrived (Date.now()). */
  hits: Array<{ path: string; headers: IncomingHttpHeaders; at: number }>;
  /** Requests being answered now, and the most at any one time. */
  concurrency(): { now: number; max: number };
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function rssDocument(title: string, items: readonly NewsItem[]): string {
  const body = items.map((i) =>
    `<item><guid isPermaLink="false">${escapeXml(i.guid)}</guid><title>${escapeXml(i.title)}</title>` +
    `<link>https://news.example.com/${encodeURIComponent(i.guid)}</link><description>${escapeXml(i.text)}</description></item>`,
  ).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${escapeXml(title)}</title>${body}</channel></rss>`;
}

/** A local server of RSS feeds whose content, failures and speed each test sets per path. */
export async function feedServer(t: TestContext, host = '127.0.0.1'): Promise<FeedServer> {
  const routes = new Map<string, FeedRoute>();
  const hits: FeedServer['hits'] = [];
  let now = 0;
  let max = 0;
  const s = await serve(t, (req, res) => {
    const path = req.url ?? '/';
    hits.push({ path, headers: req.headers, at: Date.now() });
    now++;
    max = Math.max(max, now);
    res.on('close', () => now--);
    const route = routes.get(path);
    if (!route) return void res.writeHead(404).end();
    if (route.hold) return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).write('<?xml version="1.0"?>');
    const answer = () => {
      const failure = route.failures.shift();
      if (failure) return void res.writeHead(failure.status, failure.headers).end();
      const doc = rssDocument(route.title, route.items);
      const etag = `"${createHash('sha256').update(doc).digest('hex').slice(0, 16)}"`;
      if (route.conditional && req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag }).end(doc);
    };
    if (route.delayMs <= 0) return answer();
    const timer = setTimeout(answer, route.delayMs);
    res.on('close', () => clearTimeout(timer));
  }, host);
  return {
    url: s.url,
    hits,
    concurrency: () => ({ now, max }),
    route(path, init = {}) {
      const route: FeedRoute = { title: `Feed ${path}`, items: [], failures: [], delayMs: 0, hold: false, conditional: true, ...init };
      routes.set(path, route);
      return { url: `${s.url}${path}`, route };
    },
  };
}
