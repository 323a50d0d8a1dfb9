import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalLink, itemIdentity } from '../../src/feeds/identity.ts';

test('canonicalLink drops tracking parameters and the fragment, lowercases the host, keeps the rest', () => {
  assert.equal(
    canonicalLink('https://News.Example.COM:443/a/B?id=7&utm_source=rss&utm_medium=x&fbclid=abc&gclid=1#comments'),
    'https://news.example.com/a/B?id=7',
  );
  assert.equal(canonicalLink('http://example.com/x?utm_campaign=y'), 'http://example.com/x');
  assert.equal(canonicalLink('https://example.com/x?b=2&a=1'), 'https://example.com/x?b=2&a=1');
  assert.equal(canonicalLink('/relative', 'https://example.com/feed'), 'https://example.com/relative');
});

test('canonicalLink refuses what is not an http(s) URL and never keeps credentials', () => {
  assert.equal(canonicalLink('javascript:alert(1)'), undefined);
  assert.equal(canonicalLink('not a url'), undefined);
  assert.equal(canonicalLink(''), undefined);
  assert.equal(canonicalLink('https://user:pw@example.com/a'), 'https://example.com/a');
});

test('itemIdentity: guid first, then canonical link, then a stable hash of title and date', () => {
  assert.equal(itemIdentity({ guid: ' g-1 ', link: 'https://e.com/a' }), 'g-1');
  assert.equal(itemIdentity({ link: 'https://E.com/a?utm_source=x#f' }), 'https://e.com/a');
  assert.equal(itemIdentity({ link: 'https://e.com/a?fbclid=1' }), itemIdentity({ link: 'https://e.com/a' }));
  const a = itemIdentity({ title: 'Story', published: '2021-08-12T10:30:00.000Z' });
  assert.match(a, /^hash:[0-9a-f]{32}$/);
  assert.equal(itemIdentity({ title: 'Story', published: '2021-08-12T10:30:00.000Z' }), a);
  assert.notEqual(itemIdentity({ title: 'Story', published: '2021-08-13T10:30:00.000Z' }), a);
  assert.notEqual(itemIdentity({ title: 'Other story', published: '2021-08-12T10:30:00.000Z' }), a);
});
