import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { runs } from '../helpers/fuzz.ts';
import { loadArticleFile } from '../../src/core/load/load-articles.ts';
import { corpusFrom } from '../../src/core/index/corpus.ts';
import { digestAll, digestTopic } from '../../src/core/query/digest.ts';
import type { LoadResult } from '../../src/core/types.ts';
import type { Reply } from '../../src/commands/types.ts';
import { renderReply as renderDiscord } from '../../src/adapters/discord/render-reply.ts';
import { LIMITS as DISCORD, embedLength } from '../../src/adapters/discord/limits.ts';
import { renderReply as renderSlack } from '../../src/adapters/slack/render-reply.ts';
import { blockText } from '../../src/adapters/slack/blocks.ts';
import { renderReplyText } from '../../src/adapters/console/render-text.ts';
import { realEngine } from '../helpers/fixtures.ts';
import { parseFeedDocument } from '../../src/feeds/parse-feed.ts';
import { feedArticleOf } from '../../src/feeds/feed-article.ts';
import { corpusArticle } from '../../src/feeds/corpus-article.ts';

// What strangers put in articles to ping, link, reformat or hide text.
const HOSTILE = [
  '@everyone', '@here', '@channel', '<@123456789012345678>', '<@!123456789012345678>', '<@&123456789012345678>', '<#123456789012345678>',
  '<!channel>', '<!here>', '<!everyone>', '<@U0123ABCD>', '<#C0123|general>', '<https://x.example|click>', '[click](https://x.example)',
  '```', '`', '**', '__', '~~', '||spoiler||', '*', '_', '~', '> quote', '# Heading', '-# small', '&amp;', '&lt;', '<script>',
  '\u200b', '\u200e', '\u202e', '\u2066', '\ufeff', '\u0007', '\u001b[31m', '\r', '\t', '🔥', 'مرحبا', '\u05d0\u05d1',
];
const word = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('Ghazni', 'Taliban', 'city', 'fell', 'Thursday', 'officials', 'said', 'the', 'governor', 'fighting', 'Kabul', 'ten', '150') },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8, unit: 'binary' }) },
);
const sentence = fc.array(word, { minLength: 6, maxLength: 30 }).map((words) => `${words.join(' ')}.`);
const article = fc.array(sentence, { minLength: 1, maxLength: 12 }).map((s) => s.join(' '));
const corpusText = fc.array(article, { minLength: 1, maxLength: 4 });

function corpusOf(texts: string[]) {
  const loaded: LoadResult = { articles: [], report: [] };
  texts.forEach((text, i) => {
    const one = loadArticleFile(`a${i}.txt`, Buffer.from(`Ghazni report ${i}\n\n${text}`), '2026-11-21T00:00:00.000Z');
    loaded.articles.push(...one.articles);
    loaded.report.push(...one.report);
  });
  return corpusFrom(realEngine(), loaded);
}

const DISCORD_PING = /@(everyone|here)|<@[!&]?\d+>|<#\d+>/i;

function checkDiscord(reply: Reply) {
  for (const message of renderDiscord(reply)) {
    assert.deepEqual(message.allowed_mentions, { parse: [] });
    const embeds = message.embeds ?? [];
    assert.ok((message.content ?? '').length <= DISCORD.content);
    assert.ok(embeds.length <= DISCORD.embeds);
    assert.ok(embeds.reduce((n, e) => n + embedLength(e), 0) <= DISCORD.embedTotal);
    const texts = [message.content ?? ''];
    for (const e of embeds) {
      assert.ok((e.description ?? '').length <= DISCORD.description && (e.title ?? '').length <= DISCORD.title);
      texts.push(e.title ?? '', e.description ?? '', e.footer?.text ?? '');
    }
    for (const t of texts) assert.doesNotMatch(t, DISCORD_PING, t);
  }
}

// Links the renderer made from checked URLs; anything else in angle brackets came from an article.
const SLACK_LINK = /<https?:\/\/[^|<>\s]+\|[^<>]*>/g;

function checkSlack(reply: Reply) {
  const messages = renderSlack(reply);
  assert.ok(messages.length >= 1);
  for (const message of messages) {
    assert.ok(message.blocks.length <= 50);
    for (const block of message.blocks) {
      const text = blockText(block);
      assert.ok(text.length <= (block.type === 'header' ? 150 : 3000), `${block.type} ${text.length}`);
      if (block.type !== 'header') assert.doesNotMatch(text.replace(SLACK_LINK, ''), /[<>]|@(channel|here|everyone)\b/i, text);
    }
    assert.doesNotMatch(message.text.replace(SLACK_LINK, ''), /[<>]/, message.text);
  }
}

function checkTerminal(reply: Reply) {
  assert.doesNotMatch(renderReplyText(reply), /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
}

test('fuzz: hostile article text never pings, links or breaks limits on Discord, Slack or the terminal', { timeout: 300_000 }, () => {
  fc.assert(
    fc.property(corpusText, fc.constantFrom('ghazni', 'taliban', '@everyone', '<@&123456789012345678>'), fc.constantFrom(1, 5, 40), (texts, topic, items) => {
      const corpus = corpusOf(texts);
      const replies: Reply[] = [
        { kind: 'digest', digest: digestTopic(corpus, topic, { items, words: items * 40 }) },
        { kind: 'digest', digest: digestAll(corpus, { items, words: items * 40 }) },
        { kind: 'topics', topics: corpus.topics, articles: corpus.articles.length },
        { kind: 'error', code: 'bad-choice', detail: { option: 'length', value: topic, choices: 'short, medium, long' } },
      ];
      for (const reply of replies) {
        checkDiscord(reply);
        checkSlack(reply);
        checkTerminal(reply);
      }
    }),
    { numRuns: runs(120) },
  );
});

test('a hostile feed (channel and item titles, HTML bodies, links) renders safely on Discord, Slack and the terminal', () => {
  const hostile = HOSTILE.filter((h) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(h)).join(' ');
  const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const items = [
    { link: 'https://news.example/a?x=@everyone', title: `Ghazni <b>falls</b> ${hostile}`, body: `<p>The Taliban seized Ghazni on Thursday, officials said. ${hostile}</p><p>Ghazni is 150 km from Kabul, <@123456789012345678> said.</p>` },
    { link: 'javascript:alert(1)', title: '<@&123456789012345678> Ghazni @here', body: `<p>Fighting in Ghazni went on for a day, the governor said. <!channel> [click](https://x.example) ${hostile}</p>` },
  ];
  const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>${escapeXml(`@everyone <!here> *Wire* ${hostile}`)}</title>${items
    .map((i, n) => `<item><guid>g${n}</guid><title>${escapeXml(i.title)}</title><link>${escapeXml(i.link)}</link><description>${escapeXml(i.body)}</description></item>`)
    .join('')}</channel></rss>`;
  const parsed = parseFeedDocument(xml, { url: 'https://news.example/rss' });
  assert.ok(parsed.ok);
  const now = new Date('2026-12-07T08:00:00Z');
  const articles = parsed.feed.items.map((item) => corpusArticle({ ...feedArticleOf(item, 'https://news.example/rss'), feedId: 1, firstSeenAt: now, updatedAt: now }));
  const corpus = corpusFrom(realEngine(), { articles, report: [] });
  const digest = digestTopic(corpus, 'ghazni', { items: 5, words: 200 });
  assert.ok(digest.items.length > 0);
  assert.ok(digest.items.every((i) => i.sources.every((s) => s.url === undefined || /^https:\/\//.test(s.url))), 'a javascript: link is never cited');
  for (const reply of [{ kind: 'digest', digest } as const, { kind: 'topics', topics: corpus.topics, articles: corpus.articles.length } as const]) {
    checkDiscord(reply);
    checkSlack(reply);
    checkTerminal(reply);
  }
});
