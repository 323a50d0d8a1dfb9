import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { decodeHtmlBytes } from '../../src/feeds/decode.ts';
import { extractArticle, fetchFullText, needsFullText, type ExtractedArticle, type FullText, type FullTextOptions } from '../../src/feeds/full-text.ts';
import { serve } from './serve.ts';

const ARTICLE = readFileSync(new URL('fixtures/article.html', import.meta.url), 'utf8');
const LOCAL: FullTextOptions = { policy: { allowPrivate: true }, limits: { responseTimeoutMs: 5_000, connectTimeoutMs: 2_000 } };
const HTML = { 'content-type': 'text/html; charset=utf-8' };

const PARAGRAPHS = [
  'The Harbour Bridge reopened to traffic on Thursday morning, two years after engineers closed it when routine inspections found corrosion in the steel cables that hold up its central span.',
  "The first cars crossed shortly after six o'clock, watched by a small crowd of commuters who had spent the past two winters on a diversion that added forty minutes to the journey into the city centre.",
  'The repair cost 184 million euros, about a third more than the council first estimated. Officials blamed the overrun on the price of steel and on a six-month delay while a specialist crew was brought in from abroad to replace the main cables one strand at a time.',
  '"We were not prepared to reopen a single day before every cable had been tested twice," said the city\'s chief engineer, Tomas Berg.',
  'Local shop owners on the southern approach said trade had fallen by half during the closure. Several said they would wait to see whether customers returned before they took on the staff they had let go.',
  'On the residents\' chat server, a moderator posted "@everyone the bridge is open" and thanked <@123> and <@456> for keeping the diversion map up to date for two years.',
  'The council said a weight limit of forty tonnes would remain in place until the summer, when a final load test is due. Cyclists will have a separate lane for the first time, after a campaign that gathered more than twelve thousand signatures.',
];
// One phrase from each piece of page furniture the fixture has around the article.
const BOILERPLATE = [
  'Skip to content', 'Politics', 'Search the Herald', 'BREAKING', 'Share on', 'Copy link', 'Herald staff', 'Related', 'Ferry timetable',
  'Tags:', 'Comments (3)', 'harbourfan', 'Took them long enough', 'Join the discussion', 'Most read', 'Storm warning', 'Advertisement',
  'morning briefing', 'Sign up', 'About us', 'Privacy policy', 'All rights reserved', 'cookies', 'dataLayer', 'gtag', 'tracking-pixel', 'animation',
];

function okText(r: FullText | ExtractedArticle): string {
  assert.ok(r.ok, r.ok ? '' : r.reason);
  return r.text;
}

function reason(r: FullText): string {
  assert.equal(r.ok, false, 'expected a refusal');
  return r.ok ? '' : r.reason;
}

test('full text: a news page gives the article paragraphs, none of the navigation, comments, sidebar, footer or script', async (t) => {
  const s = await serve(t, (_req, res) => res.writeHead(200, HTML).end(ARTICLE));
  const r = await fetchFullText(`${s.url}/news/harbour-bridge`, LOCAL);
  const text = okText(r);
  assert.equal(r.ok && r.title, 'Harbour bridge reopens after two-year repair');
  assert.equal(r.ok && r.url, `${s.url}/news/harbour-bridge`);
  const paragraphs = text.split('\n\n').map((p) => p.replace(/^> /, ''));
  for (const p of PARAGRAPHS) assert.ok(paragraphs.includes(p), `missing paragraph: ${p}`);
  for (const b of BOILERPLATE) assert.ok(!text.includes(b), `boilerplate kept: ${b}`);
  assert.doesNotMatch(text, /<[a-z/!]/i, 'no markup');
  assert.match(s.requests[0]!.accept ?? '', /^text\/html\b/, 'asks for a page, not a feed');
});

test('full text: mention syntax in the page (<@123>, &lt;@456&gt;, @everyone) stays as plain text', () => {
  const text = okText(extractArticle(ARTICLE));
  assert.ok(text.includes('thanked <@123> and <@456> for keeping'));
  assert.ok(text.includes('"@everyone the bridge is open"'));
});

test('full text: a windows-1252 page declared by <meta charset>, and an ISO-8859-1 one by http-equiv, decode', async (t) => {
  // 0x93/0x94 are curly quotes, 0x97 an em dash, 0x80 the euro sign: ISO-8859-1 has none of them.
  const words = 'The caf\xe9 in Z\xfcrich reopened \x93with new owners\x94 \x97 coffee now costs 5 \x80. ';
  const page = (head: string) => Buffer.from(`<!DOCTYPE html><html><head>${head}<title>Caf\xe9</title></head><body><article><p>${words.repeat(8)}</p><p>${words.repeat(6)}</p></article></body></html>`, 'latin1');
  const s = await serve(t, (req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(page(req.url === '/meta' ? '<meta charset="windows-1252">' : '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'));
  });
  for (const path of ['/meta', '/http-equiv']) {
    const text = okText(await fetchFullText(`${s.url}${path}`, LOCAL));
    assert.ok(text.startsWith('The café in Zürich reopened “with new owners” — coffee now costs 5 €.'), `${path}: ${text.slice(0, 80)}`);
  }
});

test('decoding HTML: the Content-Type charset beats the meta one; a meta naming UTF-16 means UTF-8; no label means UTF-8', () => {
  const latin = Buffer.from('<meta charset="utf-8"><p>Caf\xe9</p>', 'latin1');
  assert.deepEqual(decodeHtmlBytes(latin, 'text/html; charset=iso-8859-1'), { text: '<meta charset="utf-8"><p>Café</p>', encoding: 'windows-1252' });
  assert.equal(decodeHtmlBytes(Buffer.from('<meta charset="utf-16"><p>Café</p>'), 'text/html').text, '<meta charset="utf-16"><p>Café</p>');
  assert.equal(decodeHtmlBytes(Buffer.from('<p>Café</p>')).encoding, 'utf-8');
  // Past the first 1024 bytes a charset is the page's text, not its encoding.
  const late = Buffer.from(`<p>${'x'.repeat(1100)}</p><code>&lt;meta charset="koi8-r"&gt;</code><meta charset="koi8-r"><p>Café</p>`);
  assert.equal(decodeHtmlBytes(late).encoding, 'utf-8');
});

test('full text: a PDF, an image and an over-long page are refused with reasons; no Content-Type is read only when it is HTML', async (t) => {
  const s = await serve(t, (req, res) => {
    if (req.url === '/report.pdf') res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj');
    else if (req.url === '/photo') res.writeHead(200, { 'content-type': 'image/jpeg' }).end(Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
    else if (req.url === '/huge') res.writeHead(200, HTML).end(ARTICLE.replace('</article>', `${'<p>More words to fill the page. </p>'.repeat(3_000)}</article>`));
    else if (req.url === '/untyped-html') res.end(ARTICLE);
    else res.end('%PDF-1.7 not a page');
  });
  assert.equal(reason(await fetchFullText(`${s.url}/report.pdf`, LOCAL)), 'not an HTML page: the link gives application/pdf');
  assert.equal(reason(await fetchFullText(`${s.url}/photo`, LOCAL)), 'not an HTML page: the link gives image/jpeg');
  const limited = { ...LOCAL, limits: { ...LOCAL.limits, maxBodyBytes: 50_000 } };
  assert.match(reason(await fetchFullText(`${s.url}/huge`, limited)), /^body too large: over the limit of 50000 bytes/);
  assert.ok((await fetchFullText(`${s.url}/untyped-html`, limited)).ok, 'the fixture itself is within the limit');
  assert.equal(reason(await fetchFullText(`${s.url}/untyped-other`, LOCAL)), 'not an HTML page: no Content-Type, and the body is not HTML');
});

test('full text: a private address is refused under a strict policy, directly and through a redirect, nothing requested', async (t) => {
  const inside = await serve(t, (_req, res) => res.writeHead(200, HTML).end(ARTICLE), '127.0.0.2');
  const s = await serve(t, (_req, res) => res.writeHead(302, { location: `${inside.url}/article` }).end());
  const direct = await fetchFullText(`${inside.url}/article`, { ...LOCAL, policy: { allowPrivate: false } });
  assert.match(reason(direct), /^refused: 127\.0\.0\.2 is a loopback address, not a public one/);
  const redirected = await fetchFullText(s.url, { ...LOCAL, policy: { allowPrivate: false, allowAddresses: ['127.0.0.1'] } });
  assert.match(reason(redirected), /^redirect refused: 127\.0\.0\.2 is a loopback address/);
  assert.equal(inside.requests.length, 0, 'nothing reached the private server');
  assert.match(reason(await fetchFullText('file:///etc/passwd', LOCAL)), /only http and https/);
});

test('full text: a page with no article, an empty body and an HTTP error are ok:false with a reason', async (t) => {
  const s = await serve(t, (req, res) => {
    if (req.url === '/empty-body') res.writeHead(200, HTML).end('<!DOCTYPE html><html><head><title>Nothing here</title></head><body></body></html>');
    else if (req.url === '/zero-bytes') res.writeHead(200, HTML).end();
    else res.writeHead(404).end('gone');
  });
  assert.equal(reason(await fetchFullText(`${s.url}/empty-body`, LOCAL)), 'no article found on the page');
  assert.equal(reason(await fetchFullText(`${s.url}/zero-bytes`, LOCAL)), 'no article found on the page');
  assert.equal(reason(await fetchFullText(`${s.url}/missing`, LOCAL)), 'HTTP 404 Not Found');
});

test('extract: a minified page without <html>, <head> and <body> tags reads as a browser reads it', () => {
  const minified = ARTICLE.replace(/<\/?(?:html|head|body)\b[^>]*>/g, '');
  const r = extractArticle(minified);
  assert.ok(r.ok, r.ok ? '' : r.reason);
  assert.equal(r.title, 'Harbour bridge reopens after two-year repair');
  for (const p of PARAGRAPHS.slice(0, 3)) assert.ok(r.text.includes(p), p);
  assert.ok(!r.text.includes('Most read'));
  // Only <body> left out: linkedom puts the article in <html> beside an empty body.
  const noBody = extractArticle(ARTICLE.replace(/<\/?body\b[^>]*>/g, ''));
  assert.ok(noBody.ok && noBody.text.includes(PARAGRAPHS[0]!));
});

test('extract: a page with too many elements is refused before parsing; a deeply nested one is read; long text is cut at a paragraph', () => {
  assert.deepEqual(extractArticle(ARTICLE, { maxElements: 50 }), { ok: false, reason: 'page too large to read: more than 50 elements' });
  const deep = extractArticle(`<html><body>${'<div>'.repeat(20_000)}<p>${PARAGRAPHS[0]}</p></body></html>`, { maxElements: 100_000 });
  assert.ok(deep.ok && deep.text === PARAGRAPHS[0], deep.ok ? deep.text : deep.reason);
  const cut = extractArticle(ARTICLE, { maxTextChars: 500 });
  assert.ok(cut.ok);
  assert.equal(cut.text, PARAGRAPHS.slice(0, 2).join('\n\n'));
});

test('needsFullText: never and always decide alone; auto fetches for a short text or one cut off', () => {
  const long = Array.from({ length: 20 }, (_, i) => `Sentence ${i} of the article says a little more.`).join(' ');
  assert.ok(long.split(' ').length >= 100);
  for (const text of [undefined, '', 'A short teaser.', long]) {
    assert.equal(needsFullText('never', text), false, `never: ${text?.slice(0, 20)}`);
    assert.equal(needsFullText('always', text), true, `always: ${text?.slice(0, 20)}`);
  }
  assert.equal(needsFullText('auto', undefined), true, 'no text at all');
  assert.equal(needsFullText('auto', ''), true);
  assert.equal(needsFullText('auto', 'The council approved the budget on Tuesday.'), true, 'one sentence');
  assert.equal(needsFullText('auto', long), false, 'a whole article');
  assert.equal(needsFullText('auto', `${long}\n\nIt goes on…`), true, 'an ellipsis');
  assert.equal(needsFullText('auto', `<p>${long} It goes on [&#8230;]</p>`), true, "WordPress's excerpt mark, in HTML");
  assert.equal(needsFullText('auto', `${long}\n\nContinue reading Harbour bridge reopens →`), true, 'a read-more line');
  assert.equal(needsFullText('auto', `<p>${long}</p><p><a href="/x">Read more</a></p>`), true, 'a read-more link');
  assert.equal(needsFullText('auto', `<p>${long}</p><p>${long}</p>`), false, 'a whole article in HTML');
  assert.equal(needsFullText('auto', `${long} We will read more about it tomorrow.`), false, '"read more" inside a sentence');
  // Chinese has no spaces: two characters make about a word.
  assert.equal(needsFullText('auto', '港口大桥周四重新开放。'.repeat(25)), false, '275 Chinese characters');
  assert.equal(needsFullText('auto', '港口大桥周四重新开放。'), true, 'one Chinese sentence');
});
