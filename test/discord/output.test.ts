import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderDigest } from '../../src/adapters/discord/render-digest.ts';
import { renderReply } from '../../src/adapters/discord/render-reply.ts';
import { escapeDiscord } from '../../src/adapters/discord/escape.ts';
import type { Digest, SourceRef } from '../../src/core/types.ts';
import { digestOf as digestFor, type ItemInput } from '../helpers/digests.ts';
import { messageProblems, DISCORD_MAX, embedChars } from '../fakes/discord/limits.ts';
import { tempArticles } from '../helpers/fixtures.ts';
import { answerWithFooter, loadedDeps, refused, withBot, firstAnswer, BUDGETS } from './harness.ts';
import { digestTopic } from '../../src/core/query/digest.ts';
import { idempotencyKey } from '../../src/store/keys.ts';
import type { Subscription } from '../../src/store/types.ts';

const source = (n: number): SourceRef => ({ title: `Report ${n}`, source: `Outlet number ${n}`, file: `a${n}.txt`, url: `https://example.org/news/${n}?id=${n}` });

const digestOf = (items: ItemInput[]): Digest => digestFor('Helmand', items);

const words = (text: string) => text.split(/\s+/).filter(Boolean);
const descriptions = (digest: Digest) => renderDigest(digest).flatMap((m) => (m.embeds ?? []).map((e) => e.description ?? ''));

test('an item longer than an embed description is cut at sentence ends, every word kept whole and in order', () => {
  const text = Array.from({ length: 220 }, (_, n) => `Sentence ${n} tells of the long convoy crossing the Helmand river at dawn.`).join(' ');
  const messages = renderDigest(digestOf([{ text, sources: [source(1)] }]));
  for (const m of messages) assert.deepEqual(messageProblems(m), []);
  const parts = messages.flatMap((m) => (m.embeds ?? []).map((e) => e.description ?? ''));
  assert.ok(parts.length >= 3, `${parts.length} parts`);
  for (const part of parts.slice(0, -1)) assert.match(part, /dawn\.$/, 'each part ends at a sentence end');
  const shown = words(parts.join(' ').replace(/\[[^\]]*\]\([^)]*\)/g, '')).filter((w) => !/^\*\*1\.\*\*$|^Sources:$/.test(w));
  assert.deepEqual(shown, words(text), 'nothing lost, added or cut');
});

test('one sentence longer than a description is cut between words; hundreds of source links are never broken', () => {
  const sentence = Array.from({ length: 1200 }, (_, n) => `word${n}`).join(' ') + '.';
  const sources = Array.from({ length: 150 }, (_, n) => source(n));
  const parts = descriptions(digestOf([{ text: sentence, sources }]));
  const all = parts.join('\n');
  for (const part of parts) assert.ok(part.length <= 4096);
  assert.deepEqual(words(all).filter((w) => /^word\d+\.?$/.test(w)), words(sentence), 'every word whole, in order');
  const links = [...all.matchAll(/\[Outlet number (\d+)\]\(https:\/\/example\.org\/news\/(\d+)\?id=(\d+)\)/g)];
  assert.equal(links.length, 150, 'every source link intact');
  assert.ok(links.every((l) => l[1] === l[2] && l[2] === l[3]));
});

test('the 6,000-character message total and the 10-embed limit hold with many mid-sized items', () => {
  const items = Array.from({ length: 80 }, (_, n) => ({ text: `Item ${n}: ${'the district council met again to discuss the canal repairs. '.repeat(8 + (n % 30))}`, sources: [source(n)] }));
  const messages = renderDigest(digestOf(items));
  assert.ok(messages.length > 3);
  for (const m of messages) {
    assert.deepEqual(messageProblems(m), []);
    assert.deepEqual(m.allowed_mentions, { parse: [] });
  }
  const numbers = [...messages.flatMap((m) => m.embeds ?? []).map((e) => e.description).join('\n').matchAll(/^\*\*(\d+)\.\*\*/gm)].map((m) => Number(m[1]));
  assert.deepEqual(numbers, items.map((_, n) => n + 1));
});

test('long topic names, hostile titles and long replies stay within title and content limits', () => {
  const topic = `@everyone ${'Lashkar Gah '.repeat(40)}`;
  const [first] = renderDigest({ ...digestOf([{ text: 'A short item.', sources: [source(1)] }]), topic });
  const title = first!.embeds![0]!.title!;
  assert.ok(title.length <= 256 && title.endsWith('…'));
  assert.doesNotMatch(title, /@everyone/);

  const topics = Array.from({ length: 40 }, (_, n) => ({ name: `<@&${n}> ${'very long topic name '.repeat(4)}${n}`, kind: 'phrase' as const, articles: n + 1, mentions: n }));
  const messages = renderReply({ kind: 'topics', topics, articles: 99 });
  assert.ok(messages.length >= 2);
  for (const m of messages) {
    assert.deepEqual(messageProblems(m), []);
    assert.doesNotMatch(m.content ?? '', /<@&\d+>/);
    assert.match(m.content ?? '', /^(Topics in 99 articles:|• )/, 'split between lines');
  }
});

test('escaping: markdown and mention syntax are inert, control and bidi characters are gone', () => {
  assert.equal(escapeDiscord('**bold** _it_ ~~x~~ `c` ||s|| > q # h [l](u)'), '\\*\\*bold\\*\\* \\_it\\_ \\~\\~x\\~\\~ \\`c\\` \\|\\|s\\|\\| \\> q \\# h \\[l\\](u)');
  assert.equal(escapeDiscord('@everyone @Here <@123> <@!5> <@&7> <#9>'), '@\u200deveryone @\u200dHere \\<\u200d@123\\> \\<\u200d@!5\\> \\<\u200d@&7\\> \\<\\#9\\>');
  assert.equal(escapeDiscord('a\u0007b\u202ec\r\nd'), 'a b c d');
  assert.equal(escapeDiscord('- not a list'), '\\- not a list');
  assert.equal(escapeDiscord('1. not a list'), '1\\. not a list');
});

// Made-up words: every sentence is distinct (so none merge), and a word cut in two would not be one of them.
const SYLLABLES = ['ka', 'lo', 'mi', 'ren', 'dor', 'tas', 'vel', 'quin', 'bar', 'sho', 'ut', 'ne', 'pra', 'gil', 'om'];
function longArticles() {
  let seed = 7;
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const word = () => Array.from({ length: 2 + Math.floor(random() * 3) }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]).join('');
  const vocabulary = new Set<string>();
  const files: Record<string, string> = {};
  for (let a = 0; a < 8; a++) {
    const paragraphs = Array.from({ length: 12 }, (_, p) => {
      const words = Array.from({ length: 40 + Math.floor(random() * 60) }, word);
      for (const w of words) vocabulary.add(w);
      return `Zaranj ${words.join(' ')} number ${a * 100 + p}.`;
    });
    files[`zaranj-${a}.md`] = `---\ntitle: Zaranj report ${a}\nsource: Outlet ${a}\nurl: https://example.org/zaranj/${a}\n---\n\n${paragraphs.join('\n\n')}\n`;
  }
  return { ...tempArticles(files), vocabulary };
}

test('a long digest is split across embeds and messages under every Discord limit, at item boundaries, no word cut', async () => {
  const articles = longArticles();
  const long = { items: 60, words: 20_000 };
  const deps = await loadedDeps(articles.dir, { short: long, medium: long, long });
  try {
    await withBot(
      async ({ fake }) => {
        const i = fake.command('summary', { topic: 'zaranj', length: 'long' });
        const shown = await answerWithFooter(fake, i);
        assert.deepEqual(refused(fake), []);
        assert.ok(shown.length >= 2, `split into ${shown.length} messages`);

        const embeds = shown.flatMap((m) => m.body.embeds ?? []);
        for (const m of shown) {
          assert.deepEqual(messageProblems(m.body), []);
          assert.deepEqual(m.body.allowed_mentions, { parse: [] }, 'follow-ups too');
          assert.ok((m.body.embeds ?? []).length <= DISCORD_MAX.embeds);
          assert.ok((m.body.embeds ?? []).reduce((n, e) => n + embedChars(e), 0) <= DISCORD_MAX.total);
          assert.equal(m.ephemeral, false);
        }
        assert.equal(embeds[0]?.title?.toLowerCase(), 'zaranj');
        assert.deepEqual(embeds.map((e) => Boolean(e.title)), embeds.map((_, n) => n === 0), 'the title once, on top');
        assert.deepEqual(embeds.map((e) => Boolean(e.footer)), embeds.map((_, n) => n === embeds.length - 1), 'the footer once, at the end');

        const text = embeds.map((e) => e.description ?? '').join('\n\n');
        const numbers = [...text.matchAll(/^\*\*(\d+)\.\*\* /gm)].map((m) => Number(m[1]));
        assert.ok(numbers.length > 20, `${numbers.length} items`);
        assert.deepEqual(numbers, numbers.map((_, n) => n + 1), 'every item once, in order');
        assert.match(embeds.at(-1)!.footer!.text ?? '', new RegExp(`^${numbers.length} items from \\d+ articles, \\d+ outlets(; \\d+ articles mention it)?$`));

        for (const description of embeds.map((e) => e.description ?? '')) {
          const words = description
            .replace(/\[[^\]]*\]\([^)]*\)/g, ' ')
            .replace(/\*\*\d+\.\*\*|Sources:|·|Zaranj|number|\d+\./g, ' ')
            .split(/\s+/)
            .filter(Boolean);
          const cut = words.filter((w) => !articles.vocabulary.has(w));
          assert.deepEqual(cut, [], 'no word is cut or altered');
        }
      },
      { deps },
    );
  } finally {
    articles.cleanup();
  }
});

const HOSTILE = JSON.stringify({
  title: 'Qalat market notice',
  source: 'Qalat Herald',
  url: 'https://example.org/qalat/notice',
  text: [
    'Officials in Qalat told @everyone in the bazaar to leave before the curfew began on Friday evening.',
    "A spokesman in Qalat said <@&123> and <@456> had organised the protest outside the governor's office.",
    'Traders in Qalat warned @here that the *main road* would stay __closed__ until the bridge was repaired.',
  ].join('\n\n'),
});

const RAW_MENTION = /@everyone|@here|<@&?!?\d+>|<#\d+>/;

test('article text with @everyone, @here and role or user mentions is posted inert, with no mention allowed', async () => {
  const articles = tempArticles({ 'qalat.json': HOSTILE });
  const deps = await loadedDeps(articles.dir);
  try {
    await withBot(
      async ({ fake }) => {
        const { shown } = await firstAnswer(fake, fake.command('summary', { topic: 'qalat' }));
        assert.deepEqual(refused(fake), []);
        assert.ok(shown.length >= 1);
        for (const m of shown) {
          assert.deepEqual(m.body.allowed_mentions, { parse: [] });
          const visible = [m.body.content ?? '', ...(m.body.embeds ?? []).flatMap((e) => [e.title ?? '', e.description ?? '', e.footer?.text ?? ''])].join('\n');
          assert.doesNotMatch(visible, RAW_MENTION);
        }
        const description = (shown[0]!.body.embeds ?? []).map((e) => e.description).join('\n');
        assert.match(description, /@\u200deveryone/, 'still readable, just not a mention');
        assert.match(description, /\\<\u200d@&123\\>/);
        assert.match(description, /\\<\u200d@456\\>/);
        assert.match(description, /@\u200dhere/);
        assert.match(description, /\\\*main road\\\* would stay \\_\\_closed\\_\\_/, 'markdown from articles is shown as typed');
        assert.match(description, /\[Qalat Herald\]\(https:\/\/example\.org\/qalat\/notice\)/, 'the source is a link');
      },
      { deps },
    );
  } finally {
    articles.cleanup();
  }
});

function subscriptionIn(channel: string, topic = 'Ghazni'): Subscription {
  const at = new Date('2026-11-20T08:00:00Z');
  return { id: 1, platform: 'discord', channel, topic, topicKey: topic.toLowerCase(), time: '08:30', timeZone: 'Asia/Kabul', createdAt: at, updatedAt: at };
}

const context = (sub: Subscription, omittedItems = 0) => ({
  idempotencyKey: idempotencyKey(sub, sub.topicKey, '2026-11-21'),
  localDate: '2026-11-21',
  attempt: 1,
  omittedItems,
});

test('the publisher posts the daily digest to the channel with the idempotency key as an enforced nonce; a retry posts nothing twice', async () => {
  await withBot(async ({ fake, bot, deps }) => {
    const sub = subscriptionIn(fake.channelId);
    const digest = digestTopic(deps.corpus.current, 'ghazni', BUDGETS.medium);
    await bot.publisher.publish(sub, digest, context(sub));

    const posts = fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${fake.channelId}/messages`);
    assert.equal(posts.length, 1);
    const [post] = posts;
    assert.equal(post!.body.nonce, context(sub).idempotencyKey);
    assert.equal(post!.body.enforce_nonce, true);
    assert.deepEqual(post!.body.allowed_mentions, { parse: [] });
    assert.deepEqual(messageProblems(post!.body), []);
    assert.equal(post!.body.content, `Daily digest: **Ghazni** · 2026-11-21\n-# ref ${context(sub).idempotencyKey}`);
    assert.equal(post!.body.embeds[0].title, 'Ghazni');
    assert.match(post!.body.embeds.at(-1).footer.text, /items? from \d+ articles?/);

    // The scheduler retries when it cannot tell whether a post went through: Discord's nonce makes that safe.
    await bot.publisher.publish(sub, digest, { ...context(sub), attempt: 2 });
    assert.equal(fake.posted.length, 1, 'the same nonce gives back the message already posted');
    assert.deepEqual(refused(fake), []);
  });
});

test('the publisher says "nothing new" in one line, and rejects when Discord refuses the post', async () => {
  await withBot(async ({ fake, bot, deps }) => {
    const sub = subscriptionIn(fake.channelId, 'Ghazni <@&123>');
    const empty = { ...digestTopic(deps.corpus.current, 'ghazni', BUDGETS.medium), items: [] };
    await bot.publisher.publish(sub, empty, context(sub, 3));
    assert.equal(fake.posted.length, 1);
    assert.equal(fake.posted[0]!.body.content, `Nothing new on **Ghazni \\<\u200d@&123\\>** since the last digest.\n-# ref ${context(sub).idempotencyKey}`);
    assert.equal(fake.posted[0]!.body.embeds, undefined);

    const gone = subscriptionIn('999999999999999999');
    await assert.rejects(bot.publisher.publish(gone, empty, context(gone)), /channel 999999999999999999.*Unknown Channel/);
  });
});
