import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderDigest } from '../../src/adapters/discord/render-digest.ts';
import { renderReply } from '../../src/adapters/discord/render-reply.ts';
import { escapeDiscord } from '../../src/adapters/discord/escape.ts';
import type { Digest, DigestItem, SourceRef } from '../../src/core/types.ts';
import { messageProblems } from '../fakes/discord/limits.ts';

const source = (n: number): SourceRef => ({ title: `Report ${n}`, source: `Outlet number ${n}`, file: `a${n}.txt`, url: `https://example.org/news/${n}?id=${n}` });

function digestOf(items: DigestItem[]): Digest {
  const stats = { articlesInCorpus: 9, articlesMatched: 9, sentencesConsidered: 99, sentencesMerged: 0, outlets: 9, words: 9, elapsedMs: 1 };
  return { topic: 'Helmand', items, articles: [source(1)], stats };
}

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
