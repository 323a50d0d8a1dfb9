import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { FullTextMode } from '../config/feeds-file.ts';
import { looksLikeHtml } from '../core/load/html-to-article.ts';
import { limitNesting } from '../core/load/limit-nesting.ts';
import { prepareText, tidyBody, tidyLine } from '../core/load/tidy-text.ts';
import { decodeHtmlBytes } from './decode.ts';
import { fetchFeed, type FetchFeedOptions } from './fetch-feed.ts';
import { htmlToText } from './html-text.ts';

/**
 * Fewer words than this and the item is a teaser. Feeds that carry whole articles carry news
 * articles of 300 words and more; a summary is one to three sentences, a WordPress excerpt 55
 * words. 100 sits well between the two.
 */
export const TEASER_WORDS = 100;

/**
 * Readability's time grows with the page's tree (about a second for 30,000 elements on a 2-core machine), and it
 * runs on the event loop the chat adapters share. Article pages have a few thousand elements.
 */
export const DEFAULT_MAX_PAGE_ELEMENTS = 30_000;

/** A long read is some 50,000 characters; past this the text is cut at a paragraph end. */
export const DEFAULT_MAX_TEXT_CHARS = 100_000;

/**
 * Tags nested deeper are dropped (their text kept): a hostile page of 20,000 nested <div>s takes
 * the parser and Readability's recursion over ten seconds. html-to-article.ts uses the same bound.
 */
const MAX_NESTING = 200;

const HTML_TYPES: ReadonlySet<string> = new Set(['text/html', 'application/xhtml+xml']);
const ACCEPT_HTML = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.1';

// A Chinese or Japanese word is one or two characters with no space around it: each pair counts
// as a word, or a whole article in those scripts would count as a handful of words.
const WORD = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]{1,2}|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])[\p{L}\p{N}])+/gu;
// "…", "...", WordPress's "[…]": the feed cut the text, however long what is left.
const CUT_SHORT = /(?:…|\.{3}|\[\s*(?:…|\.{3})\s*\]|\(more(?:…|\.{3})?\))$/i;
// A last line that sends the reader to the page ("Continue reading Title →").
const READ_MORE = /^[[(]?\s*(?:read more|read the (?:full|rest of the|whole) (?:story|article|post)|continue reading|keep reading)\b.{0,120}$/i;
// Only a tag opening with a letter makes an element; `<@123>` and `a < b` are text.
const OPENING_TAG = /<[A-Za-z]/g;
// What a rebuilt page keeps in its <head>, where linkedom looks for the title; the rest goes to
// the body, where Readability drops whatever is not article text.
const HEAD_ELEMENTS: ReadonlySet<string> = new Set(['title', 'meta', 'link', 'base', 'style']);
const ELEMENT_NODE = 1;
const DOCUMENT_TYPE_NODE = 10;

/** What a full-text fetch gives: the article as plain paragraphs, or why there is none. */
export type FullText =
  | {
    ok: true;
    /** Plain text, paragraphs separated by one blank line; no markup, no script. */
    text: string;
    /** The article's title as the page states it, one line. */
    title?: string;
    /** The page's address after redirects. */
    url: string;
  }
  | { ok: false; reason: string };

/** The article extracted from a page's HTML (no address: nothing was fetched). */
export type ExtractedArticle = { ok: true; text: string; title?: string } | { ok: false; reason: string };

/** Limits of reading an article out of a page. */
export interface ExtractOptions {
  /** Pages with more elements are refused before they are parsed (DEFAULT_MAX_PAGE_ELEMENTS). */
  maxElements?: number;
  /** The text is cut at the last paragraph end before this (DEFAULT_MAX_TEXT_CHARS). */
  maxTextChars?: number;
}

/**
 * How an article page is fetched: the feed's address policy and limits, so a link in a feed
 * reaches no address the feed itself could not, and a page is bounded by the same maxBodyBytes.
 */
export type FullTextOptions = Pick<FetchFeedOptions, 'policy' | 'limits' | 'userAgent'> & ExtractOptions;

function countsAsTeaser(text: string): boolean {
  let words = 0;
  for (const _ of text.matchAll(WORD)) if (++words >= TEASER_WORDS) break;
  if (words < TEASER_WORDS) return true;
  const lastLine = text.slice(text.lastIndexOf('\n') + 1).trim();
  return CUT_SHORT.test(lastLine) || READ_MORE.test(lastLine);
}

/**
 * Whether an item's page should be fetched for its full text. `never` and `always` say so
 * themselves; `auto` fetches when the item's text is a teaser: fewer than {@link TEASER_WORDS}
 * words, or ending as a cut text does (an ellipsis, `[…]`, a "Read more" or "Continue reading" line).
 *
 * @param itemText - the item's body as the feed gives it, HTML or plain text; undefined when it has none
 */
export function needsFullText(mode: FullTextMode, itemText: string | undefined): boolean {
  if (mode === 'never') return false;
  if (mode === 'always') return true;
  return countsAsTeaser(htmlToText(itemText ?? ''));
}

/** The media type of a Content-Type header, lower case, without parameters. */
function mediaType(contentType: string | undefined): string | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return type === '' ? undefined : type;
}

function moreElementsThan(html: string, max: number): boolean {
  let elements = 0;
  for (const _ of html.matchAll(OPENING_TAG)) if (++elements > max) return true;
  return false;
}

type PageDocument = ReturnType<typeof parseHTML>['document'];

/** The little of linkedom's nodes that rebuilding a page's skeleton reads. */
interface PageNode {
  readonly nodeType: number;
  readonly localName?: string;
  readonly childNodes: Iterable<PageNode>;
  /** linkedom serialises a node as HTML: an element with its markup, a text escaped. */
  toString(): string;
}

/** Whether a parsed page has the <html> with <head> and <body> (and nothing else) that Readability reads. */
function hasSkeleton(document: PageDocument): boolean {
  const root = document.documentElement as PageNode | null;
  if (root?.localName !== 'html' || !document.body) return false;
  return [...root.childNodes].every((node) => node.nodeType !== ELEMENT_NODE || node.localName === 'head' || node.localName === 'body');
}

/** The nodes of a page with its <html>, <head> and <body> wrappers taken off. */
function contentNodes(nodes: Iterable<PageNode>): PageNode[] {
  return [...nodes].flatMap((node) => {
    if (node.nodeType === DOCUMENT_TYPE_NODE) return [];
    if (node.nodeType === ELEMENT_NODE && ['html', 'head', 'body'].includes(node.localName ?? '')) return contentNodes(node.childNodes);
    return [node];
  });
}

/**
 * Parses a page into the document a browser would build. Browsers imply the <html>, <head> and
 * <body> tags a page leaves out (minifiers drop them, as HTML allows); linkedom does not, and
 * Readability then finds no body (and throws on a missing one). Such a page is put back together
 * with its title and meta in the head and everything else in the body.
 */
function parsePage(html: string): PageDocument {
  const { document } = parseHTML(html);
  if (hasSkeleton(document)) return document;
  const nodes = contentNodes(document.childNodes as Iterable<PageNode>);
  const inHead = (node: PageNode) => node.nodeType === ELEMENT_NODE && HEAD_ELEMENTS.has(node.localName ?? '');
  const head = nodes.filter(inHead).join('');
  const body = nodes.filter((node) => !inHead(node)).join('');
  return parseHTML(`<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`).document;
}

const unreadable = (err: unknown) => ({ ok: false, reason: `could not read the page: ${err instanceof Error ? err.message : String(err)}` }) as const;

/** Text cut at the last paragraph end (else word end) that keeps it within `max` characters. */
function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  const paragraphEnd = text.lastIndexOf('\n\n', max);
  const cut = paragraphEnd > 0 ? paragraphEnd : text.lastIndexOf(' ', max);
  return text.slice(0, cut > 0 ? cut : max).trimEnd();
}

/**
 * Reads the main article out of a page's HTML with Readability (Firefox Reader View's algorithm)
 * and cleans it as article files are cleaned: plain paragraphs, invisible characters out, NFC.
 * Never throws: a page with no article, or too big to read, is `ok: false` with the reason.
 */
export function extractArticle(html: string, options: ExtractOptions = {}): ExtractedArticle {
  const maxElements = options.maxElements ?? DEFAULT_MAX_PAGE_ELEMENTS;
  // Counted in the markup, before any parsing: Readability's own maxElemsToParse counts with
  // getElementsByTagName('*'), which linkedom answers with no element, so it never refuses.
  if (moreElementsThan(html, maxElements)) return { ok: false, reason: `page too large to read: more than ${maxElements} elements` };
  try {
    const article = new Readability(parsePage(limitNesting(html, MAX_NESTING))).parse();
    const text = capText(tidyBody(prepareText(htmlToText(article?.content ?? '')), { dropPunctuationLines: true }), options.maxTextChars ?? DEFAULT_MAX_TEXT_CHARS);
    if (text === '') return { ok: false, reason: 'no article found on the page' };
    const title = article?.title ? tidyLine(article.title) : undefined;
    return title === undefined ? { ok: true, text } : { ok: true, text, title };
  } catch (err) {
    // Readability and the DOM under it are third-party code fed hostile pages.
    return unreadable(err);
  }
}

/**
 * Fetches an item's link and extracts its article as plain text: fetched by {@link fetchFeed}
 * (the address policy checked at every hop, the body and time limits, gzip and brotli), decoded by
 * its Content-Type charset or `<meta charset>`, then read by {@link extractArticle}. Only HTML
 * pages are read (a PDF or an image is refused); a response without a Content-Type is read when
 * its body is HTML. Never throws: every failure is `ok: false` with the reason in words.
 * The text can still be shorter than the feed's own (a paywall shows one paragraph): the caller
 * keeps the longer of the two.
 */
export async function fetchFullText(link: string, options: FullTextOptions): Promise<FullText> {
  try {
    const fetched = await fetchFeed(link, { policy: options.policy, limits: options.limits, userAgent: options.userAgent, accept: ACCEPT_HTML });
    if (fetched.status !== 'ok' || fetched.body === undefined) return { ok: false, reason: fetched.error ?? `no page (${fetched.status})` };
    const type = mediaType(fetched.contentType);
    if (type !== undefined && !HTML_TYPES.has(type)) return { ok: false, reason: `not an HTML page: the link gives ${type}` };
    const { text: html } = decodeHtmlBytes(fetched.body, fetched.contentType);
    if (type === undefined && !looksLikeHtml(html)) return { ok: false, reason: 'not an HTML page: no Content-Type, and the body is not HTML' };
    const article = extractArticle(html, options);
    return article.ok ? { ...article, url: fetched.finalUrl } : article;
  } catch (err) {
    return unreadable(err);
  }
}
