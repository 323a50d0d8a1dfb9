import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderDigest } from '../../src/adapters/slack/render-digest.ts';
import { renderReply } from '../../src/adapters/slack/render-reply.ts';
import { splitText } from '../../src/adapters/slack/split-text.ts';
import { escapeMrkdwn, slackLink } from '../../src/adapters/slack/mrkdwn.ts';
import type { SlackMessage } from '../../src/adapters/slack/blocks.ts';
import type { Digest, SourceRef } from '../../src/core/types.ts';
import { digestOf, type ItemInput } from '../helpers/digests.ts';
import { messageProblems } from '../fakes/slack/block-kit-limits.ts';

const words = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
/** Distinct words in sentences of twelve, so a test can tell where any cut fell. */
const prose = (prefix: string, n: number) =>
  words(prefix, n)
    .map((w, i) => (i % 12 === 11 ? `${w}.` : w))
    .join(' ');

const source = (i: number): SourceRef => ({ title: `T${i}`, source: `Outlet number ${i}`, file: `f${i}.txt`, url: `https://outlet${i}.example/news/${'x'.repeat(80)}?id=${i}&b=2` });

function longDigest(): Digest {
  const items: ItemInput[] = [
    { text: prose('long', 1500), sources: [source(0)] },
    { text: 'Many outlets said the same thing.', sources: Array.from({ length: 300 }, (_, i) => source(i)) },
    {
      text: 'Figures differ.',
      sources: [source(1)],
      disagreement: { about: 'casualties', kind: 'differ', claims: Array.from({ length: 200 }, (_, i) => ({ value: `${i} dead`, sources: [source(i)] })) },
    },
    ...Array.from({ length: 80 }, (_, i) => ({ text: prose(`item${i}w`, 30), sources: [{ title: 'T', source: `Paper ${i}`, file: 'p.txt' }] })),
  ];
  return digestOf(`A topic with a very long name ${'and more words '.repeat(20)}`, items);
}

function assertWithinLimits(messages: SlackMessage[]) {
  for (const [i, m] of messages.entries()) assert.deepEqual(messageProblems(m), [], `message ${i}`);
}

test('a digest longer than any Slack limit is split into valid messages, in order, with nothing lost', () => {
  const digest = longDigest();
  const messages = renderDigest(digest);
  assert.ok(messages.length > 1, `${messages.length} messages`);
  assertWithinLimits(messages);
  const blocks = messages.flatMap((m) => m.blocks);
  const head = blocks[0]!;
  assert.ok(head.type === 'header' && head.text.text.length <= 150 && head.text.text.endsWith('…'), 'a long topic is cut to a header');
  assert.equal(blocks.filter((b) => b.type === 'header').length, 1, 'one header, on the first message');
  assert.equal(blocks.at(-1)!.type, 'context', 'the counts close the last message');
  const text = blocks.flatMap((b) => (b.type === 'section' ? [b.text.text] : [])).join('\n');

  // Every word of every item arrives whole and in order: no cut fell inside a word.
  const sent = text.split(/\s+/);
  const expected = digest.items.flatMap((item) => item.text.split(' '));
  assert.deepEqual(sent.filter((w) => /^(long|item\d+w)\d+\.?$/.test(w)), expected.filter((w) => /^(long|item\d+w)\d+\.?$/.test(w)));
  // Each of the 300 sources is one whole link, exactly once.
  for (let i = 0; i < 300; i++) assert.equal(text.split(`id=${i}&amp;b=2|Outlet number ${i}>`).length - 1, i < 2 ? 2 : 1, `source ${i}`);
  assert.equal(text.match(/\d+\s+dead/g)?.length, 200, 'the whole disagreement');
  assert.match(messages[1]!.text, /\(continued, part 2\)$/);
});

test('a long item is cut at sentence ends where one keeps the section well filled', () => {
  const [message] = renderDigest({ ...longDigest(), items: [{ text: prose('w', 1500), sources: [source(0)], sourceCount: 1 }] });
  const sections = message!.blocks.filter((b) => b.type === 'section');
  assert.ok(sections.length >= 3);
  for (const s of sections.slice(0, -1)) {
    assert.ok(s.type === 'section' && s.text.text.length <= 3000 && s.text.text.length > 1500);
    assert.match(s.text.text, /\.$/, 'ends at a sentence');
  }
});

test('splitText: sentence, then word, then (for one huge word) a cut that spares entities and surrogate pairs', () => {
  assert.deepEqual(splitText('One two three. Four five six seven.', 20), ['One two three.', 'Four five six seven.']);
  assert.deepEqual(splitText('One two. Three four five six.', 20), ['One two. Three four', 'five six.'], 'a sentence end too early is passed over');
  assert.deepEqual(splitText('aaaa bbbb cccc dddd', 10), ['aaaa bbbb', 'cccc dddd']);
  assert.deepEqual(splitText('abcdefgh&amp;ij', 10), ['abcdefgh', '&amp;ij']);
  assert.deepEqual(splitText('abcdefghi😀j', 10), ['abcdefghi', '😀j']);
});

test('non-digest replies are split too: a topic list of any length stays valid', () => {
  const topics = Array.from({ length: 40 }, (_, i) => ({ name: `${'Topic '.repeat(30)}${i}`, kind: 'phrase' as const, articles: i, mentions: i }));
  const messages = renderReply({ kind: 'topics', topics, articles: 9 });
  assertWithinLimits(messages);
  assert.ok(messages[0]!.blocks.length > 1);
  assert.equal(messages[0]!.text, 'Topics in 9 articles:');
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
  const digest = digestOf('x', [
    { text: 'Something happened in X.', sources: [{ title: 't', source: 'Bad', file: 'f', url: 'javascript:alert(1)' }, { title: 't', source: 'Good', file: 'g', url: 'http://ok.example/' }] },
  ]);
  const [message] = renderDigest(digest);
  const item = message!.blocks[1]!;
  assert.ok(item.type === 'section');
  assert.match(item.text.text, /Sources: Bad; <http:\/\/ok\.example\/\|Good>$/);
});
