import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { contentHash, feedArticleOf } from '../../src/feeds/feed-article.ts';
import { parseFeedDocument } from '../../src/feeds/parse-feed.ts';
import type { FeedItem } from '../../src/feeds/types.ts';

const FEED = 'https://news.example.com/feed';
const item = (over: Partial<FeedItem> = {}): FeedItem => ({ id: 'g-1', title: 'Ghazni falls', outlet: 'Example Wire', ...over });

test('feed article: the fixture item keyed by its canonical link, HTML body as text, link without tracking', () => {
  const r = parseFeedDocument(readFileSync(new URL('fixtures/rss2.xml', import.meta.url), 'utf8'), { url: FEED });
  assert.ok(r.ok);
  const a = feedArticleOf(r.feed.items[0]!, FEED);
  assert.equal(a.key, 'https://news.example.com/world/ghazni');
  assert.equal(a.link, 'https://news.example.com/world/ghazni');
  assert.equal(a.itemId, 'wire-1001');
  assert.equal(a.title, 'Ghazni falls to the Taliban');
  assert.equal(a.outlet, 'Example Wire');
  assert.equal(a.published, '2021-08-12T10:30:00.000Z');
  assert.equal(a.text, 'The Taliban seized the strategic city of Ghazni on Thursday.\n\nOfficials confirmed it.');
  assert.match(a.contentHash, /^[0-9a-f]{32}$/);
  assert.equal(a.contentHash, contentHash(a.title, a.text));
});

test('feed article: without a canonical link the key is the feed URL and the item id', () => {
  const a = feedArticleOf(item({ text: 'Plain body.' }), FEED);
  assert.equal(a.key, `${FEED}#g-1`);
  assert.equal(a.link, undefined);
  assert.equal(a.published, undefined);
  assert.equal(a.text, 'Plain body.');
});

test('feed article: text falls back from body to summary to title', () => {
  assert.equal(feedArticleOf(item({ html: '<p> </p>', summary: 'The summary.' }), FEED).text, 'The summary.');
  assert.equal(feedArticleOf(item({ text: '  ' }), FEED).text, 'Ghazni falls');
  assert.equal(feedArticleOf(item(), FEED).text, 'Ghazni falls');
});

test('feed article: the hash changes with the title or the text, not with the date or link', () => {
  const base = feedArticleOf(item({ text: 'v1' }), FEED).contentHash;
  assert.equal(feedArticleOf(item({ text: 'v1', published: '2021-08-12T10:30:00.000Z', link: 'https://x.example/a' }), FEED).contentHash, base);
  assert.notEqual(feedArticleOf(item({ text: 'v2' }), FEED).contentHash, base);
  assert.notEqual(feedArticleOf(item({ text: 'v1', title: 'Ghazni fell' }), FEED).contentHash, base);
});
