import http from 'node:http';
import https from 'node:https';
import { isIP, type Socket } from 'node:net';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Transform } from 'node:stream';
import { addressRefusal, guardedLookup } from './address-policy.ts';
import { header, maxAgeMs, retryAfterMs } from './http-headers.ts';
import type { AddressPolicy, FetchLimits, FetchResult } from './types.ts';

export const DEFAULT_FETCH_LIMITS: FetchLimits = {
  connectTimeoutMs: 10_000,
  responseTimeoutMs: 30_000,
  maxBodyBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
};

export const DEFAULT_USER_AGENT = 'news-digest-bot/0.1 (self-hosted news digest bot; Node.js)';

const ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';

export interface FetchFeedOptions {
  policy: AddressPolicy;
  /** From the previous fetch of this URL: makes the request conditional. */
  etag?: string;
  lastModified?: string;
  limits?: Partial<FetchLimits>;
  userAgent?: string;
  /** The Accept header; by default the feed formats first. */
  accept?: string;
  /** Ends the fetch at once with an error result: how the poller stops without waiting out timeouts. */
  signal?: AbortSignal;
}

const CANCELLED = 'cancelled: the fetch was stopped';

type Hop = { kind: 'redirect'; location: string } | { kind: 'done'; result: FetchResult };

/** Why this URL may not be requested at all, before any connection. */
function urlRefusal(url: URL, policy: AddressPolicy): string | undefined {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `only http and https feeds are fetched, not ${url.protocol.replace(/:$/, '')}`;
  if (url.username || url.password) return 'a feed address with a user name or password is refused: no credentials are ever sent';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return isIP(host) ? addressRefusal(host, policy) : undefined;
}

function decompressor(encoding: string | undefined): Transform | null | undefined {
  switch ((encoding ?? 'identity').trim().toLowerCase()) {
    case 'identity': case '': return null;
    case 'gzip': case 'x-gzip': return createGunzip();
    case 'br': return createBrotliDecompress();
    case 'deflate': return createInflate();
    default: return undefined;
  }
}

/** One request to one URL, no redirects followed. Resolves once; never rejects. */
function requestOnce(url: URL, options: FetchFeedOptions, limits: FetchLimits, deadline: number): Promise<Hop> {
  return new Promise((resolve) => {
    const base = { finalUrl: url.href };
    const timers: NodeJS.Timeout[] = [];
    let settled = false;
    const onAbort = () => fail(CANCELLED);
    const finish = (hop: Hop) => {
      if (settled) return;
      settled = true;
      timers.forEach(clearTimeout);
      options.signal?.removeEventListener('abort', onAbort);
      resolve(hop);
    };
    const fail = (error: string, extra: Partial<FetchResult> = {}) => {
      finish({ kind: 'done', result: { status: 'error', ...base, ...extra, error } });
      req.destroy();
    };

    const headers: Record<string, string> = {
      'user-agent': options.userAgent ?? DEFAULT_USER_AGENT,
      accept: options.accept ?? ACCEPT,
      'accept-encoding': 'gzip, br',
    };
    if (options.etag) headers['if-none-match'] = options.etag;
    if (options.lastModified) headers['if-modified-since'] = options.lastModified;
    const client = url.protocol === 'https:' ? https : http;
    // agent: false gives a fresh socket each time, so no connection checked for another host is reused.
    // The path and host are passed apart: a URL object would send its user:password as Basic auth.
    const req = client.request({
      method: 'GET', protocol: url.protocol, hostname: url.hostname.replace(/^\[|\]$/g, ''), port: url.port || undefined,
      path: `${url.pathname}${url.search}`, headers, agent: false, lookup: guardedLookup(options.policy),
    });
    options.signal?.addEventListener('abort', onAbort, { once: true });

    timers.push(setTimeout(() => fail(`timed out: no complete response within ${limits.responseTimeoutMs} ms`), Math.max(0, deadline - Date.now())));
    req.on('socket', (socket: Socket) => {
      const connectTimer = setTimeout(() => fail(`timed out: could not connect within ${limits.connectTimeoutMs} ms`), limits.connectTimeoutMs);
      timers.push(connectTimer);
      socket.once('connect', () => {
        clearTimeout(connectTimer);
        // The address actually connected to, whatever resolved it.
        const refusal = addressRefusal(socket.remoteAddress ?? '', options.policy);
        if (refusal) fail(`refused: ${refusal}`);
      });
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRREFUSED') return fail(`refused: ${err.message}`);
      if (err.code === 'ENOTFOUND') return fail(`host not found: ${url.hostname}`);
      if (err.code === 'ECONNREFUSED') return fail(`connection refused by ${url.host}`);
      fail(`request failed: ${err.message}${err.code ? ` (${err.code})` : ''}`);
    });
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      const common: Partial<FetchResult> = { httpStatus: status, maxAgeMs: maxAgeMs(res.headers) };
      const location = header(res.headers, 'location');
      if ([301, 302, 303, 307, 308].includes(status) && location) {
        res.resume();
        return finish({ kind: 'redirect', location });
      }
      const validators = { etag: header(res.headers, 'etag'), lastModified: header(res.headers, 'last-modified') };
      if (status === 304) {
        res.resume();
        return finish({ kind: 'done', result: { status: 'not-modified', ...base, ...common, ...validators } });
      }
      if (status < 200 || status >= 300) {
        const retry = status === 429 || status === 503 ? retryAfterMs(res.headers) : undefined;
        return fail(`HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}`, { ...common, retryAfterMs: retry });
      }
      const tooBig = `body too large: over the limit of ${limits.maxBodyBytes} bytes`;
      if (Number(header(res.headers, 'content-length') ?? 0) > limits.maxBodyBytes) return fail(tooBig, common);
      const encoding = header(res.headers, 'content-encoding');
      const decoder = decompressor(encoding);
      if (decoder === undefined) return fail(`unsupported content encoding: ${encoding}`, common);
      let received = 0;
      let kept = 0;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > limits.maxBodyBytes) fail(tooBig, common);
      });
      const body = decoder ? res.pipe(decoder) : res;
      body.on('data', (chunk: Buffer) => {
        kept += chunk.length;
        // Counted after decompression too: a small gzip body can unpack to gigabytes.
        if (kept > limits.maxBodyBytes) return fail(`${tooBig} after decompression`, common);
        chunks.push(chunk);
      });
      body.on('error', (err) => fail(`could not decompress the ${encoding} body: ${err.message}`, common));
      res.on('error', (err) => fail(`response failed: ${err.message}`, common));
      res.on('aborted', () => fail('response cut off by the server', common));
      body.on('end', () => finish({
        kind: 'done',
        result: { status: 'ok', ...base, ...common, ...validators, body: new Uint8Array(Buffer.concat(chunks)), contentType: header(res.headers, 'content-type') },
      }));
    });
    req.end();
  });
}

/**
 * Fetches a feed once, politely: conditional on the last ETag and Last-Modified, compressed,
 * following at most `maxRedirects` redirects, every hop checked against the address policy.
 * Never throws for network or HTTP problems: they are `error` results with the reason in words.
 */
export async function fetchFeed(address: string, options: FetchFeedOptions): Promise<FetchResult> {
  const limits = { ...DEFAULT_FETCH_LIMITS, ...options.limits };
  const deadline = Date.now() + limits.responseTimeoutMs;
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return { status: 'error', finalUrl: address, error: `not a URL: ${address}` };
  }
  for (let redirects = 0; ; redirects++) {
    if (options.signal?.aborted) return { status: 'error', finalUrl: url.href, error: CANCELLED };
    const refusal = urlRefusal(url, options.policy);
    if (refusal) return { status: 'error', finalUrl: url.href, error: redirects ? `redirect refused: ${refusal}` : `refused: ${refusal}` };
    const hop = await requestOnce(url, options, limits, deadline);
    if (hop.kind === 'done') return hop.result;
    if (redirects >= limits.maxRedirects) return { status: 'error', finalUrl: url.href, error: `too many redirects (more than ${limits.maxRedirects})` };
    try {
      url = new URL(hop.location, url);
    } catch {
      return { status: 'error', finalUrl: url.href, error: `bad redirect location: ${hop.location}` };
    }
  }
}
