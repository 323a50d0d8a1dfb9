import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstAnswer, refused, withBot, loadedDeps, MANAGE_SERVER, NO_PERMISSIONS } from './harness.ts';
import { MemoryFeeds } from '../helpers/memory-feeds.ts';
import type { CommandDeps } from '../../src/commands/types.ts';
import type { FakeDiscord } from '../fakes/discord/fake-discord.ts';

// The real discord.js bot against the fake Discord, with an in-memory FeedControl standing in for the app's.

const operator = { id: '400000000000000077', username: 'operator' };
const serverAdmin = { id: '400000000000000088', username: 'serveradmin' };

async function feedDeps(feeds: MemoryFeeds): Promise<CommandDeps> {
  return { ...(await loadedDeps()), feeds, operators: { discord: new Set([operator.id]), slack: new Set() } };
}

test('/feed add from a server admin who is not an operator is refused privately, says why, is logged, and adds nothing', async () => {
  const feeds = new MemoryFeeds();
  await withBot(
    async ({ fake, logs }) => {
      const i = fake.command('feed', { action: 'add', feed: 'https://example.com/rss.xml' }, { permissions: MANAGE_SERVER, user: serverAdmin });
      const { shown } = await firstAnswer(fake, i);
      assert.equal(shown.length, 1);
      assert.equal(shown[0]!.ephemeral, true);
      assert.equal(shown[0]!.body.content, "Only the bot's operators can change feeds: the articles are shared by every server the bot is in. Ask whoever runs the bot.");
      assert.deepEqual(shown[0]!.body.allowed_mentions, { parse: [] });
      const warning = logs.find((l) => l.level === 40 && /refused an operator command/.test(String(l.msg)));
      assert.ok(warning, 'the refusal is logged');
      assert.equal(warning.user, serverAdmin.id);
      assert.equal(warning.command, 'feed');
      assert.match(String(warning.msg), /DISCORD_OPERATOR_IDS/);
      assert.deepEqual(feeds.calls, []);
      assert.deepEqual(refused(fake), []);
    },
    { deps: await feedDeps(feeds) },
  );
});

test('/feed add from an operator (no server role needed) follows the feed and tells only them, even when the fetch is slow', async () => {
  const feeds = new MemoryFeeds();
  await withBot(
    async ({ fake }) => {
      const i = fake.command('feed', { action: 'add', feed: 'https://example.com/rss.xml', name: 'Example News' }, { permissions: NO_PERMISSIONS, user: operator });
      const { callbackType, shown } = await firstAnswer(fake, i);
      assert.equal(callbackType, 5, 'deferred, as a fetch may take a while');
      const defer = fake.requests.find((r) => r.path.endsWith(`${i.token}/callback`))!;
      assert.equal(defer.body.data.flags & 64, 64, 'the "thinking…" is private too');
      assert.equal(shown.length, 1);
      assert.match(shown[0]!.body.content ?? '', /^Now following \*\*Example News\*\* \(Example Feed Title\) <https:\/\/example\.com\/rss\.xml>: 12 items found, 12 new\./);
      assert.deepEqual(feeds.calls, [`add https://example.com/rss.xml {"name":"Example News","addedBy":"discord:${operator.id}"}`]);

      const list = await firstAnswer(fake, fake.command('feed', { action: 'list' }, { permissions: NO_PERMISSIONS, user: operator }));
      assert.equal(list.shown[0]!.ephemeral, true);
      assert.match(list.shown[0]!.body.content ?? '', /^Following 1 feed:\n• \*\*Example News\*\*/);
      assert.deepEqual(refused(fake), []);
    },
    { deps: await feedDeps(feeds), deferAfterMs: 0 },
  );
});

type Choice = { name: string; value: string };

async function feedChoicesFor(fake: FakeDiscord, typed: string, others: Record<string, string>, user: { id: string; username: string }): Promise<Choice[]> {
  const i = fake.autocomplete('feed', { name: 'feed', value: typed }, others, { permissions: MANAGE_SERVER, user });
  const callback = await fake.waitFor((r) => r.path === `/interactions/${i.id}/${i.token}/callback`);
  assert.equal(callback.status, 204, JSON.stringify(callback.response));
  assert.equal(callback.body.type, 8);
  return callback.body.data.choices;
}

test('autocomplete of feed offers the followed feeds to an operator removing one, and nothing otherwise', async () => {
  const feeds = new MemoryFeeds([{ name: 'Example News' }, { name: 'Example Wire' }, { name: 'Other' }]);
  await withBot(
    async ({ fake }) => {
      assert.deepEqual(await feedChoicesFor(fake, 'exa', { action: 'remove' }, operator), [
        { name: 'Example News', value: 'Example News' },
        { name: 'Example Wire', value: 'Example Wire' },
      ]);
      assert.deepEqual(await feedChoicesFor(fake, 'exa', { action: 'add' }, operator), []);
      assert.deepEqual(await feedChoicesFor(fake, 'exa', { action: 'remove' }, serverAdmin), []);

      const removed = await firstAnswer(fake, fake.command('feed', { action: 'remove', feed: 'Example Wire' }, { permissions: NO_PERMISSIONS, user: operator }));
      assert.match(removed.shown[0]!.body.content ?? '', /^Stopped following \*\*Example Wire\*\*/);
      assert.deepEqual((await feedChoicesFor(fake, '', { action: 'remove' }, operator)).map((c) => c.value), ['Example News', 'Other']);
      assert.deepEqual(refused(fake), []);
    },
    { deps: await feedDeps(feeds) },
  );
});
