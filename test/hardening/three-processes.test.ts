// Three real bot processes share one PostgreSQL and post to the fake Discord through real
// discord.js, each on its own gateway session. 200 subscriptions fall due in the same minute; one
// process is SIGKILLed in the middle of the round, while posts are still being accepted. Proof:
// every digest reached its channel exactly once (counted at the fake, by the key each message
// carries), the delivery log says posted for each, and digests the dead process had claimed were
// posted by the survivors once its lease ran out. Posts are held 10-40 ms at the fake after it
// stored them, so the kill can land between Discord accepting a post and the bot recording it;
// the fake's nonce memory is off, so only the channel-history check (findPosted) prevents a repeat.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { readMarker } from '../../src/adapters/discord/publisher.ts';
import { idempotencyKey } from '../../src/store/keys.ts';
import { PgStore } from '../../src/store/postgres/pg-store.ts';
import type { Subscription } from '../../src/store/types.ts';
import { FakeDiscord } from '../fakes/discord/fake-discord.ts';
import { ROOT } from '../helpers/fixtures.ts';
import { discordBotEnv } from '../fakes/bot-env.ts';
import { freshSchema, testPostgres } from '../store/pg-database.ts';

const ENTRY = join(ROOT, 'test/hardening/shared-clock-entry.ts');
const PROCESSES = 3;
const CHANNELS = 20;
const TOPICS = ['ghazni', 'kabul', 'taliban', 'kandahar', 'herat', 'helmand', 'pakistan', 'iran', 'police', 'election'];
const DUE = '2026-11-21T08:00:00Z';
// Killed when this many posts of the round have reached the fake: early enough that the victim
// still holds claims it has not posted.
const KILL_AT_POST = 60;
// Long enough that no live process's attempt (a publish timeout of 8 s, a look in the channel and
// the record, stretched on a loaded 2-core machine) outlives its lease, which would let a survivor
// post it a second time; short enough that the dead process's claims are taken over well within
// the round's 120 s.
const LEASE_MS = 30_000;
const PUBLISH_TIMEOUT_MS = 8_000;

interface Bot {
  proc: ChildProcess;
  stderr: string;
  started: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function spawnBot(env: Record<string, string | undefined>): Bot {
  const proc = spawn(process.execPath, ['--import', 'tsx', ENTRY], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  const bot: Bot = {
    proc,
    stderr: '',
    started: new Promise((resolve) => proc.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('started') && resolve())),
    exited: new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal }))),
  };
  proc.stderr!.on('data', (chunk: Buffer) => (bot.stderr += chunk.toString()));
  return bot;
}

/** Logged lines of a bot (pino JSON on stderr) whose message contains `text`. */
const logged = (bot: Bot, text: string) => bot.stderr.split('\n').filter((l) => l.includes(text));

test('three processes, one PostgreSQL: 200 digests due in one minute, one process SIGKILLed mid-round; each posted exactly once', { timeout: 180_000 }, async (t) => {
  const server = await testPostgres();
  if ('skip' in server) return t.skip(server.skip);
  const schema = await freshSchema(server.url);
  const discord = await FakeDiscord.start({ rememberNonces: false, channels: CHANNELS });
  const dataDir = mkdtempSync(join(tmpdir(), 'digest-three-'));
  const bots: Bot[] = [];
  try {
    const store = await PgStore.open(schema.url);
    const subscriptions: Subscription[] = [];
    try {
      for (const channel of discord.channelIds) {
        for (const topic of TOPICS) {
          const input = { platform: 'discord' as const, channel, topic, time: '08:00', timeZone: 'UTC' };
          subscriptions.push((await store.addSubscription(input, new Date('2026-11-20T12:00:00Z'))).subscription);
        }
      }
    } finally {
      await store.close();
    }
    assert.equal(subscriptions.length, 200);

    let victim: Bot | undefined;
    let postsAtKill = 0;
    discord.beforeAnswer = async (r) => {
      if (r.method !== 'POST' || !r.path.endsWith('/messages')) return;
      if (!victim && discord.posted.length >= KILL_AT_POST) {
        // The process that sent this post dies while it is held: accepted by Discord, not yet
        // answered, so not recorded; and with the rest of its share of the round still claimed.
        victim = bots[Number(r.client)]!;
        postsAtKill = discord.posted.length;
        victim.proc.kill('SIGKILL');
      }
      await sleep(10 + Math.random() * 30);
    };

    const env = {
      ...discordBotEnv(discord, dataDir, 'info'),
      DATABASE_URL: schema.url,
      CLOCK_FROM: new Date(Date.parse(DUE) - 60_000).toISOString(),
      CLOCK_AT: DUE,
      LEASE_MS: String(LEASE_MS),
      PUBLISH_TIMEOUT_MS: String(PUBLISH_TIMEOUT_MS),
    };
    for (let i = 0; i < PROCESSES; i++) bots.push(spawnBot({ ...env, DISCORD_API_URL: discord.apiUrlFor(String(i)) }));
    await Promise.race([Promise.all(bots.map((b) => b.started)), ...bots.map((b) => b.exited.then(() => assert.fail(`a bot exited while starting:\n${bots.map((x) => x.stderr).join('\n')}`)))]);
    assert.equal(discord.gateway.identifies.length, PROCESSES, 'each process has its own gateway session on the one token');
    assert.equal(discord.posted.length, 0, 'nothing was due before the clocks move');
    const began = Date.now();
    for (const b of bots) b.proc.stdin!.write('go\n');

    // Until every digest's first part has arrived and the log says posted everywhere.
    const keyOf = (sub: Subscription) => idempotencyKey(sub, sub.topicKey, '2026-11-21');
    const firstParts = () => new Set(discord.posted.map((m) => readMarker(String(m.body.content ?? ''))).filter((m) => m?.part === 1).map((m) => m!.key));
    const check = await PgStore.open(schema.url);
    let rows: Awaited<ReturnType<PgStore['deliveryHistory']>>;
    try {
      for (;;) {
        assert.ok(Date.now() - began < 120_000, `round not finished: ${firstParts().size} of 200 posted`);
        if (firstParts().size === 200) {
          rows = (await Promise.all(subscriptions.map((s) => check.deliveryHistory(s, s.topic, 5)))).flat();
          if (rows.every((r) => r.state === 'posted')) break;
        }
        await sleep(250);
      }
    } finally {
      await check.close();
    }
    const finished = Date.now() - began;
    // A stopping bot finishes its posts in flight: a repeat, had a survivor one pending, is counted below.
    const survivors = bots.filter((b) => b !== victim);
    for (const b of survivors) b.proc.kill('SIGTERM');
    for (const b of survivors) assert.equal((await b.exited).code, 0, b.stderr.slice(-2000));

    assert.ok(victim, 'a process was killed during the round');
    assert.equal((await victim.exited).signal, 'SIGKILL');
    assert.ok(postsAtKill < 200, 'the kill came before the round was over');

    const seen = new Map<string, number>();
    for (const m of discord.posted) {
      const marker = readMarker(String(m.body.content ?? ''));
      assert.ok(marker, 'every scheduled message carries its key');
      const id = `${marker.key}#${marker.part}`;
      seen.set(id, (seen.get(id) ?? 0) + 1);
    }
    const doubled = [...seen].filter(([, n]) => n > 1).map(([id]) => id);
    assert.deepEqual(doubled, [], 'no digest part reached its channel twice');
    assert.deepEqual(subscriptions.filter((s) => !seen.has(`${keyOf(s)}#1`)).map((s) => s.topic), [], 'no digest was lost');
    assert.equal(rows.length, 200, 'one delivery row per subscription and day');
    assert.deepEqual(rows.filter((r) => r.state !== 'posted'), []);
    // The dead process's unfinished claims: taken over after the lease, as attempt 2.
    const recovered = rows.filter((r) => r.attempts > 1);
    assert.ok(recovered.length > 0, 'the survivors finished digests the killed process had claimed');
    const tookOver = survivors.flatMap((b) => logged(b, 'retrying a delivery whose attempt did not finish'));
    assert.ok(tookOver.length > 0, 'a survivor took over a claim whose lease had run out');
    const foundInChannel = survivors.flatMap((b) => logged(b, 'already posted this digest')).length;

    const perProcess = bots.map((b) => logged(b, 'digest posted').length);
    console.log(`three-processes figures: ${JSON.stringify({ posts: discord.posted.length, postsAtKill, recovered: recovered.length, foundInChannel, perProcess, finishedMs: finished })}`);
  } finally {
    for (const b of bots) if (b.proc.exitCode === null && b.proc.signalCode === null) b.proc.kill('SIGKILL');
    await Promise.all(bots.map((b) => b.exited));
    await discord.close();
    await schema.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
