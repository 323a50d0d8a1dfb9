import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, subscribe, tempDir, tickThrough } from './harness.ts';
import { digestOf } from '../helpers/digests.ts';
import { isConnectionFailure } from '../../src/store/postgres/connection.ts';

const made = new Date('2026-06-10T05:00:00Z');
const iso = (d: Date) => d.toISOString().slice(11, 16);

test('retry: a failed post is retried with backoff, logged, and eventually posted', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const { store, scheduler, clock, posts, attempts, lines } = await setup(dir, '2026-06-10T06:00:00Z', { failures: 3 });
    const sub = await subscribe(store, { time: '08:00', timeZone: 'Europe/Berlin' }, made);
    await tickThrough(scheduler, clock, '2026-06-10T06:00:00Z', '2026-06-10T06:20:00Z');
    // Waits of 1, 2 and 4 minutes after the failures at 06:00, 06:01 and 06:03.
    assert.deepEqual(attempts.map(iso), ['06:00', '06:01', '06:03', '06:07']);
    assert.deepEqual(posts.map((p) => iso(p.at)), ['06:07']);
    assert.deepEqual(posts.map((p) => p.context.attempt), [4]);
    const failures = lines.filter((l) => l.msg === 'digest post failed; will retry');
    assert.equal(failures.length, 3);
    assert.equal(failures[0]!.level, 40);
    assert.match(String((failures[0]!.err as { message: string }).message), /503/);
    assert.equal(failures[0]!.retryAt, '2026-06-10T06:01:00.000Z');
    const [row] = await store.deliveryHistory(sub, 'ghazni');
    assert.equal(row!.state, 'posted');
    assert.equal(row!.attempts, 4);
    await store.close();
  } finally {
    cleanup();
  }
});

test('retry: retries go on past the catch-up window, and a restart picks them up', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const options = { catchUpMinutes: 0, retry: { baseMs: 30 * 60_000 } };
    const first = await setup(dir, '2026-06-10T06:00:00Z', { failures: 1, options });
    await subscribe(first.store, { time: '08:00', timeZone: 'Europe/Berlin' }, made);
    await first.scheduler.tick(first.clock.now());
    assert.equal(first.posts.length, 0);
    await first.store.close();

    const second = await setup(dir, '2026-06-10T06:10:00Z', { options });
    await tickThrough(second.scheduler, second.clock, '2026-06-10T06:10:00Z', '2026-06-10T07:00:00Z', 5);
    assert.deepEqual(second.posts.map((p) => iso(p.at)), ['06:30']);
    await second.store.close();
  } finally {
    cleanup();
  }
});

test('retry: after the last allowed attempt the delivery is given up with an error log, never silently', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const { store, scheduler, clock, posts, attempts, lines } = await setup(dir, '2026-06-10T06:00:00Z', {
      failures: 100,
      options: { retry: { maxAttempts: 3 } },
    });
    const sub = await subscribe(store, { time: '08:00', timeZone: 'Europe/Berlin' }, made);
    await tickThrough(scheduler, clock, '2026-06-10T06:00:00Z', '2026-06-10T08:00:00Z');
    assert.equal(attempts.length, 3);
    assert.equal(posts.length, 0);
    const gaveUp = lines.filter((l) => l.level === 50);
    assert.equal(gaveUp.length, 1);
    assert.match(String(gaveUp[0]!.msg), /giving up/);
    const [row] = await store.deliveryHistory(sub, 'ghazni');
    assert.equal(row!.state, 'failed');
    assert.match(row!.lastError ?? '', /503/);
    await store.close();
  } finally {
    cleanup();
  }
});

test('retry: a chat platform refusing the connection is the post failing, not the database: warned, then given up at error', async () => {
  const { dir, cleanup } = tempDir();
  try {
    // The classification PgStore's reachability makes, recording what it was told.
    const told: unknown[] = [];
    const reachability = { noteFailure: (err: unknown) => isConnectionFailure(err) && told.push(err) > 0 };
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' });
    const publisher = { publish: async () => Promise.reject(refused) };
    const { store, scheduler, clock, lines } = await setup(dir, '2026-06-10T06:00:00Z', { publisher, reachability, options: { retry: { maxAttempts: 2 } } });
    await subscribe(store, { time: '08:00', timeZone: 'Europe/Berlin' }, made);
    await tickThrough(scheduler, clock, '2026-06-10T06:00:00Z', '2026-06-10T06:10:00Z');
    assert.deepEqual(told, [], 'the publisher\'s error was not taken for the database being down');
    const logged = lines.filter((l) => String(l.msg).startsWith('digest')).map((l) => [l.level, l.msg]);
    assert.deepEqual(logged, [
      [40, 'digest post failed; will retry'],
      [50, 'digest post failed on the last attempt; giving up'],
    ]);
    await store.close();
  } finally {
    cleanup();
  }
});

test('retry: a digest that cannot be built counts as a failed attempt too', async () => {
  const { dir, cleanup } = tempDir();
  try {
    let calls = 0;
    const buildDigest = () => {
      if (++calls === 1) throw new Error('articles folder is gone');
      return digestOf('ghazni', [{ text: 'Ghazni fell.', sources: [] }]);
    };
    const { store, scheduler, clock, posts, lines } = await setup(dir, '2026-06-10T06:00:00Z', { buildDigest });
    await subscribe(store, { time: '08:00', timeZone: 'Europe/Berlin' }, made);
    await tickThrough(scheduler, clock, '2026-06-10T06:00:00Z', '2026-06-10T06:05:00Z');
    assert.deepEqual(posts.map((p) => iso(p.at)), ['06:01']);
    assert.ok(lines.some((l) => (l.err as { message?: string } | undefined)?.message === 'articles folder is gone'));
    await store.close();
  } finally {
    cleanup();
  }
});

test('retry: unsubscribing cancels a pending retry', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const { store, scheduler, clock, posts } = await setup(dir, '2026-06-10T06:00:00Z', { failures: 1 });
    const sub = await subscribe(store, { time: '08:00', timeZone: 'Europe/Berlin' }, made);
    await scheduler.tick(clock.now());
    assert.equal(await store.removeSubscription(sub, 'GHAZNI', clock.now()), true);
    await tickThrough(scheduler, clock, '2026-06-10T06:01:00Z', '2026-06-10T07:00:00Z', 5);
    assert.equal(posts.length, 0);
    assert.deepEqual((await store.deliveryHistory(sub, 'ghazni')).map((d) => d.state), ['cancelled']);
    await store.close();
  } finally {
    cleanup();
  }
});
