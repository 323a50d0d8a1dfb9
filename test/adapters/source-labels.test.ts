import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { loadCorpus } from '../../src/core/index/corpus.ts';
import { digestTopic } from '../../src/core/query/digest.ts';
import type { Digest } from '../../src/core/types.ts';
import { renderDigest as renderDiscord } from '../../src/adapters/discord/render-digest.ts';
import { renderDigest as renderSlack } from '../../src/adapters/slack/render-digest.ts';
import { ROOT, realEngine, tempArticles } from '../helpers/fixtures.ts';

// Articles whose outlet nothing names, under hash-like file names; one has a hostile stated title.
const HOSTILE_TITLE = 'Zaranj falls: @everyone <@123> *cheers* | > quoted';
const FILES = {
  '7f3a9c.json': JSON.stringify({
    title: HOSTILE_TITLE,
    text: 'Taliban fighters captured Zaranj on Friday, the fifth provincial capital to fall this week. Residents of Zaranj said the governor fled to Iran.',
  }),
  'b.md': '---\nsource: Beta Times\n---\n\nTaliban fighters captured Zaranj on Friday, the sixth provincial capital to fall this week.\n',
  '0c1d2e.txt': 'Residents of Zaranj in Nimroz province said on Saturday that Taliban fighters had captured Zaranj, the sixth provincial capital to fall this week, without a fight.\n',
};
const LABELS: Record<string, string> = {
  '7f3a9c.json': `“${HOSTILE_TITLE}”`,
  'b.md': 'Beta Times',
  '0c1d2e.txt': '“Residents of Zaranj in Nimroz province said on…”',
};

const summary = (dir: string, args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/summary.ts', 'zaranj', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, ARTICLES_DIR: dir, LOG_LEVEL: 'silent' },
    timeout: 60_000,
  });

function everySource(digest: Digest) {
  return digest.items.flatMap((i) => [...i.sources, ...(i.disagreement?.claims.flatMap((c) => c.sources) ?? [])]);
}

test('sources: an article with no outlet is named by its title, or its first words, in text and --json alike', () => {
  const { dir, cleanup } = tempArticles(FILES);
  try {
    const json = summary(dir, ['--json']);
    assert.equal(json.status, 0, json.stderr);
    const digest = JSON.parse(json.stdout) as Digest;
    const sources = everySource(digest);
    assert.deepEqual(new Set(sources.map((s) => s.file)), new Set(Object.keys(LABELS)), 'every article is cited, in items and in the disagreement');
    for (const s of sources) assert.equal(s.source, LABELS[s.file], s.file);
    const text = summary(dir, []);
    assert.equal(text.status, 0, text.stderr);
    assert.doesNotMatch(text.stdout, /7f3a9c|0c1d2e|unknown outlet/);
    assert.match(text.stdout, /\n {3}Sources: “Residents of Zaranj in Nimroz province said on…”; Beta Times; “Zaranj falls: @everyone <@123> \*cheers\* \| > quoted”\n/);
    assert.match(text.stdout, /Outlets differ on the rank among provincial capitals: fifth \(“Zaranj falls: [^)]*”\); sixth \(Beta Times, “Residents of Zaranj in Nimroz province said on…”\)\./);
    assert.match(text.stdout, /^Zaranj: \d+ items? from 3 articles, 3 outlets$/m, 'each article of no known outlet is named, and counted, by its title');
  } finally {
    cleanup();
  }
});

test('sources: a title standing in for an outlet stays inert on Discord and Slack', async () => {
  const { dir, cleanup } = tempArticles(FILES);
  try {
    const digest = digestTopic(await loadCorpus(realEngine(), dir, { maxBytes: 1e6 }), 'zaranj');
    const discord = renderDiscord(digest).flatMap((m) => (m.embeds ?? []).map((e) => e.description ?? '')).join('\n');
    const escaped = '“Zaranj falls: @\u200deveryone \\<\u200d@123\\> \\*cheers\\* \\| \\> quoted”';
    assert.equal(discord.split(escaped).length - 1, 3, 'two Sources lines and the disagreement');
    assert.doesNotMatch(discord, /@everyone|<@123>|7f3a9c|0c1d2e/);
    assert.match(discord, /Sources: “Residents of Zaranj in Nimroz province said on…” · Beta Times · /);
    const slack = renderSlack(digest).flatMap((m) => m.blocks.map((b) => ('text' in b && b.text ? b.text.text : ''))).join('\n');
    assert.equal(slack.split('“Zaranj falls: @\u2060everyone &lt;@123&gt; \u200b*cheers\u200b* | &gt; quoted”').length - 1, 3);
    assert.doesNotMatch(slack, /[<>]|@everyone|7f3a9c|0c1d2e/);
  } finally {
    cleanup();
  }
});

test('sources: each way the README gives an article its outlet and link reaches the digest', async () => {
  const fact = (n: number) => `Taliban fighters captured Zaranj on Friday after a battle of ${n} hours near the border with Iran.`;
  const { dir, cleanup } = tempArticles({
    'front-matter.md': `---\nsource: Alpha Wire\nurl: https://alpha.example/zaranj\n---\n\n${fact(1)}\n`,
    'url-only.md': `---\nurl: https://www.beta.example/news/zaranj\n---\n\n${fact(2)}\n`,
    'fields.json': JSON.stringify({ source: 'Gamma Post', url: 'https://gamma.example/z', text: fact(3) }),
    'feed.json': JSON.stringify({ articles: [{ source: { id: 'delta', name: 'Delta News' }, link: 'https://delta.example/z', content: fact(4) }] }),
    'page.html': `<html><head><meta property="og:site_name" content="Epsilon Times"><link rel="canonical" href="https://epsilon.example/zaranj"><title>Zaranj falls | Epsilon Times</title></head><body><p>${fact(5)}</p></body></html>`,
  });
  try {
    const digest = digestTopic(await loadCorpus(realEngine(), dir, { maxBytes: 1e6 }), 'zaranj');
    const byFile = new Map(digest.articles.map((s) => [s.file, [s.source, s.url]]));
    assert.deepEqual(Object.fromEntries([...byFile].sort()), {
      'feed.json#0': ['Delta News', 'https://delta.example/z'],
      'fields.json': ['Gamma Post', 'https://gamma.example/z'],
      'front-matter.md': ['Alpha Wire', 'https://alpha.example/zaranj'],
      'page.html': ['Epsilon Times', 'https://epsilon.example/zaranj'],
      'url-only.md': ['beta.example', 'https://www.beta.example/news/zaranj'],
    });
    const discord = renderDiscord(digest).flatMap((m) => (m.embeds ?? []).map((e) => e.description ?? '')).join('\n');
    assert.match(discord, /\[Epsilon Times\]\(https:\/\/epsilon\.example\/zaranj\)/);
    assert.equal(digest.articles.find((s) => s.file === 'page.html')?.title, 'Zaranj falls');
  } finally {
    cleanup();
  }
});
