import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerDiscordCommands } from '../../src/adapters/discord/register-commands.ts';
import { deployDiscordCommands } from '../../src/adapters/discord/deploy.ts';
import { startDiscordBot } from '../../src/adapters/discord/discord-bot.ts';
import { FakeDiscord } from '../fakes/discord/fake-discord.ts';
import { ROOT } from '../helpers/fixtures.ts';
import { TEST_REST, captureLogger, loadedDeps, withBot } from './harness.ts';

async function withFake(run: (fake: FakeDiscord) => Promise<void>) {
  const fake = await FakeDiscord.start();
  try {
    await run(fake);
  } finally {
    await fake.close();
  }
}

test('registerDiscordCommands PUTs every command to the guild, admin ones behind Manage Server', async () => {
  await withFake(async (fake) => {
    const result = await registerDiscordCommands({ token: fake.token, applicationId: fake.applicationId, guildId: fake.guildId, apiUrl: fake.apiUrl, rest: TEST_REST });
    const put = await fake.waitFor((r) => r.method === 'PUT');
    assert.equal(put.path, `/applications/${fake.applicationId}/guilds/${fake.guildId}/commands`);
    assert.equal(put.status, 200);
    assert.equal(result.scope, 'guild');
    assert.equal(result.guildId, fake.guildId);
    assert.deepEqual(result.commands.map((c) => c.name), ['summary', 'topics', 'subscribe', 'unsubscribe', 'subscriptions', 'feed', 'reload', 'help']);
    assert.ok(result.commands.every((c) => c.id), 'as Discord stored them');

    const byName = new Map<string, any>(put.body.map((c: any) => [c.name, c]));
    for (const admin of ['subscribe', 'unsubscribe', 'feed', 'reload']) assert.equal(byName.get(admin).default_member_permissions, '32');
    for (const open of ['summary', 'topics', 'subscriptions', 'help']) assert.equal(byName.get(open).default_member_permissions, null);
    for (const c of byName.values()) {
      assert.deepEqual(c.contexts, [0], 'guild only');
      assert.equal(c.dm_permission, false);
    }
    const [topic, length, since] = byName.get('summary').options;
    assert.deepEqual(topic, { type: 3, name: 'topic', description: topic.description, required: true, max_length: 100, autocomplete: true });
    assert.deepEqual(length.choices, ['short', 'medium', 'long'].map((v) => ({ name: v, value: v })));
    assert.equal(length.autocomplete, undefined);
    // Free text: the examples are in its description, and a bad value gets a reply with them.
    assert.deepEqual(since, { type: 3, name: 'since', description: since.description, required: false, max_length: 20 });
    assert.match(since.description, /24h.*7d.*2026-12-01/);
  });
});

test('registerDiscordCommands with a bad token fails with a clear message and registers nothing', async () => {
  await withFake(async (fake) => {
    const badToken = 'not.the.right-token-at-all';
    const err: Error = await registerDiscordCommands({ token: badToken, applicationId: fake.applicationId, apiUrl: fake.apiUrl, rest: TEST_REST }).then(
      () => assert.fail('a bad token must fail'),
      (e: Error) => e,
    );
    assert.match(err.message, /rejected the bot token \(401 Unauthorized\): check DISCORD_TOKEN/);
    assert.ok(!err.message.includes(badToken));
    assert.deepEqual(fake.requests.map((r) => r.status), [401]);
  });
});

test('starting the bot does not register commands', async () => {
  await withBot(async ({ fake }) => {
    assert.ok(fake.requests.some((r) => r.path === '/gateway/bot'));
    assert.deepEqual(fake.requests.filter((r) => r.method === 'PUT'), []);
  });
});

test('startDiscordBot with a bad token rejects with what to fix, never echoing the token', async () => {
  await withFake(async (fake) => {
    const { logger, logs } = captureLogger();
    const badToken = 'MTIzNDU2.wrong.tokenvalue-xyz';
    const started = startDiscordBot({ token: badToken, applicationId: fake.applicationId, apiUrl: fake.apiUrl, deps: await loadedDeps(), logger, rest: TEST_REST });
    await assert.rejects(started, (err: Error) => {
      assert.match(err.message, /Discord rejected the bot token \(401 Unauthorized\): check DISCORD_TOKEN/);
      assert.ok(!err.message.includes(badToken));
      return true;
    });
    assert.equal(fake.requests.find((r) => r.path === '/gateway/bot')?.status, 401);
    assert.ok(!JSON.stringify(logs).includes(badToken));
  });
});

/** The deploy step in this process, its output captured. */
async function deployHere(env: Record<string, string>) {
  const lines = { out: [] as string[], err: [] as string[] };
  const code = await deployDiscordCommands(env, { log: (l) => lines.out.push(l), error: (l) => lines.err.push(l) });
  return { code, out: lines.out.join('\n'), err: lines.err.join('\n') };
}

test('deploy: globally without a guild; missing, malformed or rejected settings give exit code 1 and the reason, no secret', async () => {
  await withFake(async (fake) => {
    const base = { DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl };
    assert.deepEqual(await deployHere(base), { code: 0, out: 'Registered 8 commands globally (may take up to an hour to appear)', err: '' });
    assert.ok(fake.requests.some((r) => r.method === 'PUT' && r.path === `/applications/${fake.applicationId}/commands`));

    const missing = await deployHere({ DISCORD_API_URL: fake.apiUrl });
    assert.equal(missing.code, 1);
    assert.match(missing.err, /DISCORD_TOKEN and DISCORD_APPLICATION_ID are required/);

    const malformed = await deployHere({ ...base, DISCORD_GUILD_ID: 'my-server' });
    assert.equal(malformed.code, 1);
    assert.match(malformed.err, /DISCORD_GUILD_ID: must be a Discord id/);

    const wrong = 'a-wrong-token-of-twenty-chars';
    const rejected = await deployHere({ ...base, DISCORD_TOKEN: wrong });
    assert.equal(rejected.code, 1);
    assert.match(rejected.err, /^Registering the Discord commands failed: Discord rejected the bot token \(401 Unauthorized\)/);
    assert.ok(!rejected.err.includes(wrong));
  });
});

test('npm run deploy:discord (the script itself, from a folder with no .env) registers to the guild and says so', async () => {
  await withFake(async (fake) => {
    const cwd = mkdtempSync(join(tmpdir(), 'deploy-discord-'));
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('DISCORD_')));
    const env = { ...inherited, DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_GUILD_ID: fake.guildId, DISCORD_API_URL: fake.apiUrl };
    // Asynchronous: the fake answering the script lives in this process.
    const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), join(ROOT, 'src/cli/deploy-discord.ts')], { cwd, env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const [code] = (await once(child, 'close')) as [number | null];
    rmSync(cwd, { recursive: true, force: true });
    assert.equal(code, 0, err);
    assert.equal(out.trim(), `Registered 8 commands to guild ${fake.guildId}`);
    assert.ok(!out.includes(fake.token) && !err.includes(fake.token));
  });
});
