// End to end: the real bot (bootstrap + startBot) against the fake Discord, following local feeds
// from a FEEDS_FILE. A story on a topic the corpus did not know is published by a feed; once it is
// polled, /summary answers with it (outlet and link), a subscribed channel gets it in its next daily
// digest exactly once, and not again the next day when a second feed republishes it under the same link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrap } from '../../src/app/bootstrap.ts';
import { startBot, type RunningBot } from '../../src/app/run-bot.ts';
import { FakeDiscord } from '../fakes/discord/fake-discord.ts';
import { firstAnswer, refused, MANAGE_SERVER, NO_PERMISSIONS } from '../discord/harness.ts';
import { feedServer, type NewsItem } from '../feeds/feed-server.ts';
import { testClock } from '../scheduler/harness.ts';
import { digestTopic } from '../../src/core/query/digest.ts';
import { ARTICLES } from '../helpers/fixtures.ts';

const operator = { id: '400000000000000077', username: 'operator' };
const serverAdmin = { id: '400000000000000088', username: 'serveradmin' };

const MOSUL: NewsItem = {
  guid: 'mosul-bridge',
  title: 'Mosul bridge reopens',
  text: 'Engineers reopened the old bridge over the Tigris in Mosul on Monday, the city council said. Traffic crossed it for the first time in nine years, and hundreds of residents walked across in the evening. The council said repairs had cost twelve million dollars, paid by the provincial government and two aid agencies. Residents said the crossing had taken them an hour by the pontoon bridge downstream; now it takes five minutes.',
};
const MOSUL_LINK = 'https://news.example.com/mosul-bridge';
const BASRA: NewsItem = { guid: 'basra-strike', title: 'Basra strike ends', text: 'Dockworkers in Basra ended a three-day strike on Tuesday after a pay deal, the port authority said.' };

const text = (m: { body: { content?: string; embeds?: unknown[] } }) => JSON.stringify([m.body.content ?? '', m.body.embeds ?? []]);

test('a feed story on a topic the corpus did not know: /summary answers it once polled, a subscribed channel gets it once, not again when another feed republishes it', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'e2e-feeds-'));
  const discord = await FakeDiscord.start();
  let bot: RunningBot | undefined;
  // The bot disconnects before the fake closes, or the process never exits.
  t.after(async () => {
    await bot?.stop();
    await discord.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const site = await feedServer(t);
  const tigris = site.route('/tigris.rss', { title: 'Tigris Daily (feed title)', items: [BASRA] });
  const nineveh = site.route('/nineveh.rss', { title: 'Nineveh Post', items: [] });
  const feedsFile = join(dir, 'feeds.yaml');
  writeFileSync(
    feedsFile,
    `feeds:\n  - url: ${tigris.url}\n    name: Tigris Daily\n    interval: 1m\n    fullText: never\n  - url: ${nineveh.url}\n    name: Nineveh Post\n    interval: 1m\n    fullText: never\n`,
  );
  const clock = testClock('2026-11-21T05:00:00Z');
  const app = await bootstrap({
    ARTICLES_DIR: ARTICLES,
    DATA_DIR: dir,
    LOG_LEVEL: 'silent',
    WATCH_ARTICLES: 'false',
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_API_URL: discord.apiUrl,
    DISCORD_OPERATOR_IDS: operator.id,
    FEEDS_FILE: feedsFile,
    FEEDS_ALLOW_PRIVATE: 'true',
  });
  // A cron that never fires: the test ticks the scheduler at the clock's time.
  const running = await startBot(app, { clock, schedule: () => ({ stop() {} }) });
  bot = running;

  const summary = async (topic: string) => (await firstAnswer(discord, discord.command('summary', { topic }))).shown.map(text).join('\n');
  const feedAdd = async (url: string, user: typeof operator, permissions: string) =>
    (await firstAnswer(discord, discord.command('feed', { action: 'add', feed: url }, { permissions, user }))).shown;

  // Both feeds of the file are polled at start; Basra is answerable, Mosul is unknown.
  const polled = (path: string) => site.hits.some((h) => h.path === path);
  for (const deadline = Date.now() + 10_000; !(polled('/tigris.rss') && polled('/nineveh.rss')); ) {
    assert.ok(Date.now() < deadline, 'the feeds file was not polled at start');
    await new Promise((r) => setTimeout(r, 20));
  }
  // Waited for in the corpus, then asked once: /summary is rate-limited per user, and the corpus
  // gathers hand-overs for a moment before it builds.
  for (const deadline = Date.now() + 10_000; digestTopic(app.deps.corpus.current, 'basra').items.length === 0; ) {
    assert.ok(Date.now() < deadline, 'the first poll never reached the corpus');
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.match(await summary('basra'), /Dockworkers/);
  const before = await summary('mosul');
  assert.doesNotMatch(before, /bridge over the Tigris/);
  assert.match(before, /nothing|no .*(articles|news|stories)|found no/i, before);

  // An admin who is not an operator cannot make the bot poll.
  const refusal = await feedAdd(tigris.url, serverAdmin, MANAGE_SERVER);
  assert.equal(refusal[0]!.body.content, "Only the bot's operators can change feeds: the articles are shared by every server the bot is in. Ask whoever runs the bot.");
  assert.equal(refusal[0]!.ephemeral, true);

  // The feed publishes the story; the operator's /feed add of the file's feed polls it at once.
  tigris.route.items.unshift(MOSUL);
  const hitsBefore = site.hits.length;
  const added = await feedAdd(tigris.url, operator, NO_PERMISSIONS);
  assert.match(added[0]!.body.content ?? '', /Tigris Daily.*2 items found, 1 new/s, added[0]!.body.content);
  assert.equal(site.hits.length, hitsBefore + 1, 'one fetch');
  const after = await summary('mosul');
  assert.match(after, /bridge over the Tigris/);
  assert.match(after, /Tigris Daily/, 'the outlet is cited');
  assert.ok(after.includes(MOSUL_LINK), `the link is cited: ${after}`);

  // A server admin subscribes the channel; its 07:00 UTC digest carries the story, once.
  const sub = discord.command('subscribe', { topic: 'mosul', time: '07:00', timezone: 'UTC' }, { permissions: MANAGE_SERVER });
  assert.match((await firstAnswer(discord, sub)).shown.map(text).join(), /Subscribed/);
  const mosulPosts = () => discord.posted.filter((m) => m.channelId === discord.channelId && text(m).includes('bridge over the Tigris'));
  for (const at of ['2026-11-21T06:59:00Z', '2026-11-21T07:00:00Z', '2026-11-21T07:01:00Z', '2026-11-21T12:00:00Z']) {
    clock.set(at);
    await running.tick();
  }
  assert.equal(mosulPosts().length, 1, 'the story reached the channel exactly once');
  assert.ok(text(mosulPosts()[0]!).includes(MOSUL_LINK));

  // The next day a second feed republishes the story under the same link: the store keeps one
  // article (the key is the link), and the channel does not get it again.
  nineveh.route.items.push({ ...MOSUL });
  const republished = await feedAdd(nineveh.url, operator, NO_PERMISSIONS);
  assert.match(republished[0]!.body.content ?? '', /Nineveh Post.*1 item/s, republished[0]!.body.content);
  assert.equal((await app.deps.feeds!.list()).length, 2);
  const postsBefore = discord.posted.length;
  for (const at of ['2026-11-22T07:00:00Z', '2026-11-22T07:01:00Z']) {
    clock.set(at);
    await running.tick();
  }
  assert.equal(mosulPosts().length, 1, 'not posted again the next day');
  assert.deepEqual(discord.posted.slice(postsBefore).map((m) => m.body.content?.split('\n')[0]), ['Nothing new on **mosul** since the last digest.']);
  assert.deepEqual(refused(discord), []);
});
