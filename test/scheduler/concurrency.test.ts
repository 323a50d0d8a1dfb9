// A round bigger than the platform can post at once: at most `concurrency` deliveries run at a
// time, a tick that comes while the round runs joins it, and a stop leaves what had not started
// unclaimed for the next start, so every digest is still posted exactly once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createScheduler } from '../../src/scheduler/scheduler.ts';
import type { Publisher } from '../../src/ports/publisher.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { capturingLogger, dbPath, realDigests, tempDir, testClock } from './harness.ts';

const CHANNELS = 30;

/** Posts that take a while, counting how many are in flight at most. */
function slowPublisher(delayMs: number) {
  let inFlight = 0;
  const seen = { most: 0, posted: [] as string[] };
  const publisher: Publisher = {
    async publish(subscription) {
      seen.most = Math.max(seen.most, ++inFlight);
      await new Promise((r) => setTimeout(r, delayMs));
      inFlight--;
      seen.posted.push(subscription.channel);
    },
  };
  return { publisher, seen };
}

test(`a round of ${CHANNELS} digests due at once runs at most 4 deliveries at a time; a stop mid-round leaves the rest to the next start, each posted once`, async () => {
  const { dir, cleanup } = tempDir();
  try {
    const store = SqliteStore.open(dbPath(dir));
    const clock = testClock('2026-06-10T06:00:00Z');
    for (let i = 0; i < CHANNELS; i++) {
      await store.addSubscription({ platform: 'discord', channel: `C${i}`, topic: 'ghazni', time: '08:00', timeZone: 'Europe/Berlin' }, new Date('2026-06-10T05:00:00Z'));
    }
    const buildDigest = await realDigests();
    const { publisher, seen } = slowPublisher(40);
    const make = () => createScheduler({ store, clock, publisher, buildDigest, logger: capturingLogger().logger, options: { concurrency: 4 } });

    const first = make();
    const round = first.tick();
    const joined = first.tick();
    while (seen.posted.length < 4) await new Promise((r) => setTimeout(r, 5));
    await first.stop();
    const [results, joinedResults] = await Promise.all([round, joined]);
    const stopped = results.filter((r) => r.outcome === 'stopped').length;
    assert.ok(seen.posted.length > 0 && stopped > 0, `posted ${seen.posted.length}, stopped ${stopped} before the stop`);
    assert.equal(seen.posted.length + stopped, CHANNELS);
    assert.deepEqual(joinedResults, results, 'the second tick joined the first one\'s jobs');
    for (const r of results.filter((x) => x.outcome === 'stopped')) {
      const sub = (await store.allSubscriptions()).find((s) => s.id === r.subscriptionId)!;
      assert.deepEqual(await store.deliveryHistory(sub, 'ghazni'), [], 'a delivery that never started was never claimed');
    }

    const second = make();
    const rest = await second.tick();
    assert.equal(rest.filter((r) => r.outcome === 'posted').length, stopped);
    assert.equal(seen.posted.length, CHANNELS);
    assert.equal(new Set(seen.posted).size, CHANNELS, 'each channel got its digest once');
    assert.equal(seen.most, 4, 'never more than 4 posts at once, and the cap was used');
    await second.stop();
    await store.close();
  } finally {
    cleanup();
  }
});

test('a delivery that waited for a slot claims at the time it starts, so its lease is not older than it looks to other processes', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const store = SqliteStore.open(dbPath(dir));
    const clock = testClock('2026-06-10T06:00:00Z');
    for (let i = 0; i < 3; i++) {
      await store.addSubscription({ platform: 'discord', channel: `C${i}`, topic: 'ghazni', time: '08:00', timeZone: 'Europe/Berlin' }, new Date('2026-06-10T05:00:00Z'));
    }
    const { publisher } = slowPublisher(150);
    const scheduler = createScheduler({ store, clock, publisher, buildDigest: await realDigests(), logger: capturingLogger().logger, options: { concurrency: 1 } });
    await scheduler.tick();
    const claimed = [];
    for (const sub of await store.allSubscriptions()) claimed.push((await store.deliveryHistory(sub, 'ghazni'))[0]!.claimedAt.getTime());
    claimed.sort((a, b) => a - b);
    // The clock stands still: only a claim at the tick's time moved on by the wait can differ.
    assert.ok(claimed[2]! - claimed[0]! >= 2 * 150, `the third waited for two posts and claims after them (+${claimed[2]! - claimed[0]!} ms)`);
    await scheduler.stop();
    await store.close();
  } finally {
    cleanup();
  }
});
