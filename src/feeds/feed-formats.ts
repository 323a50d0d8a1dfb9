import type { AnyFeed } from 'feedsmith';

/** One item's fields as its format gives them, before normalising. */
export interface RawItem {
  guid?: string;
  link?: string;
  title?: string;
  /** Whether the title may hold markup (everything but an Atom text title). */
  titleIsHtml: boolean;
  published?: string;
  html?: string;
  text?: string;
  /** A summary beside a fuller body, as HTML. */
  summaryHtml?: string;
}

/** The parts of a feed the normaliser reads, whatever the format. */
export interface RawFeed {
  title?: string;
  titleIsHtml: boolean;
  homeUrl?: string;
  /** RSS 2.0 <ttl>: minutes the feed may be cached before it is read again. */
  ttlMinutes?: number;
  items: RawItem[];
}

type AtomText = { value?: string; type?: string } | undefined;
const atomIsHtml = (t: AtomText) => t?.type === 'html' || t?.type === 'xhtml';

function atomLink(links: Array<{ href?: string; rel?: string }> | undefined): string | undefined {
  return (links?.find((l) => (l.rel ?? 'alternate') === 'alternate') ?? links?.find((l) => l.rel !== 'self'))?.href;
}

/** Maps the structure feedsmith reads (which mirrors each format) to RawFeed. */
export function rawFeedOf(parsed: AnyFeed): RawFeed {
  switch (parsed.format) {
    case 'rss': {
      const f = parsed.feed;
      return {
        title: f.title, titleIsHtml: true, homeUrl: f.link, ttlMinutes: f.ttl,
        items: (f.items ?? []).map((i) => {
          const full = i.content?.encoded;
          // A guid marked isPermaLink (the default) is the item's link when it names no other.
          const permalink = i.guid?.isPermaLink !== false && /^https?:\/\//i.test(i.guid?.value ?? '') ? i.guid?.value : undefined;
          return {
            guid: i.guid?.value, link: i.link ?? permalink, title: i.title, titleIsHtml: true,
            published: i.pubDate ?? i.dc?.dates?.[0],
            html: full ?? i.description, summaryHtml: full ? i.description : undefined,
          };
        }),
      };
    }
    case 'rdf': {
      const f = parsed.feed;
      return {
        title: f.title, titleIsHtml: true, homeUrl: f.link,
        items: (f.items ?? []).map((i) => {
          const full = i.content?.encoded;
          return {
            guid: i.rdf?.about, link: i.link, title: i.title, titleIsHtml: true, published: i.dc?.dates?.[0],
            html: full ?? i.description, summaryHtml: full ? i.description : undefined,
          };
        }),
      };
    }
    case 'atom': {
      const f = parsed.feed;
      return {
        title: f.title?.value, titleIsHtml: atomIsHtml(f.title), homeUrl: atomLink(f.links),
        items: (f.entries ?? []).map((e) => {
          const body = e.content?.value !== undefined ? e.content : e.summary;
          const bodyIsHtml = atomIsHtml(body);
          return {
            guid: e.id, link: atomLink(e.links), title: e.title?.value, titleIsHtml: atomIsHtml(e.title),
            published: e.published ?? e.updated,
            html: bodyIsHtml ? body?.value : undefined, text: bodyIsHtml ? undefined : body?.value,
            summaryHtml: e.content?.value !== undefined ? e.summary?.value : undefined,
          };
        }),
      };
    }
    case 'json': {
      const f = parsed.feed;
      return {
        title: f.title, titleIsHtml: true, homeUrl: f.home_page_url,
        items: (f.items ?? []).map((i) => ({
          guid: i.id, link: i.url ?? i.external_url, title: i.title, titleIsHtml: true,
          published: i.date_published ?? i.date_modified,
          html: i.content_html, text: i.content_html === undefined ? i.content_text : undefined, summaryHtml: i.summary,
        })),
      };
    }
  }
}
