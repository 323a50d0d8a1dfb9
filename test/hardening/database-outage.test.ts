// The real bot (startBot, real discord.js against the fake Discord) on its own throwaway
// PostgreSQL cluster, which the tests stop (pg_ctl -m fast, as an operator's restart does) and
// start again on the same port. Never the shared TEST_DATABASE_URL server: other tests use it.
// Proof: a round of digests cut by the restart ends with every digest in its channel exactly once
// (counted at the fake) and recorded as posted, digests that fell due meanwhile are posted after;
// /healthz says the database is down and then up; the outage is logged once, not per tick.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { readMarker } from '../../src/adapters/discord/publisher.ts';
import { bootstrap } from '../../src/app/bootstrap.ts';
import { startBot, type RunningBot } from '../../src/app/run-bot.ts';
import { idempotencyKey } from '../../src/store/keys.ts';
import { PgStore } from '../../src/store/postgres/pg-store.ts';
import type { Subscription } from '../../src/store/types.ts';
import { postgresBinDir, startThrowawayPostgres, startThrowawayServer, stopThrowawayPostgres, stopThrowawayServer } from '../../scripts/throwaway-postgres.mjs';
import { FakeDiscord } from '../fakes/discord/fake-discord.ts';
import { captureLogger, firstAnswer } from '../discord/harness.ts';
import { discordBotEnv } from '../fakes/bot-env.ts';

const UNREACHABLE = 'database unreachable';
const REACHABLE = 'database reachable again';

/** A cluster of this file's own, or the reason there is none (only outside CI). */
async function ownCluster(t: TestContext): Promise<{ dir: string; url: string } | undefined> {
  if (!postgresBinDir()) {
    const reason = 'no PostgreSQL binaries (pg_ctl) to start a cluster that this test may restart';
    if (process.env.CI === 'true') throw new Error(`${reason}; in CI (CI=true) this test must run`);
    console.log(`# database-outage skipped: ${reason}`);
    t.skip(reason);
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'digest-pg-restart-'));
  return { dir, url: await startThrowawayPostgres(dir) };
}

/** The bot in this process on the fake Discord and the cluster, its log captured, its clock the test's. */
async function startTestBot(discord: FakeDiscord, databaseUrl: string, dataDir: string, now: () => Date) {
  const app = await bootstrap({ ...discordBotEnv(discord, dataDir, 'silent'), OPS_PORT: '0', DATABASE_URL: databaseUrl });
  const { logger, logs } = captureLogger('debug');
  const bot = await startBot({ ...app, logger }, { clock: { now }, schedule: () => ({ stop() {} }), scheduler: { leaseMs: 8_000, publishTimeoutMs: 5_000 } });
  return { bot, logs };
}

/** Ticks every 200 ms, each after the last finished, as the shared-clock entry does; returns the stop. */
function keepTicking(bot: RunningBot): () => Promise<void> {
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      await bot.tick();
      await sleep(200);
    }
  })();
  return async () => {
    stopped = true;
    await loop;
  };
}

async function health(bot: RunningBot): Promise<{ status: number; body: { ready: boolean; database: boolean } }> {
  const res = await fetch(`http://127.0.0.1:${bot.opsPort}/healthz`);
  return { status: res.status, body: (await res.json()) as { ready: boolean; database: boolean } };
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const lines = (logs: Record<string, unknown>[], text: string) => logs.filter((l) => String(l.msg).includes(text));
/** Warnings and errors other than the one outage line: what an operator would have to read. */
const noisy = (logs: Record<string, unknown>[]) => logs.filter((l) => Number(l.level) >= 40 && !String(l.msg).includes(UNREACHABLE) && !String(l.msg).includes('attempt did not finish'));

test('the database restarted in the middle of a round: every digest posted exactly once, those due meanwhile after it', { timeout: 180_000 }, async (t) => {
  const cluster = await ownCluster(t);
  if (!cluster) return;
  const discord = await FakeDiscord.start({ rememberNonces: false, channels: 8 });
  const dataDir = mkdtempSync(join(tmpdir(), 'digest-restart-'));
  let bot: RunningBot | undefined;
  let stopTicking: (() => Promise<void>) | undefined;
  try {
    // 40 digests due at 08:00 (the round the restart cuts) and 16 at 08:01 (due while it is down).
    const store = await PgStore.open(cluster.url);
    const subscriptions: Subscription[] = [];
    try {
      for (const [i, channel] of discord.channelIds.entries()) {
        for (const [j, topic] of ['ghazni', 'kabul', 'taliban', 'kandahar', 'herat', 'helmand', 'police'].entries()) {
          const time = j < 5 ? '08:00' : '08:01';
          subscriptions.push((await store.addSubscription({ platform: 'discord', channel, topic: `${topic} ${i}`, time, timeZone: 'UTC' }, new Date('2026-11-20T12:00:00Z'))).subscription);
        }
      }
    } finally {
      await store.close();
    }

    // The clock runs in real time from 08:00:50: the first round at once, 08:01 ten seconds on.
    const began = Date.now();
    const now = () => new Date(Date.parse('2026-11-21T08:00:50Z') + Date.now() - began);
    let stopping: Promise<void> | undefined;
    let downAt = 0;
    discord.beforeAnswer = async (r) => {
      if (r.method !== 'POST' || !r.path.endsWith('/messages')) return;
      // The restart begins while this post is accepted and not yet answered, 12 posts into the round.
      // That post is answered only once the server is down, so at least its record cannot be
      // written, however slowly pg_ctl stops on a loaded machine: the post must be found in the channel.
      if (!stopping && discord.posted.length >= 12) {
        downAt = discord.posted.length;
        stopping = stopThrowawayServer(cluster.dir);
        await stopping;
        return;
      }
      await sleep(20 + Math.random() * 40);
    };
    const started = await startTestBot(discord, cluster.url, dataDir, now);
    bot = started.bot;
    stopTicking = keepTicking(bot);
    await until('the restart to begin', () => stopping !== undefined);
    await stopping;
    // Down until 08:01's digests are due and a few ticks have failed on them.
    await until('08:01 to come', () => now() >= new Date('2026-11-21T08:01:02Z'));
    const duringOutage = await health(bot);
    await startThrowawayServer(cluster.dir, cluster.url);

    const key = (s: Subscription) => idempotencyKey(s, s.topicKey, '2026-11-21');
    const firstParts = () => new Set(discord.posted.map((m) => readMarker(String(m.body.content ?? ''))).filter((m) => m?.part === 1).map((m) => m!.key));
    await until('every digest to reach its channel', () => firstParts().size === subscriptions.length);
    const check = await PgStore.open(cluster.url);
    try {
      const states = async () => (await Promise.all(subscriptions.map((s) => check.deliveryHistory(s, s.topic, 5)))).flat();
      await until('the delivery log to say posted for each', async () => (await states()).every((r) => r.state === 'posted'));
      // Stopping finishes the posts in flight: a repeat, had one been pending, is counted below.
      await stopTicking();
      const logs = [...started.logs];
      await bot.stop();
      const rows = await states();
      assert.equal(rows.length, subscriptions.length);
      assert.deepEqual(rows.filter((r) => r.state !== 'posted'), []);
      const recovered = rows.filter((r) => r.attempts > 1).length;

      const seen = new Map<string, number>();
      for (const m of discord.posted) {
        const marker = readMarker(String(m.body.content ?? ''))!;
        seen.set(`${marker.key}#${marker.part}`, (seen.get(`${marker.key}#${marker.part}`) ?? 0) + 1);
      }
      assert.deepEqual([...seen].filter(([, n]) => n > 1), [], 'no digest part reached its channel twice');
      assert.deepEqual(subscriptions.filter((s) => !seen.has(`${key(s)}#1`)).map((s) => s.topic), [], 'no digest was lost');
      assert.ok(recovered > 0, 'posts the restart kept from being recorded were found in the channel, not posted again');

      assert.equal(duringOutage.status, 503);
      assert.equal(duringOutage.body.database, false);
      assert.equal(lines(logs, UNREACHABLE).length, 1, 'the outage is logged once');
      assert.equal(lines(logs, REACHABLE).length, 1, 'and its end once');
      assert.deepEqual(noisy(logs).map((l) => l.msg), [], 'nothing else above info: failed ticks and queries are debug');
      assert.ok(lines(logs, 'scheduler tick failed').length + lines(logs, 'failed unexpectedly').length > 0, 'ticks did fail meanwhile');
      console.log(`database-restart figures: ${JSON.stringify({ digests: subscriptions.length, posts: discord.posted.length, postsBeforeRestart: downAt, recovered })}`);
    } finally {
      await check.close();
    }
  } finally {
    await stopTicking?.();
    await bot?.stop();
    await discord.close();
    stopThrowawayPostgres(cluster.dir);
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('/healthz reports the database down and up again; /summary answers meanwhile; the outage is logged once', { timeout: 120_000 }, async (t) => {
  const cluster = await ownCluster(t);
  if (!cluster) return;
  const discord = await FakeDiscord.start();
  const dataDir = mkdtempSync(join(tmpdir(), 'digest-healthz-db-'));
  let bot: RunningBot | undefined;
  try {
    const started = await startTestBot(discord, cluster.url, dataDir, () => new Date());
    bot = started.bot;
    const up = await health(bot);
    assert.equal(up.status, 200);
    assert.deepEqual(up.body, { ready: true, corpusLoaded: true, database: true, platforms: { discord: true } });

    await stopThrowawayServer(cluster.dir);
    const down = await health(bot);
    assert.equal(down.status, 503);
    assert.deepEqual(down.body, { ready: false, corpusLoaded: true, database: false, platforms: { discord: true } });
    for (let i = 0; i < 5; i++) await bot.tick();
    const { shown } = await firstAnswer(discord, discord.command('summary', { topic: 'ghazni' }));
    assert.match(JSON.stringify(shown), /Ghazni/i, '/summary answers from the articles in memory');
    assert.equal((await health(bot)).body.database, false);

    await startThrowawayServer(cluster.dir, cluster.url);
    await until('/healthz to be ready again', async () => (await health(bot!)).status === 200);
    await bot.tick();
    assert.equal(lines(started.logs, UNREACHABLE).length, 1, 'the outage is logged once, however many ticks and probes failed');
    const cause = lines(started.logs, UNREACHABLE)[0]!.err as { message?: string } | undefined;
    assert.match(String(cause?.message), /ECONNREFUSED|terminat|shut/i, 'with the failure that showed it');
    assert.equal(lines(started.logs, REACHABLE).length, 1);
    assert.equal(lines(started.logs, 'scheduler tick failed').length, 5, 'each failed tick is still in the debug log');
    assert.ok(lines(started.logs, 'scheduler tick failed').every((l) => l.level === 20));
    assert.deepEqual(noisy(started.logs).map((l) => l.msg), []);
  } finally {
    await bot?.stop();
    await discord.close();
    stopThrowawayPostgres(cluster.dir);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
