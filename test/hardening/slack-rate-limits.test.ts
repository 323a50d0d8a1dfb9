import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { createScheduler } from '../../src/scheduler/scheduler.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import type { Recorded } from '../fakes/slack/fake-slack.ts';
import { ERROR } from '../helpers/log-capture.ts';
import { BUDGETS, loadedCorpus, startSlackHarness, type SlackHarness } from '../fakes/slack/harness.ts';
import { capturingLogger, dbPath, realDigests, subscribe, tempDir, testClock } from '../scheduler/harness.ts';

// Slack's rate limits against the real Bolt app and a fake Slack answering 429 with a
// Retry-After: a short one is waited out in-process and the call made once more; a long one
// (600 s) fails the call at once, so a scheduled digest is never held past the scheduler's
// publish timeout (where it could land after the scheduler had retried it: twice), and an
// answer to a command is not held for ten minutes. The real scheduler, SQLite delivery log and
// a clock the test moves.
let slack: SlackHarness;
before(async () => {
  slack = await startSlackHarness({ deps: { corpus: await loadedCorpus(), budgets: BUDGETS }, network: { webApi: { timeoutMs: 2000 }, response: { timeoutMs: 2000, backoffMs: 50 } } });
});
after(() => slack.stop());

const CHANNEL = 'CRATE';
const postMessages = () => slack.fake.records.filter((r) => r.kind === 'api' && r.name === 'chat.postMessage' && r.body.channel === CHANNEL);
const accepted = () => postMessages().filter((r) => r.refused === undefined);
const limited = () => postMessages().filter((r) => r.refused === 'ratelimited');

test('a scheduled Slack digest: Retry-After 1 is waited and posted once; a second 429 fails the attempt; Retry-After 600 fails at once and the scheduler posts it later, exactly once', async () => {
  const tmp = tempDir();
  const store = SqliteStore.open(dbPath(tmp.dir));
  const clock = testClock('2026-11-21T08:00:00Z');
  const { logger, lines } = capturingLogger();
  const scheduler = createScheduler({ store, clock, publisher: slack.bot.publisher, buildDigest: await realDigests(), logger, platforms: ['slack'] });
  const tick = async (iso: string) => {
    clock.set(iso);
    return (await scheduler.tick(new Date(iso))).map((r) => r.outcome).filter((o) => o !== 'unclaimed');
  };
  const history = async (topic: string) => (await store.deliveryHistory({ platform: 'slack', channel: CHANNEL }, topic)).map((d) => d.state);
  try {
    for (const [topic, time] of [['ghazni', '08:30'], ['kandahar', '09:30'], ['kabul', '10:30']] as const) {
      await subscribe(store, { platform: 'slack', channel: CHANNEL, topic, time, timeZone: 'UTC' }, clock.now());
    }

    // Short: waited out inside the one attempt, then posted.
    slack.fake.failNext('chat.postMessage', { slackError: 'ratelimited', retryAfter: 1 });
    let started = Date.now();
    assert.deepEqual(await tick('2026-11-21T08:30:00Z'), ['posted']);
    let took = Date.now() - started;
    assert.ok(took >= 950 && took < 5000, `waited for the Retry-After: ${took} ms`);
    assert.equal(limited().length, 1);
    assert.equal(limited()[0]!.status, 429);
    assert.equal(accepted().length, 1);

    // Rate-limited again after the wait: not waited a second time; the scheduler retries.
    slack.fake.failNext('chat.postMessage', { slackError: 'ratelimited', retryAfter: 1, times: 2 });
    started = Date.now();
    assert.deepEqual(await tick('2026-11-21T09:30:00Z'), ['retrying']);
    took = Date.now() - started;
    assert.ok(took >= 950 && took < 5000, `one wait, then given up: ${took} ms`);
    assert.equal(accepted().length, 1);
    assert.deepEqual(await tick('2026-11-21T09:31:00Z'), ['posted']);
    assert.equal(accepted().length, 2);

    // Long: rejected at once, nothing left waiting in the client.
    slack.fake.failNext('chat.postMessage', { slackError: 'ratelimited', retryAfter: 600 });
    started = Date.now();
    assert.deepEqual(await tick('2026-11-21T10:30:00Z'), ['retrying']);
    took = Date.now() - started;
    assert.ok(took < 1500, `rejected at once, not held for 600 s: ${took} ms`);
    const failed = lines.find((l) => l.msg === 'digest post failed; will retry' && /wait 600 s/.test(JSON.stringify(l.err)));
    assert.ok(failed, 'the attempt is logged as failed because of the rate limit');
    await sleep(300);
    assert.equal(accepted().length, 2, 'the rate-limited call was not made again behind the scheduler');
    // The next minute is too early for the retry; the one after posts it, once.
    assert.deepEqual(await tick('2026-11-21T10:30:30Z'), []);
    assert.deepEqual(await tick('2026-11-21T10:31:00Z'), ['posted']);
    for (const minute of ['10:33', '10:40', '11:30']) assert.deepEqual(await tick(`2026-11-21T${minute}:00Z`), []);
    assert.equal(accepted().length, 3, 'one message per digest');
    assert.equal(limited().length, 4);

    for (const topic of ['ghazni', 'kandahar', 'kabul']) assert.deepEqual(await history(topic), ['posted'], `${topic}: one delivery`);
    const keys = accepted().map((r) => (r.body.metadata as { event_payload: { key: string } }).event_payload.key);
    assert.equal(new Set(keys).size, 3, 'three different digests');
    assert.equal(slack.fake.faults.pending, 0);
  } finally {
    await scheduler.stop();
    await store.close();
    tmp.cleanup();
  }
});

test('a command answer: a response_url asking for Retry-After 600 fails at once and is logged; the user still gets a short notice, once', async () => {
  const posts = (id: string) => slack.fake.records.filter((r: Recorded) => r.kind === 'response' && r.name === id);
  slack.fake.failNext('response_url/rlong', { status: 429, retryAfter: 600 });
  const before = slack.logs.lines.length;
  const started = Date.now();
  assert.equal((await slack.command('/summary', 'ghazni', { id: 'rlong' })).status, 200);
  const notice = await slack.fake.next((r) => r.kind === 'response' && r.name === 'rlong' && r.refused === undefined, 3000);
  const took = Date.now() - started;
  assert.ok(took < 1500, `not held for the Retry-After: ${took} ms`);
  assert.equal(notice.body.response_type, 'ephemeral', 'the error notice, shown to the user only');
  const logged = slack.logs.lines.slice(before).find((l) => l.level === ERROR && l.msg === 'could not post the reply to Slack');
  assert.match(String((logged?.err as { message?: string } | undefined)?.message), /asked to wait 600000 ms/);
  await sleep(300);
  assert.deepEqual(posts('rlong').map((r) => r.status ?? 200), [429, 200], 'one refused answer, one notice, nothing more');
});
