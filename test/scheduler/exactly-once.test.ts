import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScheduler } from '../../src/scheduler/scheduler.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { dbPath, fakeCron, MINUTE, realDigests, recordingPublisher, setup, silentLogger, subscribe, tempDir, testClock, tickThrough } from './harness.ts';

test('exactly once: a restart after posting (new store on the same file, new scheduler) does not post again', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const first = await setup(dir, '2026-06-10T05:00:00Z');
    await subscribe(first.store, { time: '08:00', timeZone: 'Europe/Berlin' }, first.clock.now());
    await tickThrough(first.scheduler, first.clock, '2026-06-10T05:58:00Z', '2026-06-10T06:02:00Z');
    assert.equal(first.posts.length, 1);
    await first.scheduler.stop();
    await first.store.close();

    const cron = fakeCron();
    const second = await setup(dir, '2026-06-10T06:03:00Z', { schedule: cron.schedule });
    await second.scheduler.start(); // ticks at once, as a real start does
    await tickThrough(second.scheduler, second.clock, '2026-06-10T06:03:00Z', '2026-06-10T21:59:00Z', 7);
    assert.equal(second.posts.length, 0, 'no second post on the same local day');
    await tickThrough(second.scheduler, second.clock, '2026-06-11T05:55:00Z', '2026-06-11T06:05:00Z');
    assert.deepEqual(second.posts.map((p) => p.context.localDate), ['2026-06-11'], 'the next day posts as usual');
    await second.scheduler.stop();
    await second.store.close();
  } finally {
    cleanup();
  }
});

test('exactly once: two overlapping ticks post once, even while the first post is still in flight', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const { store, scheduler, clock, posts, attempts } = await setup(dir, '2026-06-10T06:00:00Z', { delayMs: 50 });
    await subscribe(store, { time: '08:00', timeZone: 'Europe/Berlin' }, new Date('2026-06-10T05:00:00Z'));
    const now = clock.now();
    const [a, b, c] = await Promise.all([scheduler.tick(now), scheduler.tick(now), scheduler.tick(new Date(now.getTime() + 30_000))]);
    assert.equal(attempts.length, 1);
    assert.equal(posts.length, 1);
    // The later ticks join the first one's job rather than claim the row again; claims racing
    // across processes are the store's contract (test/store/contract.ts).
    const outcomes = [...a, ...b, ...c].map((r) => r.outcome);
    assert.deepEqual(outcomes, ['posted', 'posted', 'posted']);
    await store.close();
  } finally {
    cleanup();
  }
});

test('exactly once: two store connections to one file ticking at once post once', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const clock = testClock('2026-06-10T06:00:00Z');
    const stores = [SqliteStore.open(dbPath(dir)), SqliteStore.open(dbPath(dir))];
    await subscribe(stores[0]!, { time: '08:00', timeZone: 'Europe/Berlin' }, new Date('2026-06-10T05:00:00Z'));
    const recorders = stores.map(() => recordingPublisher(clock, { delayMs: 20 }));
    const buildDigest = await realDigests();
    const schedulers = stores.map((store, i) =>
      createScheduler({ store, clock, publisher: recorders[i]!.publisher, buildDigest, logger: silentLogger() }),
    );
    for (let minute = 0; minute < 3; minute++) {
      const now = new Date(Date.parse('2026-06-10T06:00:00Z') + minute * MINUTE);
      await Promise.all(schedulers.map((s) => s.tick(now)));
    }
    assert.equal(recorders[0]!.posts.length + recorders[1]!.posts.length, 1);
    for (const s of stores) await s.close();
  } finally {
    cleanup();
  }
});

test('exactly once: a crash mid-post leaves a claim that is retried after the lease, with the same idempotency key', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const leaseMs = 10 * MINUTE;
    // The first process claims and dies before the platform answers.
    const crashed = SqliteStore.open(dbPath(dir));
    const sub = await subscribe(crashed, { time: '08:00', timeZone: 'Europe/Berlin' }, new Date('2026-06-10T05:00:00Z'));
    const lost = await crashed.claim(sub, '2026-06-10', new Date('2026-06-10T06:00:00Z'), leaseMs);
    assert.ok(lost);
    await crashed.close();

    const restarted = await setup(dir, '2026-06-10T06:02:00Z', { options: { leaseMs } });
    await tickThrough(restarted.scheduler, restarted.clock, '2026-06-10T06:02:00Z', '2026-06-10T06:09:00Z');
    assert.equal(restarted.posts.length, 0, 'within the lease the claim may still be alive elsewhere');
    await tickThrough(restarted.scheduler, restarted.clock, '2026-06-10T06:10:00Z', '2026-06-10T06:20:00Z');
    assert.equal(restarted.posts.length, 1);
    const post = restarted.posts[0]!;
    assert.equal(post.at.toISOString(), '2026-06-10T06:10:00.000Z');
    assert.equal(post.context.attempt, 2);
    assert.equal(post.context.idempotencyKey, lost.idempotencyKey);
    assert.ok(post.context.idempotencyKey.length <= 25);
    assert.ok(restarted.lines.some((l) => l.level === 40 && String(l.msg).includes('did not finish')), 'the recovery is logged');
    const [row] = await restarted.store.deliveryHistory(sub, 'ghazni');
    assert.equal(row!.state, 'posted');
    await restarted.store.close();
  } finally {
    cleanup();
  }
});

test('exactly once: four bot processes ticking on one file at the same instant post once', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const store = SqliteStore.open(dbPath(dir));
    await subscribe(store, { time: '08:00', timeZone: 'Europe/Berlin' }, new Date('2026-06-10T05:00:00Z'));
    await store.close();
    const posts = join(dir, 'posts.txt');
    writeFileSync(posts, '');
    const child = fileURLToPath(new URL('./fixtures/tick-child.ts', import.meta.url));
    const run = () =>
      new Promise<number | null>((resolve) => {
        execFile(process.execPath, ['--import', 'tsx', child, dbPath(dir), posts, '2026-06-10T06:00:30Z'], (err) => resolve(err ? (err.code as number) : 0));
      });
    const codes = await Promise.all([run(), run(), run(), run()]);
    assert.deepEqual(codes, [0, 0, 0, 0]);
    assert.equal(readFileSync(posts, 'utf8').trim().split('\n').length, 1);
  } finally {
    cleanup();
  }
});

test('exactly once: a process serves only its own platforms and leaves the others unclaimed', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const slackOnly = await setup(dir, '2026-06-10T05:00:00Z', { platforms: ['slack'] });
    await subscribe(slackOnly.store, { time: '08:00', timeZone: 'Europe/Berlin' }, slackOnly.clock.now());
    await subscribe(slackOnly.store, { platform: 'slack', time: '08:00', timeZone: 'Europe/Berlin' }, slackOnly.clock.now());
    await tickThrough(slackOnly.scheduler, slackOnly.clock, '2026-06-10T05:59:00Z', '2026-06-10T06:01:00Z');
    assert.deepEqual(slackOnly.posts.map((p) => p.subscription.platform), ['slack']);
    const discordRows = await slackOnly.store.deliveryHistory({ platform: 'discord', channel: 'C1' }, 'ghazni');
    assert.deepEqual(discordRows, [], 'the Discord digest was not claimed, so a Discord process can still post it');
    await slackOnly.scheduler.stop();
    await slackOnly.store.close();
  } finally {
    cleanup();
  }
});
