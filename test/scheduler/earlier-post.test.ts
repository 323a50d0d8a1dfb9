// When an earlier attempt's outcome is unknown (the process died, the post hung or failed after
// the platform may have taken it), the scheduler looks for that attempt's messages in the channel
// before posting again. A "channel" publisher here keeps what it accepted, marked with the key,
// the way the Discord and Slack publishers mark theirs; the per-platform halves are tested
// against the fakes in test/discord and test/slack.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EarlierPost, Publisher, PublishContext } from '../../src/ports/publisher.ts';
import { createScheduler } from '../../src/scheduler/scheduler.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { capturingLogger, dbPath, MINUTE, realDigests, subscribe, tempDir, testClock, tickThrough } from './harness.ts';

interface ChannelMessage {
  key: string;
  part: number;
  total: number;
}

/**
 * A channel that stores every accepted message with its marker. `parts` messages per digest;
 * `script` decides per message what happens after the channel accepted it: answer, never answer
 * (the process is about to die, or the platform hangs), or throw (an error after acceptance).
 */
function channelPublisher(options: { parts?: number; script?: (n: number) => 'ok' | 'hang' | 'throw'; lookup?: 'ok' | 'throw' } = {}) {
  const channel: ChannelMessage[] = [];
  const contexts: PublishContext[] = [];
  let lookups = 0;
  let sent = 0;
  // A hang lasts until the test releases it (as a dead process's would never end); the release
  // rejects, and the stale attempt's late failure must change nothing.
  let release!: () => void;
  const released = new Promise<never>((_, reject) => (release = () => reject(new Error('the hung attempt finally failed'))));
  released.catch(() => {});
  const publisher: Publisher = {
    async publish(_subscription, _digest, context) {
      contexts.push(context);
      const total = options.parts ?? 1;
      for (let part = context.resumeAt ?? 0; part < total; part++) {
        channel.push({ key: context.idempotencyKey, part: part + 1, total });
        const next = options.script?.(++sent) ?? 'ok';
        if (next === 'hang') await released;
        if (next === 'throw') throw new Error('socket hang up');
      }
    },
    async findPosted(_subscription, context): Promise<EarlierPost | null> {
      lookups++;
      if (options.lookup === 'throw') throw new Error('missing_scope: channels:history');
      const mine = channel.filter((m) => m.key === context.idempotencyKey);
      if (mine.length === 0) return null;
      return { parts: Math.max(...mine.map((m) => m.part)), total: mine[0]!.total };
    },
  };
  return { publisher, channel, contexts, lookups: () => lookups, release: () => release() };
}

const SUBSCRIBED = new Date('2026-06-10T05:00:00Z');
const DUE = '2026-06-10T06:00:00Z'; // 08:00 in Berlin
const LEASE = 10 * MINUTE;

async function world(dir: string, publisher: Publisher, start = DUE, options = {}) {
  const clock = testClock(start);
  const store = SqliteStore.open(dbPath(dir));
  const { logger, lines } = capturingLogger();
  const scheduler = createScheduler({ store, clock, publisher, buildDigest: await realDigests(), logger, options: { leaseMs: LEASE, ...options } });
  return { clock, store, lines, scheduler };
}

test('recovery: a process killed after the platform took the post but before recording it; the next one finds the post and does not repeat it', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const platform = channelPublisher({ script: (n) => (n === 1 ? 'hang' : 'ok') });
    const dying = await world(dir, platform.publisher);
    const sub = await subscribe(dying.store, { time: '08:00', timeZone: 'Europe/Berlin' }, SUBSCRIBED);
    void dying.scheduler.tick(new Date(DUE)); // accepted by the channel, never confirmed: the process "dies" here
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(platform.channel.length, 1);
    assert.equal(platform.lookups(), 0, 'a first attempt has nothing to look for');

    const next = await world(dir, platform.publisher, '2026-06-10T06:05:00Z');
    await tickThrough(next.scheduler, next.clock, '2026-06-10T06:05:00Z', '2026-06-10T06:20:00Z');
    assert.equal(platform.channel.length, 1, 'posted once');
    assert.equal(platform.contexts.length, 1, 'publish was not called again');
    assert.equal(platform.lookups(), 1);
    const [row] = await next.store.deliveryHistory(sub, 'ghazni');
    assert.equal(row!.state, 'posted');
    assert.equal(row!.attempts, 2);
    assert.ok(next.lines.some((l) => String(l.msg).includes('already posted this digest; recorded it without posting again')));
    // What the found post carried counts as received: the next day's digest does not repeat it.
    assert.ok((await next.store.postedItemKeys(sub, 'ghazni')).size > 0);
    platform.release();
    await dying.scheduler.stop();
    assert.equal((await next.store.deliveryHistory(sub, 'ghazni'))[0]!.state, 'posted', 'the dead attempt cannot undo the record');
    await next.scheduler.stop();
    await next.store.close();
    await dying.store.close();
  } finally {
    cleanup();
  }
});

test('recovery: a post that timed out on our side but reached the channel is found by the retry, not posted again', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const platform = channelPublisher({ script: (n) => (n === 1 ? 'hang' : 'ok') });
    const w = await world(dir, platform.publisher, DUE, { publishTimeoutMs: 30, retry: { baseMs: MINUTE } });
    const sub = await subscribe(w.store, { time: '08:00', timeZone: 'Europe/Berlin' }, SUBSCRIBED);
    const [first] = await w.scheduler.tick(new Date(DUE));
    assert.equal(first!.outcome, 'retrying');
    await tickThrough(w.scheduler, w.clock, '2026-06-10T06:01:00Z', '2026-06-10T06:05:00Z');
    assert.equal(platform.channel.length, 1);
    assert.equal(platform.contexts.length, 1);
    assert.equal((await w.store.deliveryHistory(sub, 'ghazni'))[0]!.state, 'posted');
    platform.release();
    await w.scheduler.stop();
    await w.store.close();
  } finally {
    cleanup();
  }
});

test('recovery: an error after the platform took part of a split digest resumes at the first missing part', async () => {
  const { dir, cleanup } = tempDir();
  try {
    // Part 1 is accepted, then the connection breaks before part 2 is confirmed (the platform has it too).
    const platform = channelPublisher({ parts: 3, script: (n) => (n === 2 ? 'throw' : 'ok') });
    const w = await world(dir, platform.publisher);
    const sub = await subscribe(w.store, { time: '08:00', timeZone: 'Europe/Berlin' }, SUBSCRIBED);
    await tickThrough(w.scheduler, w.clock, DUE, '2026-06-10T06:05:00Z');
    assert.deepEqual(platform.channel.map((m) => m.part), [1, 2, 3], 'every part once, in order');
    assert.deepEqual(platform.contexts.map((c) => [c.attempt, c.resumeAt ?? 0]), [[1, 0], [2, 2]]);
    assert.equal((await w.store.deliveryHistory(sub, 'ghazni'))[0]!.state, 'posted');
    assert.ok(w.lines.some((l) => l.msg === 'an earlier attempt posted part of this digest; posting the rest' && l.parts === 2 && l.total === 3));
    await w.scheduler.stop();
    await w.store.close();
  } finally {
    cleanup();
  }
});

test('recovery: a retry finds nothing when the earlier attempt never reached the channel, and posts', async () => {
  const { dir, cleanup } = tempDir();
  try {
    let calls = 0;
    const platform = channelPublisher();
    const failingFirst: Publisher = {
      publish: async (s, d, c) => {
        if (++calls === 1) throw new Error('503 before anything was stored');
        return platform.publisher.publish(s, d, c);
      },
      findPosted: (s, c) => platform.publisher.findPosted!(s, c),
    };
    const w = await world(dir, failingFirst);
    const sub = await subscribe(w.store, { time: '08:00', timeZone: 'Europe/Berlin' }, SUBSCRIBED);
    await tickThrough(w.scheduler, w.clock, DUE, '2026-06-10T06:05:00Z');
    assert.equal(platform.channel.length, 1);
    assert.equal(platform.lookups(), 1);
    assert.equal((await w.store.deliveryHistory(sub, 'ghazni'))[0]!.state, 'posted');
    await w.scheduler.stop();
    await w.store.close();
  } finally {
    cleanup();
  }
});

test('recovery: when the channel history cannot be read, the retry posts anyway (a possible repeat beats a lost digest) and says so', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const platform = channelPublisher({ script: (n) => (n === 1 ? 'throw' : 'ok'), lookup: 'throw' });
    const w = await world(dir, platform.publisher);
    const sub = await subscribe(w.store, { time: '08:00', timeZone: 'Europe/Berlin' }, SUBSCRIBED);
    await tickThrough(w.scheduler, w.clock, DUE, '2026-06-10T06:05:00Z');
    assert.equal(platform.channel.length, 2, 'the at-least-once fallback');
    assert.equal((await w.store.deliveryHistory(sub, 'ghazni'))[0]!.state, 'posted');
    const warning = w.lines.find((l) => String(l.msg).startsWith('could not look for an earlier attempt'));
    assert.ok(warning && String((warning.err as { message: string }).message).includes('missing_scope'));
    await w.scheduler.stop();
    await w.store.close();
  } finally {
    cleanup();
  }
});
