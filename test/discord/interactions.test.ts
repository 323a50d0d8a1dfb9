import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstAnswer, refused, withBot, BUDGETS, MANAGE_SERVER, NO_PERMISSIONS, loadedDeps } from './harness.ts';
import { LiveCorpus } from '../../src/core/index/live-corpus.ts';
import { ARTICLES, realEngine } from '../helpers/fixtures.ts';
import { openStore } from '../../src/store/open-store.ts';
import { tempDb } from '../store/temp-db.ts';
import type { FakeDiscord } from '../fakes/discord/fake-discord.ts';
import { datedFolder, FALL_AND_RETAKING } from '../helpers/dated-corpus.ts';

test('/summary ghazni: answered in time with an embed titled Ghazni, its sources and a counts footer', async () => {
  await withBot(async ({ fake }) => {
    const i = fake.command('summary', { topic: 'ghazni' });
    const { shown } = await firstAnswer(fake, i);
    assert.deepEqual(refused(fake), []);
    const [message] = shown;
    assert.ok(message, 'the user sees an answer');
    assert.equal(message.ephemeral, false, 'a digest is for the whole channel');
    assert.deepEqual(message.body.allowed_mentions, { parse: [] });
    const embeds = message.body.embeds ?? [];
    assert.equal(embeds[0]?.title, 'Ghazni');
    const description = embeds.map((e) => e.description).join('\n');
    assert.match(description, /^\*\*1\.\*\* .*Ghazni/m);
    assert.match(description, /^Sources: UrduPoint \/ Pakistan Point News · deccanherald\.com/m, 'every outlet of an item is listed');
    assert.match(embeds.at(-1)?.footer?.text ?? '', /^\d+ items? from \d+ articles?, \d+ outlets?(; \d+ articles? mentions? it)?$/);
  });
});

type Choice = { name: string; value: string };

async function choicesFor(fake: FakeDiscord, typed: string, command = 'summary', option = 'topic'): Promise<Choice[]> {
  const i = fake.autocomplete(command, { name: option, value: typed });
  const callback = await fake.waitFor((r) => r.path === `/interactions/${i.id}/${i.token}/callback`);
  assert.equal(callback.status, 204, JSON.stringify(callback.response));
  assert.equal(callback.body.type, 8, 'an autocomplete result');
  return callback.body.data.choices;
}

test('autocomplete on topic: "gh" offers Ghazni; nothing typed offers at most 25 topics within Discord limits', async () => {
  await withBot(async ({ fake, deps }) => {
    const gh = await choicesFor(fake, 'gh');
    assert.ok(gh.some((c) => c.name === 'Ghazni' && c.value === 'Ghazni'), JSON.stringify(gh));
    assert.ok(gh.every((c) => /(^|[\s-])gh/i.test(c.name)), 'only topics with a word starting as typed');

    const all = await choicesFor(fake, '');
    assert.ok(all.length > 0 && all.length <= 25, `${all.length} choices`);
    assert.ok(all.every((c) => c.name.length >= 1 && c.name.length <= 100 && c.value.length <= 100));
    assert.equal(all.length, Math.min(25, deps.corpus.current.topics.length), 'as many as one answer may list');

    assert.deepEqual(await choicesFor(fake, 'zzzz-nothing'), []);
    assert.deepEqual(refused(fake), []);
  });
});

test('autocomplete on /subscribe: the topic from the corpus, the time zone from the IANA list', async () => {
  await withBot(async ({ fake }) => {
    assert.equal((await choicesFor(fake, 'gh', 'subscribe', 'topic'))[0]?.name, 'Ghazni');
    assert.equal((await choicesFor(fake, 'berl', 'subscribe', 'timezone'))[0]?.value, 'Europe/Berlin');
    assert.equal((await choicesFor(fake, 'new y', 'subscribe', 'timezone'))[0]?.value, 'America/New_York');
    assert.ok((await choicesFor(fake, 'america/', 'subscribe', 'timezone')).length === 25, 'at most 25 of the many American zones');
    assert.ok((await choicesFor(fake, '', 'subscribe', 'timezone')).some((c) => c.value === 'UTC'));
  });
});

test('autocomplete before the articles are loaded answers with no choices instead of failing', async () => {
  const corpus = new LiveCorpus({ engine: realEngine(), dir: ARTICLES, maxBytes: 5_000_000 });
  await withBot(
    async ({ fake }) => {
      assert.deepEqual(await choicesFor(fake, 'gh'), []);
    },
    { deps: { corpus, budgets: BUDGETS } },
  );
});

const moderator = { id: '400000000000000099', username: 'moderator' };

test('/reload from a member without Manage Server is refused privately, logged with who tried, and reloads nothing', async () => {
  await withBot(async ({ fake, logs }) => {
    const i = fake.command('reload', {}, { permissions: NO_PERMISSIONS, user: { id: '400000000000000042', username: 'mallory' } });
    const { shown } = await firstAnswer(fake, i);
    assert.equal(shown.length, 1);
    assert.equal(shown[0]!.ephemeral, true, 'errors are private');
    assert.equal(shown[0]!.body.content, 'Only admins can run /reload.');
    assert.deepEqual(shown[0]!.body.allowed_mentions, { parse: [] });
    const warning = logs.find((l) => l.level === 40 && /refused an admin command/.test(String(l.msg)));
    assert.ok(warning, 'the refusal is logged');
    assert.equal(warning.user, '400000000000000042');
    assert.equal(warning.command, 'reload');
    assert.ok(!logs.some((l) => /reloaded/i.test(String(l.msg))));
  });
});

test('/reload from a member with Manage Server runs and answers privately with what changed', async () => {
  await withBot(async ({ fake }) => {
    const i = fake.command('reload', {}, { permissions: MANAGE_SERVER, user: moderator });
    const { shown } = await firstAnswer(fake, i);
    assert.equal(shown.length, 1);
    assert.equal(shown[0]!.ephemeral, true, 'admin results are private');
    assert.match(shown[0]!.body.content ?? '', /^Reloaded 5 articles in \d+ ms: 0 added, 0 removed, 0 changed, 0 skipped\./);
    assert.deepEqual(refused(fake), []);
  });
});

test('a slow answer is deferred (privately for admin commands) and then edited in place; a deferred error turns private', async () => {
  // Defer every answer, as if the reload took longer than Discord's window allows.
  await withBot(
    async ({ fake }) => {
      const i = fake.command('reload', {}, { permissions: MANAGE_SERVER, user: moderator });
      const { callbackType, shown } = await firstAnswer(fake, i);
      assert.equal(callbackType, 5, 'deferred');
      const defer = fake.requests.find((r) => r.path.endsWith(`${i.token}/callback`))!;
      assert.equal(defer.body.data.flags & 64, 64, 'the "thinking…" is private too');
      assert.equal(shown.length, 1);
      assert.match(shown[0]!.body.content ?? '', /^Reloaded 5 articles/);
      assert.deepEqual(shown[0]!.body.allowed_mentions, { parse: [] });

      // A public "thinking…" that ends in an error is replaced by a private message.
      const typo = fake.command('summary', { topic: '🔥' });
      const failed = await firstAnswer(fake, typo);
      assert.equal(failed.callbackType, 5);
      await fake.waitFor((r) => r.method === 'DELETE' && r.path.includes(typo.token));
      const [only, ...more] = fake.shown(typo);
      assert.deepEqual(more, []);
      assert.equal(only!.ephemeral, true);
      assert.match(only!.body.content ?? '', /at least one letter or digit/);
      assert.deepEqual(refused(fake), []);
    },
    { deferAfterMs: 0 },
  );
});

test('a command that throws gets a polite private error and a log line; the bot keeps answering', async () => {
  const db = tempDb();
  const store = await openStore({ path: db.path });
  await store.close();
  const deps = { ...(await loadedDeps()), subscriptions: { store, defaultTimeZone: 'UTC', now: () => new Date() } };
  try {
    await withBot(
      async ({ fake, logs }) => {
        const broken = fake.command('subscriptions', {}, { permissions: NO_PERMISSIONS });
        const { shown } = await firstAnswer(fake, broken);
        assert.equal(shown[0]!.ephemeral, true);
        assert.match(shown[0]!.body.content ?? '', /Something went wrong on my side/);
        assert.ok(logs.some((l) => l.level === 50 && l.msg === 'command failed' && l.command === 'subscriptions'));

        const next = await firstAnswer(fake, fake.command('help'));
        assert.match(next.shown[0]!.body.content ?? '', /^Commands:/);
      },
      { deps },
    );
  } finally {
    db.cleanup();
  }
});

test('an interaction Discord has already given up on is logged once, not retried or crashed on, and the next one is answered', async () => {
  await withBot(async ({ fake, logs }) => {
    const late = fake.command('summary', { topic: 'ghazni' }, {}, 3500);
    const callback = await fake.waitFor((r) => r.path === `/interactions/${late.id}/${late.token}/callback`);
    assert.equal(callback.status, 404);
    assert.equal((callback.response as { code: number }).code, 10062);
    const next = await firstAnswer(fake, fake.command('help'));
    assert.match(next.shown[0]!.body.content ?? '', /^Commands:/);
    assert.equal(fake.requests.filter((r) => r.path.includes(late.token)).length, 1, 'a dead token is not tried again, not even to say it failed');
    // The two interactions are handled concurrently: on a busy machine the refusal may be logged
    // after the second answer went out.
    const droppedLogged = () => logs.some((l) => /can no longer be delivered/.test(String(l.msg)));
    for (let waited = 0; !droppedLogged() && waited < 4000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    const logged = logs.filter((l) => /can no longer be delivered/.test(String(l.msg)));
    assert.equal(logged.length, 1, 'the dropped answer is logged once');
    assert.equal(logged[0]!.level, 40);
    assert.equal((logged[0]!.err as { code: number }).code, 10062);
    assert.ok(!JSON.stringify(logs).includes(late.token), 'without the interaction token');
  });
});

test('/summary with since: what was published since then, with the window in the footer; nothing since says so', async () => {
  const { dir, cleanup } = datedFolder(FALL_AND_RETAKING);
  try {
    const deps = { ...(await loadedDeps(dir)), now: () => new Date('2026-12-07T12:00:00Z') };
    await withBot(
      async ({ fake }) => {
        const day = await firstAnswer(fake, fake.command('summary', { topic: 'ghazni', since: '24h' }));
        const embeds = day.shown[0]?.body.embeds ?? [];
        assert.match(embeds.map((e) => e.description).join('\n'), /retook the city of Ghazni/);
        assert.doesNotMatch(embeds.map((e) => e.description).join('\n'), /captured the provincial capital/);
        assert.equal(embeds.at(-1)?.footer?.text, '1 item from 1 article, 1 outlet, published since 2026-12-06 12:00 UTC');
        const later = await firstAnswer(fake, fake.command('summary', { topic: 'ghazni', since: '2026-12-08' }));
        assert.match(later.shown[0]?.body.content ?? '', /Nothing published about "Ghazni" since 2026-12-08\. The latest article on it is from 2026-12-07 08:00 UTC\./);
        const bad = await firstAnswer(fake, fake.command('summary', { topic: 'ghazni', since: 'last week' }));
        assert.equal(bad.shown[0]?.ephemeral, true);
        assert.match(bad.shown[0]?.body.content ?? '', /"last week" is not a time span or a date\. .*like 90m, 24h, 7d or 2w/);
      },
      { deps },
    );
  } finally {
    cleanup();
  }
});
