import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeMrkdwn, slackLink } from '../../src/adapters/slack/mrkdwn.ts';
import { renderDigest } from '../../src/adapters/slack/render-digest.ts';
import type { Digest } from '../../src/core/types.ts';
import { tempArticles } from '../helpers/fixtures.ts';
import { BUDGETS, loadedCorpus, startSlackHarness, type SlackHarness } from '../fakes/slack/harness.ts';

const HOSTILE =
  'The mayor of Zarqa warned <!channel> and <!here> on Monday, telling <@U123> in <#C1> to open <https://evil.example|click> because @everyone & *everybody* must leave Zarqa.';

const articles = tempArticles({
  'hostile.json': JSON.stringify({
    title: 'Zarqa floods <@U999>',
    source: 'Evil | <!channel> News',
    url: 'https://news.example/zarqa?a=1&b=2',
    text: `${HOSTILE}\n\nFloods hit the city of Zarqa on Monday, officials in Zarqa said, after heavy rain.`,
  }),
  'plain.json': JSON.stringify({
    title: 'Rain in Zarqa',
    source: 'Jordan Times',
    url: 'https://jt.example/z',
    text: 'Floods hit the city of Zarqa on Monday after heavy rain, officials said.\n\nThe mayor of Zarqa asked residents to stay home.',
  }),
});
let slack: SlackHarness;

before(async () => {
  slack = await startSlackHarness({ deps: { corpus: await loadedCorpus(articles.dir), budgets: BUDGETS } });
});
after(async () => {
  await slack.stop();
  articles.cleanup();
});

// Our own source links are the only `<…>` allowed: an http(s) URL, a `|`, and a label with no `<`, `>` or `|`.
const OUR_LINK = /<https:\/\/(?:news|jt)\.example\/[^\s<>|]*\|[^<>|]*>/g;

function assertInert(mrkdwn: string) {
  const rest = mrkdwn.replace(OUR_LINK, '');
  assert.doesNotMatch(rest, /[<>]/, `no markup outside our links in: ${rest}`);
  assert.doesNotMatch(mrkdwn, /<[!@#]|\|click>/);
}

test('an article full of mentions, a link and markup reaches Slack escaped: it can ping or link no one', async () => {
  await slack.command('/summary', 'zarqa', { id: 'zarqa' });
  const reply = await slack.fake.next((r) => r.name === 'zarqa');
  assert.equal(reply.refused, undefined);
  const blocks = reply.body.blocks as { type: string; text?: { text: string; verbatim?: boolean } }[];
  const sections = blocks.filter((b) => b.type === 'section').map((b) => b.text!);
  const hostile = sections.find((s) => s.text.includes('mayor of Zarqa warned'));
  assert.ok(hostile, 'the hostile sentence is in the digest');
  assert.equal(hostile.verbatim, true, 'Slack must not auto-link names in it either');
  for (const s of sections) assertInert(s.text);
  assertInert(String(reply.body.text));
  for (const expected of ['&lt;!channel&gt;', '&lt;!here&gt;', '&lt;@U123&gt;', '&lt;#C1&gt;', '&lt;https://evil.example|click&gt;', ' &amp; ']) {
    assert.ok(hostile.text.includes(expected), `has ${expected}`);
  }
  assert.ok(!/@everyone/.test(hostile.text), '@everyone is broken up');
  assert.ok(hostile.text.includes('<https://news.example/zarqa?a=1&amp;b=2|Evil / &lt;!channel&gt; News>'), 'the source is a link with a tame label');
});

test('escapeMrkdwn: entities, control and bidi characters, formatting markers', () => {
  assert.equal(escapeMrkdwn('a & b < c > d'), 'a &amp; b &lt; c &gt; d');
  assert.equal(escapeMrkdwn('x\u0007y\u202Ez\u200Bw\nv'), 'xyzw v');
  assert.equal(escapeMrkdwn('*bold* _it_ ~s~ `c`'), '\u200b*bold\u200b* \u200b_it\u200b_ \u200b~s\u200b~ \u200b`c\u200b`');
  assert.equal(escapeMrkdwn('snake_case 3*4'), 'snake_case 3*4', 'markers inside words cannot format and stay as they are');
  assert.equal(escapeMrkdwn('@here @Channel'), '@\u2060here @\u2060Channel');
});

test('slackLink: nothing in the URL or label can end the link early or open another', () => {
  assert.equal(slackLink('A | <b>', 'https://x.example/p?q=1&r=a|b>c'), '<https://x.example/p?q=1&amp;r=a%7Cb%3Ec|A / &lt;b&gt;>');
});

test('sources link only to http(s) URLs', () => {
  const digest: Digest = {
    topic: 'x',
    items: [{ text: 'Something happened in X.', sources: [{ title: 't', source: 'Bad', file: 'f', url: 'javascript:alert(1)' }, { title: 't', source: 'Good', file: 'g', url: 'http://ok.example/' }] }],
    articles: [],
    stats: { articlesInCorpus: 2, articlesMatched: 2, sentencesConsidered: 1, sentencesMerged: 0, outlets: 2, words: 4, elapsedMs: 1 },
  };
  const [message] = renderDigest(digest);
  const item = message!.blocks[1]!;
  assert.ok(item.type === 'section');
  assert.match(item.text.text, /Sources: Bad; <http:\/\/ok\.example\/\|Good>$/);
});
