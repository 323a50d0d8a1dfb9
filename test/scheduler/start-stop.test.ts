import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getTasks } from 'node-cron';
import { createConsolePublisher } from '../../src/adapters/console/publisher.ts';
import { createScheduler } from '../../src/scheduler/scheduler.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { dbPath, fakeCron, realDigests, recordingPublisher, setup, silentLogger, subscribe, tempDir, testClock } from './harness.ts';

test('start: ticks at once to catch up, then every minute by cron; stop waits for running ticks', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const cron = fakeCron();
    const { store, scheduler, clock, posts } = await setup(dir, '2026-06-10T06:00:00Z', { schedule: cron.schedule, delayMs: 30 });
    await subscribe(store, { channel: 'early', time: '08:00', timeZone: 'Europe/Berlin' }, new Date('2026-06-10T05:00:00Z'));
    await subscribe(store, { channel: 'later', time: '08:01', timeZone: 'Europe/Berlin' }, new Date('2026-06-10T05:00:00Z'));
    await scheduler.start();
    assert.deepEqual(cron.jobs.map((j) => j.expression), ['* * * * *']);
    assert.deepEqual(posts.map((p) => p.subscription.channel), ['early']);
    clock.set('2026-06-10T06:01:00Z');
    cron.jobs[0]!.run();
    await scheduler.stop(); // must wait for the tick the cron job started
    assert.deepEqual(posts.map((p) => p.subscription.channel), ['early', 'later']);
    assert.equal(cron.jobs[0]!.stopped, true);
    await store.close();
  } finally {
    cleanup();
  }
});

test('start: with node-cron itself, a minute task is scheduled and stop destroys it', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const clock = testClock('2026-06-10T06:00:00Z');
    const store = SqliteStore.open(dbPath(dir));
    const { publisher } = recordingPublisher(clock);
    const scheduler = createScheduler({ store, clock, publisher, buildDigest: await realDigests(), logger: silentLogger() });
    const before = getTasks().size;
    await scheduler.start();
    assert.equal(getTasks().size, before + 1);
    const task = [...getTasks().values()].at(-1)!;
    assert.equal(task.getPattern(), '* * * * *');
    await scheduler.stop();
    assert.equal(getTasks().size, before);
    assert.equal(task.getStatus(), 'destroyed');
    await store.close();
  } finally {
    cleanup();
  }
});

test('console publisher: prints the digest, or one line when nothing is new', async () => {
  const out: string[] = [];
  const publisher = createConsolePublisher({ write: (t: string) => void out.push(t) });
  const { dir, cleanup } = tempDir();
  try {
    const store = SqliteStore.open(dbPath(dir));
    const sub = await subscribe(store, { time: '08:00', timeZone: 'Europe/Berlin' }, new Date('2026-06-10T05:00:00Z'));
    const digest = await (await realDigests())('ghazni', () => false);
    await publisher.publish(sub, digest, { idempotencyKey: 'k', localDate: '2026-06-10', attempt: 1, omittedItems: 0 });
    await publisher.publish(sub, { ...digest, items: [], articles: [] }, { idempotencyKey: 'k', localDate: '2026-06-11', attempt: 1, omittedItems: 3 });
    assert.match(out[0]!, /^Daily digest: ghazni \(2026-06-10, 08:00 Europe\/Berlin\)\n/);
    assert.match(out[0]!, /Ghazni/);
    assert.equal(out[1], 'Daily digest: ghazni (2026-06-11, 08:00 Europe/Berlin)\nNothing new on ghazni since the last digest.\n');
    await store.close();
  } finally {
    cleanup();
  }
});
