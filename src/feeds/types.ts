/** One feed entry in the shape every format (RSS 2.0, RSS 1.0/RDF, Atom, JSON Feed) is read into. */
export interface FeedItem {
  /** Stable identity: the guid, else the canonical link, else `hash:` of title and date (see identity.ts). */
  id: string;
  guid?: string;
  link?: string;
  /** The link without tracking parameters or fragment, host lowercased. */
  canonicalLink?: string;
  /** Plain text: markup stripped, entities decoded. */
  title: string;
  /** The configured name of the feed, else its title, else its host. */
  outlet: string;
  /** ISO 8601 in UTC. */
  published?: string;
  /** The body as the feed gives it: HTML (RSS description/content:encoded, Atom html, JSON content_html)… */
  html?: string;
  /** …or plain text (Atom type="text", JSON content_text). At most one of the two is set. */
  text?: string;
  /** A separate short summary, as plain text, when the feed gives one beside the body. */
  summary?: string;
}

export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'json';

/** A parsed feed document. */
export interface ParsedFeed {
  format: FeedFormat;
  title: string;
  /** The site the feed belongs to, when it says. */
  homeUrl?: string;
  /** How long the feed asks to be cached (RSS <ttl>); the poller never polls it sooner. */
  ttlMs?: number;
  items: FeedItem[];
  /** Items dropped because an earlier item of the document had the same identity. */
  duplicates: number;
}

export type ParseResult = { ok: true; feed: ParsedFeed } | { ok: false; reason: string };

/** Limits of one fetch; every one has a default (DEFAULT_FETCH_LIMITS). */
export interface FetchLimits {
  /** From starting a request until its TCP connection is open. */
  connectTimeoutMs: number;
  /** From the first request until the last byte of the final response, redirects included. */
  responseTimeoutMs: number;
  /** The largest body accepted, counted both as received and after decompression. */
  maxBodyBytes: number;
  maxRedirects: number;
}

/** Which addresses a fetch may connect to. Chat users supply feed URLs: they are untrusted. */
export interface AddressPolicy {
  /** Allow loopback, private, link-local and other non-public addresses (FEEDS_ALLOW_PRIVATE). */
  allowPrivate: boolean;
  /** Exact addresses allowed even when allowPrivate is false (tests: a single loopback address). */
  allowAddresses?: readonly string[];
}

/** The outcome of one fetch. Network and HTTP problems are `error` results, never exceptions. */
export interface FetchResult {
  status: 'ok' | 'not-modified' | 'error';
  /** The response body, decompressed (ok only). */
  body?: Uint8Array;
  contentType?: string;
  etag?: string;
  lastModified?: string;
  /** The URL after redirects. */
  finalUrl: string;
  /** The HTTP status of the last response, when there was one. */
  httpStatus?: number;
  /** From Retry-After on a 429 or 503. */
  retryAfterMs?: number;
  /** From Cache-Control max-age. */
  maxAgeMs?: number;
  /** Why it failed, in words (error only). */
  error?: string;
}
