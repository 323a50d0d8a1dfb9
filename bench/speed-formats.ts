/**
 * Renders one synthetic article in each of the formats the loader reads, the way such files
 * arrive in practice: a .txt with a headline line and a byline or wire dateline, Markdown with
 * front matter, a whole HTML page with navigation around the article, a NewsAPI-style JSON object.
 */

export type Format = 'txt' | 'md' | 'html' | 'json';

/** Shares of each format in a generated corpus: mostly plain text, as scraped folders are. */
export const FORMAT_SHARES: Record<Format, number> = { txt: 0.7, md: 0.15, html: 0.08, json: 0.07 };

export interface Outlet {
  name: string;
  domain: string;
  /** A wire agency files with a dateline ("LONDON, Aug 12, 2021 (Reuters) - ") instead of a byline. */
  wire: boolean;
}

/** Everything a file states about an article; the body is real sentences. */
export interface ArticleContent {
  title: string;
  outlet: Outlet;
  author: string;
  /** Dateline place, upper case. */
  place: string;
  /** YYYY-MM-DD. */
  published: string;
  slug: string;
  paragraphs: string[];
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function humanDate(iso: string, withYear = true): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return `${MONTHS[month - 1]} ${day}${withYear ? `, ${year}` : ''}`;
}

const url = (a: ArticleContent) => `https://www.${a.outlet.domain}/${a.published.replaceAll('-', '/')}/${a.slug}`;

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function txt(a: ArticleContent): string {
  if (a.outlet.wire) {
    const [lead, ...rest] = a.paragraphs;
    const dateline = `${a.place}, ${humanDate(a.published)} (${a.outlet.name}) - ${lead}`;
    return [a.title, dateline, ...rest].join('\n\n') + '\n';
  }
  const byline = `By ${a.author} | ${a.outlet.name}\nUpdated: ${humanDate(a.published)}`;
  return [a.title, byline, ...a.paragraphs].join('\n\n') + '\n';
}

function md(a: ArticleContent): string {
  // JSON strings are valid YAML double-quoted scalars, whatever the title holds.
  const front = ['---', `title: ${JSON.stringify(a.title)}`, `source: ${a.outlet.name}`, `url: ${url(a)}`, `published: ${a.published}`, '---'];
  return [front.join('\n'), `# ${a.title}`, ...a.paragraphs].join('\n\n') + '\n';
}

function html(a: ArticleContent): string {
  const year = a.published.slice(0, 4);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(a.title)} | ${escapeHtml(a.outlet.name)}</title>
<meta property="og:site_name" content="${escapeHtml(a.outlet.name)}">
<meta property="article:published_time" content="${a.published}T08:00:00Z">
<link rel="canonical" href="${url(a)}">
<script>window.dataLayer = window.dataLayer || [];</script>
</head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a> <a href="/sport">Sport</a></nav>
<main><article>
<h1>${escapeHtml(a.title)}</h1>
<p class="byline">By ${escapeHtml(a.author)}</p>
${a.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
</article>
<aside><h2>Most read</h2><ul><li><a href="/a">Markets close higher</a></li><li><a href="/b">Weather warning issued</a></li></ul></aside></main>
<footer>&copy; ${year} ${escapeHtml(a.outlet.name)}. All rights reserved.</footer>
</body>
</html>
`;
}

function json(a: ArticleContent): string {
  const record = {
    source: { id: null, name: a.outlet.name },
    author: a.author,
    title: a.title,
    url: url(a),
    publishedAt: `${a.published}T08:00:00Z`,
    content: a.paragraphs.join('\n\n'),
  };
  return JSON.stringify(record, null, 2) + '\n';
}

/** The file's text for an article in the given format. */
export function renderArticle(format: Format, article: ArticleContent): string {
  switch (format) {
    case 'txt':
      return txt(article);
    case 'md':
      return md(article);
    case 'html':
      return html(article);
    case 'json':
      return json(article);
  }
}
