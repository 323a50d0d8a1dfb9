import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseFeedDocument } from '../../src/feeds/parse-feed.ts';
import { decodeFeedBytes } from '../../src/feeds/decode.ts';
import type { ParsedFeed } from '../../src/feeds/types.ts';

const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');
const URL_ = 'https://news.example.com/feed';

function parsed(text: string, name?: string): ParsedFeed {
  const r = parseFeedDocument(text, { url: URL_, name });
  assert.ok(r.ok, r.ok ? '' : r.reason);
  return r.feed;
}

test('RSS 2.0, RSS 1.0 (RDF), Atom and JSON Feed read into the same normalised item', () => {
  for (const [file, format] of [['rss2.xml', 'rss'], ['rdf.xml', 'rdf'], ['atom.xml', 'atom'], ['feed.json', 'json']] as const) {
    const feed = parsed(fixture(file));
    assert.equal(feed.format, format, file);
    assert.equal(feed.title, 'Example Wire', file);
    const item = feed.items[0]!;
    assert.equal(item.id, 'wire-1001', file);
    assert.equal(item.guid, 'wire-1001', file);
    assert.equal(item.title, 'Ghazni falls to the Taliban', file);
    assert.equal(item.outlet, 'Example Wire', file);
    assert.equal(item.published, '2021-08-12T10:30:00.000Z', file);
    assert.equal(item.canonicalLink, 'https://news.example.com/world/ghazni', file);
    assert.match(item.html ?? '', /seized the strategic city of <b>Ghazni<\/b>/, file);
    assert.equal(item.text, undefined, file);
  }
});

test('RSS: content:encoded is the body and the description its summary; a lone description is the body', () => {
  const [first, second] = parsed(fixture('rss2.xml')).items;
  assert.equal(first!.summary, 'The city fell on Thursday.');
  assert.match(first!.html!, /Officials confirmed it/);
  assert.equal(first!.link, 'https://news.example.com/world/ghazni?utm_source=rss&utm_medium=feed#top');
  assert.equal(second!.id, 'https://news.example.com/world/second', 'no guid: the canonical link');
  assert.equal(second!.html, '<p>Only a description.</p>');
  assert.equal(second!.summary, undefined);
});

test('a configured name is the outlet; an Atom relative link resolves against the feed URL', () => {
  const feed = parsed(fixture('atom.xml'), 'Wire Desk');
  assert.equal(feed.items[0]!.outlet, 'Wire Desk');
  assert.equal(feed.items[0]!.link, 'https://news.example.com/world/ghazni?utm_source=rss');
  assert.equal(feed.items[0]!.summary, 'The city fell on Thursday.');
});

const rss = (items: string, title = 'T') =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title>${items}</channel></rss>`;

test('titles with HTML come through as text; mention syntax stays text for the renderers to neutralise', () => {
  const feed = parsed(rss(`<item><guid>1</guid><title>&lt;b&gt;Big&lt;/b&gt; news &amp;amp; more @everyone &lt;@123&gt;</title></item>`));
  assert.equal(feed.items[0]!.title, 'Big news & more @everyone <@123>');
  const atom = parsed(`<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><id>1</id><title type="text">a &lt;b&gt; is literal</title><updated>2021-08-12T10:30:00Z</updated></entry></feed>`);
  assert.equal(atom.items[0]!.title, 'a <b> is literal');
});

test('duplicate guids in one document are kept once and counted', () => {
  const feed = parsed(rss(['first', 'second', 'third'].map((t, i) => `<item><guid>${i === 2 ? 'b' : 'a'}</guid><title>${t}</title></item>`).join('')));
  assert.deepEqual(feed.items.map((i) => i.title), ['first', 'third']);
  assert.equal(feed.duplicates, 1);
});

test('RSS <ttl> (minutes) becomes ttlMs; absent, zero or not a number gives none', () => {
  assert.equal(parsed(rss('<ttl>30</ttl>')).ttlMs, 30 * 60_000);
  for (const ttl of ['', '<ttl>0</ttl>', '<ttl>soon</ttl>']) assert.equal(parsed(rss(ttl)).ttlMs, undefined, ttl);
  assert.equal(parsed(fixture('atom.xml')).ttlMs, undefined);
});

test('items without guid or link get a stable hash identity', () => {
  const doc = rss(`<item><title>No ids</title><pubDate>Thu, 12 Aug 2021 10:30:00 GMT</pubDate><description>text</description></item>`);
  const a = parsed(doc).items[0]!;
  assert.match(a.id, /^hash:[0-9a-f]{32}$/);
  assert.equal(parsed(doc).items[0]!.id, a.id);
  const untitled = parsed(rss(`<item><description>&lt;p&gt;Words of the body here.&lt;/p&gt;</description></item>`)).items[0]!;
  assert.equal(untitled.title, 'Words of the body here.');
});

test('malformed XML, an HTML page, JSON that is no feed and an empty body give reasons, never a throw', () => {
  const bad = parseFeedDocument('<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><title>One');
  assert.equal(bad.ok, false);
  assert.match(bad.ok ? '' : bad.reason, /malformed|not a feed/);
  const html = parseFeedDocument('<!DOCTYPE html><html><head><title>Home</title></head><body><p>Hi</p></body></html>');
  assert.deepEqual(html, { ok: false, reason: 'not a feed: the address gives an HTML page, not RSS, Atom or JSON Feed' });
  for (const text of ['{"hello": 1}', '', 'plain words', '<root><a/></root>']) {
    const r = parseFeedDocument(text);
    assert.equal(r.ok, false, text);
    assert.match(r.ok ? '' : r.reason, /^(not a feed|malformed feed)/, text);
  }
});

/** windows-1251 bytes for Cyrillic and ASCII text (А..я are 0xC0..0xFF). */
function cp1251(text: string): Uint8Array {
  return Uint8Array.from([...text].map((ch) => {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) return c;
    if (c >= 0x410 && c <= 0x44f) return c - 0x410 + 0xc0;
    throw new Error(`not in the test encoder: ${ch}`);
  }));
}

test('a non-UTF-8 feed declared in its prolog decodes: ISO-8859-1 and windows-1251', () => {
  const latin = Buffer.from(`<?xml version="1.0" encoding="ISO-8859-1"?>${rss('<item><guid>1</guid><title>Café in Zürich</title></item>', 'Le Monde')}`, 'latin1');
  const l = decodeFeedBytes(latin, 'application/rss+xml');
  assert.equal(parsed(l.text).items[0]!.title, 'Café in Zürich');
  const cyr = cp1251(`<?xml version="1.0" encoding="windows-1251"?>${rss('<item><guid>1</guid><title>Привет мир</title></item>', 'Новости')}`);
  const c = decodeFeedBytes(cyr, 'text/xml');
  assert.equal(c.encoding, 'windows-1251');
  const feed = parsed(c.text);
  assert.equal(feed.title, 'Новости');
  assert.equal(feed.items[0]!.title, 'Привет мир');
});

test('decoding: a BOM wins, a Content-Type charset beats the prolog, a false UTF-8 charset falls back to the prolog', () => {
  const cyr = cp1251(`<?xml version="1.0" encoding="windows-1251"?><t>Мир</t>`);
  assert.equal(decodeFeedBytes(cyr, 'text/xml; charset=utf-8').encoding, 'windows-1251');
  assert.equal(decodeFeedBytes(Buffer.from('<t>é</t>', 'latin1'), 'text/xml; charset="ISO-8859-1"').text, '<t>é</t>');
  const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<?xml version="1.0" encoding="iso-8859-1"?><t>é</t>')]);
  assert.equal(decodeFeedBytes(bom).text, '<?xml version="1.0" encoding="iso-8859-1"?><t>é</t>');
  assert.equal(decodeFeedBytes(Buffer.from('<t>ok</t>'), 'text/xml; charset=no-such-charset').encoding, 'utf-8');
});

test('decoding: windows-1252 (and ISO-8859-1, which means it) keeps curly quotes, dashes and the euro sign', () => {
  // Node's own windows-1252 decoder would leave these bytes as invisible C1 controls.
  for (const label of ['windows-1252', 'ISO-8859-1']) {
    const bytes = Buffer.from(`<?xml version="1.0" encoding="${label}"?><t>\x93Caf\xe9\x94 \x97 5 \x80</t>`, 'latin1');
    assert.deepEqual(decodeFeedBytes(bytes), { text: `<?xml version="1.0" encoding="${label}"?><t>“Café” — 5 €</t>`, encoding: 'windows-1252' }, label);
  }
});
