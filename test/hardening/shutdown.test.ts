// Graceful shutdown of the real bot (`src/index.ts` as a child process, Discord and Slack against
// the fakes): SIGTERM arrives while a scheduled digest is in flight (the fake Slack holds the
// post) and while an interactive reply is in flight (the fake Discord holds the answer). The
// process waits for both: the post arrives whole and the delivery log says posted, the reply is
// delivered, the database is closed (no write-ahead log left behind), and the exit code is 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/open-store.ts';
import { FakeDiscord } from '../fakes/discord/fake-discord.ts';
import { startFakeSlack } from '../fakes/slack/fake-slack.ts';
import { ROOT } from '../helpers/fixtures.ts';
import { botEnv } from '../fakes/bot-env.ts';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  let reached!: () => void;
  const arrived = new Promise<void>((resolve) => (reached = resolve));
  return { open, opened, arrived, reached };
}

async function until(what: string, ok: () => boolean, timeoutMs = 20_000): Promise<void> {
  for (let waited = 0; !ok(); waited += 25) {
    if (waited > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

test('shutdown: SIGTERM during a scheduled post and an interactive reply finishes both, closes the database and exits 0', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'digest-shutdown-'));
  const discord = await FakeDiscord.start();
  const slack = await startFakeSlack();
  try {
    // A digest due two minutes ago: the first tick at start posts it.
    const dueAt = new Date(Date.now() - 2 * 60_000);
    const time = `${String(dueAt.getUTCHours()).padStart(2, '0')}:${String(dueAt.getUTCMinutes()).padStart(2, '0')}`;
    const store = await openStore({ path: join(dataDir, 'digests.sqlite') });
    const { subscription } = await store.addSubscription({ platform: 'slack', channel: 'C1', topic: 'ghazni', time, timeZone: 'UTC' }, new Date(Date.now() - 3_600_000));
    await store.close();

    const post = gate();
    const reply = gate();
    slack.beforeAnswer = async (r) => {
      if (r.name !== 'chat.postMessage') return;
      post.reached();
      await post.opened;
    };
    discord.beforeAnswer = async (r) => {
      if (!r.path.startsWith('/interactions/')) return;
      reply.reached();
      await reply.opened;
    };

    const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      cwd: ROOT,
      env: botEnv(discord, slack, dataDir, 'info'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.resume();
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await post.arrived; // the scheduled post (the first tick at start-up) is with Slack, unanswered
      await until('Discord to connect', () => stderr.includes('Discord connected'));
      const interaction = discord.command('summary', { topic: 'ghazni' });
      await reply.arrived; // the reply is with Discord, unanswered

      child.kill('SIGTERM');
      await until('the shutdown to begin', () => stderr.includes('shutting down'));
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(child.exitCode, null, 'the process waits for what is in flight');
      post.open();
      reply.open();
      const code = await exited;
      assert.equal(code, 0, stderr.slice(-3000));
      assert.match(stderr, /stopped cleanly/);

      const messages = slack.channelMessages('C1');
      assert.equal(messages.length, 1, 'the digest arrived once');
      assert.equal(messages[0]!.metadata?.event_payload.part, messages[0]!.metadata?.event_payload.parts, 'and whole');
      const shown = discord.shown(interaction);
      assert.ok(shown.length > 0 && JSON.stringify(shown).includes('Ghazni'), 'the reply was delivered');

      assert.ok(!existsSync(join(dataDir, 'digests.sqlite-wal')), 'the database was closed');
      const check = await openStore({ path: join(dataDir, 'digests.sqlite') });
      const [row] = await check.deliveryHistory(subscription, 'ghazni');
      await check.close();
      assert.equal(row?.state, 'posted');
    } finally {
      post.open();
      reply.open();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  } finally {
    await discord.close();
    await slack.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
