import { compile } from 'html-to-text';
// html-to-text decodes the body; <title> and <meta> values, read here with regular expressions,
// are decoded as a browser does: attribute rules for attributes, text rules for the title.
import { decodeHTML, decodeHTMLAttribute } from 'entities';
import { limitNesting } from './limit-nesting.ts';
import type { MetaInput } from './article-meta.ts';
import { prepareText, tidyBody } from './tidy-text.ts';

/** Text and stated metadata of one HTML page or fragment. */
export interface HtmlArticle {
  body: string;
  meta: MetaInput;
  siteHint?: string;
}

const SKIPPED = [
  'img', 'picture', 'svg', 'video', 'audio', 'canvas', 'iframe', 'object', 'script', 'style', 'template',
  'nav', 'footer', 'aside', 'form', 'button', 'select', 'noscript', 'figcaption', 'head', 'title',
];

// Compiled once: building the selector tree costs more than converting a typical article.
const convert = compile({
  wordwrap: false,
  // The loader enforces MAX_ARTICLE_BYTES; html-to-text would silently cut longer input at 16 MB.
  // Past this depth html-to-text stops descending; real pages stay far below it, and a hostile
  // page nested a hundred thousand deep would otherwise overflow the stack.
  limits: { maxInputLength: Number.MAX_SAFE_INTEGER, maxDepth: 200 },
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    ...SKIPPED.map((selector) => ({ selector, format: 'skip' })),
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
    { selector: 'p', options: { leadingLineBreaks: 2, trailingLineBreaks: 2 } },
    // Layout tables would otherwise glue neighbouring cells into one word.
    { selector: 'table', format: 'block' },
    ...['tr', 'td', 'th'].map((selector) => ({ selector, format: 'block', options: { leadingLineBreaks: 1, trailingLineBreaks: 1 } })),
  ],
});

const BLOCK_START = /^<(?:!doctype\s+html|html|head|body|p|div|article|section|main|header|h[1-6]|table|ul|ol|blockquote|figure|span|a|strong|em|b|i|br|meta|title|link)[\s>/]|^<!--/i;
const BLOCK_TAG = /<\/?(?:p|div|br|h[1-6]|li|ul|ol|article|section|table|tr|blockquote)\b[^>]*>/gi;

/** True when a file's text is HTML markup, even if the file is named `.txt`. */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 4096);
  if (!head.includes('<')) return false;
  if (BLOCK_START.test(head.trimStart())) return true;
  return (head.match(BLOCK_TAG)?.length ?? 0) >= 3;
}

function attributes(tag: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of tag.matchAll(/([^\s=/<>"']+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/g)) {
    if (m[1] !== undefined) attrs.set(m[1].toLowerCase(), decodeHTMLAttribute(m[2] ?? m[3] ?? m[4] ?? '').trim());
  }
  return attrs;
}

// Social and sharing links are everywhere; they say nothing about who wrote the page.
const NOT_OUTLETS = new Set(['twitter.com', 'x.com', 't.co', 'facebook.com', 'instagram.com', 'youtube.com', 'youtu.be', 'linkedin.com', 'whatsapp.com', 'api.whatsapp.com', 'wa.me', 'pinterest.com', 'reddit.com', 'google.com', 'telegram.me', 't.me']);

/** The domain (without `www.`) that the page's absolute links point to most; first seen wins ties. */
export function mostLinkedDomain(html: string): string | undefined {
  const counts = new Map<string, number>();
  let best: string | undefined;
  let bestCount = 0;
  for (const m of html.matchAll(/\bhref\s*=\s*["']?\s*(?:https?:)?\/\/([^/"'\s>?#:]+)/gi)) {
    const domain = (m[1] ?? '').toLowerCase().replace(/^www\./, '');
    if (domain === '' || NOT_OUTLETS.has(domain)) continue;
    const count = (counts.get(domain) ?? 0) + 1;
    counts.set(domain, count);
    if (count > bestCount) [best, bestCount] = [domain, count];
  }
  return best;
}

function pageMeta(html: string): MetaInput {
  const bodyAt = html.search(/<body[\s>]/i);
  const head = bodyAt < 0 ? html : html.slice(0, bodyAt);
  const named = new Map<string, string>();
  let canonical: string | undefined;
  for (const [tag] of head.matchAll(/<(?:meta|link)\b[^>]*>/gi)) {
    const attrs = attributes(tag);
    const content = attrs.get('content');
    const key = (attrs.get('property') ?? attrs.get('name') ?? attrs.get('itemprop'))?.toLowerCase();
    if (key !== undefined && content && !named.has(key)) named.set(key, content);
    const rel = attrs.get('rel')?.toLowerCase().split(/\s+/);
    if (rel?.includes('canonical') && canonical === undefined) canonical = attrs.get('href');
  }
  const titleTag = /<title\b[^>]*>([\s\S]*?)<\/title>/i.exec(head)?.[1];
  const source = named.get('og:site_name');
  const time = /<time\b[^>]*\bdatetime\s*=\s*["']?([^"'\s>]+)/i.exec(html)?.[1];
  const ldDate = /"datePublished"\s*:\s*"([^"]+)"/.exec(html)?.[1];
  let title = named.get('og:title') ?? named.get('twitter:title');
  if (title === undefined && titleTag !== undefined) {
    title = decodeHTML(titleTag).trim();
    // "Headline | Outlet": the outlet is already the source.
    if (source !== undefined && title.endsWith(source)) title = title.slice(0, -source.length).replace(/\s*[|\-–—:·]\s*$/, '');
  }
  const ogUrl = named.get('og:url');
  return {
    title,
    source,
    url: canonical !== undefined && /^https?:\/\//i.test(canonical) ? canonical : (ogUrl ?? canonical),
    published: named.get('article:published_time') ?? named.get('datepublished') ?? named.get('pubdate') ?? named.get('date') ?? time ?? ldDate,
  };
}

/** Converts an HTML page or fragment to plain paragraphs plus whatever metadata it states. */
export function htmlToArticle(html: string): HtmlArticle {
  const meta = pageMeta(html);
  // List bullets are layout, not text. Decoded entities (&#8203;, &shy;) need preparing again.
  const text = prepareText(convert(limitNesting(html, 200)).replace(/^ \* /gm, ''));
  const body = tidyBody(text, { dropPunctuationLines: true });
  if (meta.source !== undefined || meta.url !== undefined) return { body, meta };
  const siteHint = mostLinkedDomain(html);
  return siteHint === undefined ? { body, meta } : { body, meta, siteHint };
}
