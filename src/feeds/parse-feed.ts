import { parseFeed, type AnyFeed } from 'feedsmith';
import { rawFeedOf, type RawItem } from './feed-formats.ts';
import { htmlToLine, htmlToText, oneLine } from './html-text.ts';
import { canonicalLink, itemIdentity } from './identity.ts';
import type { FeedItem, ParsedFeed, ParseResult } from './types.ts';

/** Where a feed document came from, for its outlet name and relative links. */
export interface FeedSource {
  /** The configured name; wins over the feed's own title as the outlet. */
  name?: string;
  /** The URL it was fetched from (after redirects): resolves relative links, names the outlet last. */
  url?: string;
}

const HTML_PAGE = /^\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]/i;

function isoDate(value: string | undefined): string | undefined {
  if (!value?.trim()) return undefined;
  const ms = Date.parse(value.trim());
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

function absolute(link: string | undefined, base: string | undefined): string | undefined {
  if (!link?.trim()) return undefined;
  try {
    return new URL(link.trim(), base).href;
  } catch {
    return undefined;
  }
}

function hostOf(url: string | undefined): string | undefined {
  try {
    return url ? new URL(url).hostname.replace(/^www\./, '') : undefined;
  } catch {
    return undefined;
  }
}

const firstWords = (text: string, n: number) => text.split(/\s+/).slice(0, n).join(' ');

function normalise(raw: RawItem, outlet: string, base: string | undefined): FeedItem {
  const link = absolute(raw.link, base);
  const canonical = canonicalLink(link);
  const published = isoDate(raw.published);
  const html = raw.html?.trim() ? raw.html : undefined;
  const text = html === undefined && raw.text?.trim() ? raw.text.trim() : undefined;
  let title = raw.title === undefined ? '' : raw.titleIsHtml ? htmlToLine(raw.title) : oneLine(raw.title);
  // An untitled item (allowed in RSS and JSON Feed) is named by its first words.
  if (!title) title = firstWords(oneLine(text ?? htmlToText(html ?? '')), 12) || link || '(untitled)';
  const guid = raw.guid?.trim() || undefined;
  const summary = raw.summaryHtml?.trim() ? htmlToText(raw.summaryHtml) : undefined;
  const item: FeedItem = { id: itemIdentity({ guid, link: canonical, title, published }), title, outlet };
  if (guid) item.guid = guid;
  if (link) item.link = link;
  if (canonical) item.canonicalLink = canonical;
  if (published) item.published = published;
  if (html !== undefined) item.html = html;
  if (text !== undefined) item.text = text;
  if (summary) item.summary = summary;
  return item;
}

/**
 * Reads a feed document (RSS 2.0, RSS 1.0/RDF, Atom or JSON Feed, already decoded to text) into
 * normalised items. Never throws: a malformed document or one that is not a feed is a reason.
 * Items with an identity seen earlier in the document are dropped and counted.
 */
export function parseFeedDocument(text: string, source: FeedSource = {}): ParseResult {
  if (!text.trim()) return { ok: false, reason: 'not a feed: the document is empty' };
  let parsed: AnyFeed;
  try {
    parsed = parseFeed<string>(text);
  } catch (err) {
    if (HTML_PAGE.test(text)) return { ok: false, reason: 'not a feed: the address gives an HTML page, not RSS, Atom or JSON Feed' };
    const message = (err as Error).message;
    if (/unrecognized/i.test(message)) return { ok: false, reason: 'not a feed: neither RSS, Atom, RDF nor JSON Feed' };
    return { ok: false, reason: `malformed feed: ${message}` };
  }
  const raw = rawFeedOf(parsed);
  const feedTitle = raw.title === undefined ? '' : raw.titleIsHtml ? htmlToLine(raw.title) : oneLine(raw.title);
  const outlet = source.name?.trim() || feedTitle || hostOf(source.url) || hostOf(raw.homeUrl) || 'unknown feed';
  const seen = new Set<string>();
  const items: FeedItem[] = [];
  for (const r of raw.items) {
    const item = normalise(r, outlet, source.url);
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    items.push(item);
  }
  const feed: ParsedFeed = {
    format: parsed.format, title: feedTitle || outlet, homeUrl: absolute(raw.homeUrl, source.url),
    items, duplicates: raw.items.length - items.length,
  };
  const ttl = raw.ttlMinutes;
  if (typeof ttl === 'number' && Number.isFinite(ttl) && ttl > 0) feed.ttlMs = ttl * 60_000;
  return { ok: true, feed };
}
