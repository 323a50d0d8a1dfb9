import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../../src/store/open-store.ts';
import { tempDb } from '../store/temp-db.ts';
import { MANAGE_SERVER, NO_PERMISSIONS, firstAnswer, loadedDeps, refused, withBot } from './harness.ts';

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

test('a slow answer is deferred (privately for admin commands) and then edited in place', async () => {
  // Defer at once, as if the reload took longer than Discord's window allows.
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
      assert.deepEqual(refused(fake), []);
    },
    { deferAfterMs: 0 },
  );
});

test('a command that throws gets a polite private error and a log line; the bot keeps answering', async () => {
  const db = tempDb();
  const store = openStore({ path: db.path });
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
