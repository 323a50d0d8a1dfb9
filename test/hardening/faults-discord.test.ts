import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { DISCORD_REST } from '../../src/adapters/discord/discord-bot.ts';
import type { FakeDiscord, RecordedRequest } from '../fakes/discord/fake-discord.ts';
import type { InteractionState } from '../fakes/discord/rest-routes.ts';
import { withBot } from '../discord/harness.ts';

// The real discord.js against a fake Discord that fails on demand. The bot runs with its
// production REST policy (DISCORD_REST: retries, rate-limit cap), only the per-request timeout
// shortened so a hang costs a test half a second instead of five.
const REST = { timeout: 500 };
const CALLBACK = 'POST /interactions/:id/:token/callback';
const EDIT_ORIGINAL = 'PATCH /webhooks/:app/:token/messages/@original';

const callbacksOf = (fake: FakeDiscord, i: InteractionState) => fake.requests.filter((r) => r.path === `/interactions/${i.id}/${i.token}/callback`);
const requestsOf = (fake: FakeDiscord, i: InteractionState) => fake.requests.filter((r) => r.path.includes(i.token));

/** Waits for the interaction's accepted first answer (and, for a defer, its edit) and returns what the user sees. */
async function delivered(fake: FakeDiscord, i: InteractionState, timeoutMs = 5000) {
  const ok = (r: RecordedRequest) => r.status >= 200 && r.status < 300;
  const callback = await fake.waitFor((r) => r.path === `/interactions/${i.id}/${i.token}/callback` && ok(r), timeoutMs);
  if (callback.body.type === 5) await fake.waitFor((r) => r.method === 'PATCH' && r.path.includes(i.token) && ok(r), timeoutMs);
  return { callback, shown: fake.shown(i) };
}

/** Nothing more reaches the fake about this interaction for a while: the bot has stopped trying. */
async function settled(fake: FakeDiscord, i: InteractionState): Promise<number> {
  let count = requestsOf(fake, i).length;
  for (;;) {
    await sleep(300);
    const now = requestsOf(fake, i).length;
    if (now === count) return count;
    count = now;
  }
}

test('production REST policy: 5xx and timeouts retried twice, long rate limits refused, well under the 3 s first-answer window', () => {
  assert.equal(DISCORD_REST.retries, 2);
  assert.ok(DISCORD_REST.timeout < 15_000, 'shorter than discord.js’s 15 s default');
  const limit = (retryAfter: number) => ({ retryAfter, timeToReset: retryAfter, limit: 1, method: 'POST', hash: 'h', url: 'u', route: '/r', majorParameter: 'm', global: false, sublimitTimeout: 0, scope: 'user' as const });
  assert.equal(DISCORD_REST.rejectOnRateLimit(limit(1050)), false, 'a short Retry-After is waited out');
  assert.equal(DISCORD_REST.rejectOnRateLimit(limit(120_000)), true, 'a two-minute one fails the request instead');
});

test('a 429 with Retry-After 1 on the first answer: the bot waits as asked, retries, and exactly one reply lands', async () => {
  await withBot(
    async ({ fake, logs }) => {
      fake.failNext(CALLBACK, { status: 429, retryAfter: 1 });
      const i = fake.command('summary', { topic: 'ghazni' });
      const { callback, shown } = await delivered(fake, i);
      const [limited, ...rest] = callbacksOf(fake, i);
      assert.equal(limited!.status, 429);
      assert.deepEqual(rest, [callback], 'one retry, accepted');
      const waited = callback.at - limited!.at;
      assert.ok(waited >= 950 && waited < 2500, `waited ${waited} ms after a Retry-After of 1 s`);
      assert.equal(shown.length, 1);
      assert.equal(shown[0]!.body.embeds?.[0]?.title, 'Ghazni');
      assert.equal(fake.faults.pending, 0);
      assert.ok(!logs.some((l) => Number(l.level) >= 50), 'nothing logged as an error');
    },
    { rest: REST },
  );
});

test('two 429s on the edit of a deferred answer are waited out; the digest replaces "thinking…" once', async () => {
  await withBot(
    async ({ fake }) => {
      fake.failNext(EDIT_ORIGINAL, { status: 429, retryAfter: 1, times: 2 });
      const i = fake.command('summary', { topic: 'ghazni' });
      const { callback, shown } = await delivered(fake, i);
      assert.equal(callback.body.type, 5, 'deferred');
      const edits = requestsOf(fake, i).filter((r) => r.method === 'PATCH');
      assert.deepEqual(edits.map((r) => r.status), [429, 429, 200]);
      const waited = edits[2]!.at - edits[0]!.at;
      assert.ok(waited >= 1900 && waited < 5000, `waited ${waited} ms for two Retry-Afters of 1 s`);
      assert.equal(shown.length, 1);
      assert.equal(shown[0]!.body.embeds?.[0]?.title, 'Ghazni');
    },
    { rest: REST, deferAfterMs: 0 },
  );
});

test('a 500 is retried: two failures then the reply lands once; a 500 that persists is tried a bounded number of times and logged', async () => {
  await withBot(
    async ({ fake, logs }) => {
      fake.failNext(CALLBACK, { status: 500, times: 2 });
      const i = fake.command('summary', { topic: 'ghazni' });
      const { shown } = await delivered(fake, i);
      assert.deepEqual(callbacksOf(fake, i).map((r) => r.status), [500, 500, 204]);
      assert.equal(shown.length, 1);

      fake.failNext(CALLBACK, { status: 503, times: 100 });
      const doomed = fake.command('summary', { topic: 'ghazni' });
      const attempts = await settled(fake, doomed);
      // Three tries at the answer, then three at telling the user it failed; then it stops.
      assert.equal(attempts, 2 * (DISCORD_REST.retries + 1));
      assert.ok(callbacksOf(fake, doomed).every((r) => r.status === 503));
      const failed = logs.find((l) => l.msg === 'answering an interaction failed');
      assert.ok(failed, 'the failure is logged');
      assert.equal((failed.err as { status: number }).status, 503);
      assert.ok(logs.some((l) => l.msg === 'could not tell the user that their command failed'));
      assert.ok(!JSON.stringify(logs).includes(doomed.token), 'logs carry no interaction token');
      fake.faults.clear();

      const next = await delivered(fake, fake.command('help'));
      assert.match(next.shown[0]!.body.content ?? '', /^Commands:/, 'the bot keeps answering');
    },
    { rest: REST },
  );
});

test('a first answer that hangs past the REST timeout is sent again and lands once; the hung request never counts', async () => {
  await withBot(
    async ({ fake, logs }) => {
      fake.failNext(CALLBACK, { delayMs: 1200 });
      const i = fake.command('summary', { topic: 'ghazni' });
      const { shown } = await delivered(fake, i);
      assert.equal(shown.length, 1);
      const hung = await fake.waitFor((r) => r.path.includes(i.token) && r.fault === true);
      assert.equal(hung.status, 0, 'the hung attempt was abandoned by the bot, and dropped');
      assert.deepEqual(callbacksOf(fake, i).map((r) => r.status), [204, 0]);
      assert.ok(!logs.some((l) => Number(l.level) >= 50));
    },
    { rest: REST },
  );
});

test('a rate limit longer than the cap is not waited for: the request fails at once and the user is told', async () => {
  await withBot(
    async ({ fake, logs }) => {
      fake.failNext(CALLBACK, { status: 429, retryAfter: 120 });
      const i = fake.command('summary', { topic: 'ghazni' });
      const { shown } = await delivered(fake, i);
      assert.deepEqual(callbacksOf(fake, i).map((r) => r.status), [429, 204]);
      assert.match(shown[0]!.body.content ?? '', /Something went wrong on my side/);
      assert.equal(shown[0]!.ephemeral, true);
      assert.ok(logs.some((l) => l.msg === 'answering an interaction failed'));
    },
    { rest: REST },
  );
});

test('an answer whose webhook token has expired (404 10015) is logged once and not retried', async () => {
  await withBot(
    async ({ fake, logs }) => {
      fake.failNext(EDIT_ORIGINAL, { status: 404, body: { message: 'Unknown Webhook', code: 10015 } });
      const i = fake.command('summary', { topic: 'ghazni' });
      await fake.waitFor((r) => r.method === 'PATCH' && r.path.includes(i.token));
      assert.equal(await settled(fake, i), 2, 'the defer, then one edit; no retry, no follow-up');
      const dropped = logs.filter((l) => /can no longer be delivered/.test(String(l.msg)));
      assert.equal(dropped.length, 1);
      assert.equal((dropped[0]!.err as { code: number }).code, 10015);
      assert.ok(!logs.some((l) => Number(l.level) >= 50), 'an expired token is expected, not an error');
    },
    { rest: REST, deferAfterMs: 0 },
  );
});

test('a dropped gateway (1006, then 4000) is resumed with the session id, what was missed is replayed, and interactions are answered', async () => {
  await withBot(
    async ({ fake, bot, logs }) => {
      assert.equal(bot.connected(), true);
      assert.equal(fake.gateway.identifies.length, 1);
      assert.deepEqual(fake.gateway.resumes, []);

      // A network failure: no close frame. An interaction arrives while the bot is away.
      const resumed = fake.gateway.waitForResume();
      fake.gateway.drop(1006);
      const missed = fake.command('summary', { topic: 'ghazni' });
      const resume = await resumed;
      assert.equal(resume.resumed, true);
      assert.match(resume.sessionId, /^session-/);
      assert.ok(resume.seq !== null && resume.seq > 0, 'RESUME carries the last sequence number seen');
      assert.equal(resume.replayed, 1, 'the interaction dispatched meanwhile is replayed');
      assert.equal((await delivered(fake, missed)).shown.length, 1, 'and answered, once');
      for (let waited = 0; !bot.connected() && waited < 3000; waited += 20) await sleep(20);
      assert.equal(bot.connected(), true);

      // Discord closing with 4000 (unknown error) is resumable too.
      const again = fake.gateway.waitForResume();
      fake.gateway.drop(4000);
      assert.equal((await again).sessionId, resume.sessionId, 'the same session');
      for (let waited = 0; !bot.connected() && waited < 3000; waited += 20) await sleep(20);
      const next = fake.command('summary', { topic: 'kandahar' });
      assert.equal((await delivered(fake, next)).shown.length, 1);

      assert.equal(fake.gateway.identifies.length, 1, 'resumed both times, never identified again');
      assert.ok(logs.some((l) => l.msg === 'Discord gateway session resumed'));
      assert.ok(!logs.some((l) => Number(l.level) >= 50));
    },
    { rest: REST },
  );
});

test('connected() is false while the gateway cannot be reached and after stop', async () => {
  await withBot(
    async ({ fake, bot }) => {
      fake.gateway.hold();
      fake.gateway.drop(1006);
      for (let waited = 0; bot.connected() && waited < 2000; waited += 10) await sleep(10);
      assert.equal(bot.connected(), false, 'down while no session is up');
      await sleep(800);
      assert.equal(bot.connected(), false, 'still down while the gateway does not answer');
      const resumed = fake.gateway.waitForResume();
      fake.gateway.release();
      await resumed;
      for (let waited = 0; !bot.connected() && waited < 3000; waited += 20) await sleep(20);
      assert.equal(bot.connected(), true, 'up again once resumed');
      await bot.stop();
      assert.equal(bot.connected(), false, 'down after stop');
    },
    { rest: REST },
  );
});
