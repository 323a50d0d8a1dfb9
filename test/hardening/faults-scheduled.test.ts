import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Publisher } from '../../src/ports/publisher.ts';
import { createScheduler, type Scheduler } from '../../src/scheduler/scheduler.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import type { Platform } from '../../src/store/types.ts';
import { withBot } from '../discord/harness.ts';
import { BUDGETS, loadedCorpus, startSlackHarness } from '../fakes/slack/harness.ts';
import { capturingLogger, dbPath, realDigests, subscribe, tempDir, testClock } from '../scheduler/harness.ts';

// Scheduled digests through a failing platform: the real scheduler and SQLite delivery log, a
// clock the test moves, and the real Discord and Slack publishers posting to fakes that fail.

async function world(platform: Platform, channel: string, publisher: Publisher) {
  const tmp = tempDir();
  const store = SqliteStore.open(dbPath(tmp.dir));
  const clock = testClock('2026-11-21T08:00:00Z');
  const { logger, lines } = capturingLogger();
  const scheduler: Scheduler = createScheduler({ store, clock, publisher, buildDigest: await realDigests(), logger, platforms: [platform] });
  const at = clock.now();
  const add = (topic: string, time: string) => subscribe(store, { platform, channel, topic, time, timeZone: 'UTC' }, at);
  const tick = async (iso: string) => {
    clock.set(iso);
    // 'unclaimed': a digest already done (or waiting for its retry time) was looked at and left alone.
    return (await scheduler.tick(new Date(iso))).map((r) => r.outcome).filter((o) => o !== 'unclaimed');
  };
  const history = async (topic: string) => (await store.deliveryHistory({ platform, channel }, topic)).map((d) => d.state);
  const close = async () => {
    await scheduler.stop();
    await store.close();
    tmp.cleanup();
  };
  return { add, tick, history, lines, close };
}

test('Discord: a digest through a 429, through 500s past the REST retries, and through a hang whose request lands late, arrives once each', async () => {
  await withBot(
    async ({ fake, bot }) => {
      const w = await world('discord', fake.channelId, bot.publisher);
      const posted = () => fake.posted.length;
      try {
        await w.add('ghazni', '08:30');
        await w.add('kandahar', '09:30');
        await w.add('kabul', '10:30');

        // 429, Retry-After 1: waited out inside the one attempt.
        fake.failNext('POST /channels/:id/messages', { status: 429, retryAfter: 1 });
        const started = Date.now();
        assert.deepEqual(await w.tick('2026-11-21T08:30:00Z'), ['posted']);
        assert.ok(Date.now() - started >= 950, 'waited for the Retry-After');
        assert.equal(posted(), 1);

        // Three 500s use up discord.js's two retries: the attempt fails, the scheduler retries later.
        fake.failNext('POST /channels/:id/messages', { status: 500, times: 3 });
        assert.deepEqual(await w.tick('2026-11-21T09:30:00Z'), ['retrying']);
        assert.equal(posted(), 1, 'nothing new posted');
        assert.deepEqual(await w.tick('2026-11-21T09:31:00Z'), ['posted'], 'the retry, a minute after the failure');
        for (const minute of ['09:33', '09:40', '10:00']) assert.deepEqual(await w.tick(`2026-11-21T${minute}:00Z`), []);
        assert.equal(posted(), 2);

        // A hang: the bot gives up after its REST timeout and posts again; Discord then
        // processes the first request too. The shared nonce makes it the same message.
        fake.failNext('POST /channels/:id/messages', { delayMs: 1200, processLate: true });
        assert.deepEqual(await w.tick('2026-11-21T10:30:00Z'), ['posted']);
        await fake.waitFor((r) => r.fault === true && r.status === 200, 3000);
        assert.equal(posted(), 3, 'the late request was deduplicated by its nonce');

        for (const topic of ['ghazni', 'kandahar', 'kabul']) assert.deepEqual(await w.history(topic), ['posted'], `${topic}: one delivery, recorded once`);
        assert.equal(fake.faults.pending, 0);
      } finally {
        await w.close();
      }
    },
    { rest: { timeout: 500 } },
  );
});

test('Slack: a digest through a ratelimited chat.postMessage (Retry-After 1) and through 500s past the client retries arrives once each', async () => {
  const slack = await startSlackHarness({ deps: { corpus: await loadedCorpus(), budgets: BUDGETS }, network: { webApi: { timeoutMs: 500 } } });
  const w = await world('slack', 'C7', slack.bot.publisher);
  const accepted = () => slack.fake.records.filter((r) => r.kind === 'api' && r.name === 'chat.postMessage' && r.refused === undefined);
  try {
    await w.add('ghazni', '08:30');
    await w.add('kandahar', '09:30');

    slack.fake.failNext('chat.postMessage', { slackError: 'ratelimited', retryAfter: 1 });
    const started = Date.now();
    assert.deepEqual(await w.tick('2026-11-21T08:30:00Z'), ['posted']);
    assert.ok(Date.now() - started >= 950, 'waited for the Retry-After');
    const limited = slack.fake.records.find((r) => r.refused === 'ratelimited');
    assert.equal(limited?.status, 429);
    assert.equal(accepted().length, 1);

    slack.fake.failNext('chat.postMessage', { status: 500, times: 3 });
    assert.deepEqual(await w.tick('2026-11-21T09:30:00Z'), ['retrying']);
    assert.equal(accepted().length, 1);
    assert.deepEqual(await w.tick('2026-11-21T09:31:00Z'), ['posted']);
    for (const minute of ['09:33', '09:40']) assert.deepEqual(await w.tick(`2026-11-21T${minute}:00Z`), []);
    assert.equal(accepted().length, 2, 'one message per digest');
    assert.deepEqual(await w.history('ghazni'), ['posted']);
    assert.deepEqual(await w.history('kandahar'), ['posted']);
    const retried = w.lines.find((l) => l.msg === 'digest post failed; will retry');
    assert.ok(retried, 'the failed attempt is logged as a warning with its retry time');
  } finally {
    await w.close();
    await slack.stop();
  }
});
