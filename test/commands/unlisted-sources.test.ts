import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderDigest as discordDigest } from '../../src/adapters/discord/render-digest.ts';
import { renderDigest as slackDigest } from '../../src/adapters/slack/render-digest.ts';
import { renderDigestText } from '../../src/adapters/console/render-text.ts';
import type { SourceRef } from '../../src/core/types.ts';
import { digestOf } from '../helpers/digests.ts';

const source = (n: number): SourceRef => ({ title: `Report ${n}`, source: `Outlet ${n}`, file: `a${n}.txt`, url: `https://example.org/${n}` });

// A wire story: six articles listed of the 837 that carry it.
const digest = digestOf('Ghazni', [
  { text: 'The Taliban entered Ghazni.', sources: [0, 1, 2, 3, 4, 5].map(source), sourceCount: 837 },
  { text: 'The governor left the city.', sources: [source(6)] },
]);

test('an item listing some of its articles says how many more there are, on every platform', () => {
  const discord = discordDigest(digest).flatMap((m) => m.embeds ?? []);
  const slack = slackDigest(digest).flatMap((m) => m.blocks.map((b) => JSON.stringify(b)));
  const texts = {
    discord: discord.map((e) => `${e.description}\n${e.footer?.text ?? ''}`).join('\n'),
    slack: slack.join('\n'),
    console: renderDigestText(digest),
  };
  for (const [platform, text] of Object.entries(texts)) {
    assert.equal(text.match(/and 831 more articles/g)?.length, 1, `${platform}: ${text}`);
    assert.match(text, /Outlet 5/, platform);
    assert.equal(text.match(/more article/g)?.length, 1, `${platform}: the item listing all its sources has no count`);
    assert.match(text, /2 items from 837 articles, 7 outlets/, platform);
  }
  assert.match(texts.discord, /\[Outlet 5\]\(https:\/\/example\.org\/5\) · and 831 more articles/);
});

test('a figure the outlets disagree on names each outlet once, the first few by name', () => {
  const outlet = (name: string, n: number): SourceRef => ({ title: `Report ${n}`, source: name, file: `d${n}.txt` });
  const names = ['Reuters', 'Reuters', 'AP', 'Reuters', 'AFP', 'Xinhua', 'BBC', 'DW', 'Al Jazeera', 'NHK'];
  const withClaims = digestOf('Ghazni', [
    {
      text: 'Ghazni was the tenth provincial capital to fall.',
      sources: [outlet('Reuters', 0)],
      disagreement: { about: 'provincial capitals', kind: 'differ', claims: [{ value: 'tenth', sources: names.map(outlet) }, { value: 'ninth', sources: [outlet('ANI', 20)] }] },
    },
  ]);
  const expected = 'Outlets differ on the provincial capitals: tenth (Reuters, AP, AFP, Xinhua, BBC, DW and 2 more outlets); ninth (ANI).';
  assert.ok(renderDigestText(withClaims).includes(expected), renderDigestText(withClaims));
  const discord = discordDigest(withClaims).flatMap((m) => m.embeds ?? []).map((e) => e.description).join('\n');
  assert.ok(discord.includes(expected), discord);
});
