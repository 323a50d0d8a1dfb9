import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Recorded } from '../fakes/slack/fake-slack.ts';
import { ERROR } from '../helpers/log-capture.ts';
import { BUDGETS, loadedCorpus, startSlackHarness, type SlackHarness } from '../fakes/slack/harness.ts';

// The real Bolt app answering slash commands through a response_url that fails on demand. The
// production answer policy (RESPONSE_POLICY: 3 retries, Retry-After honoured) with shorter
// waits: a hang costs 400 ms, a backoff 50 ms.
let slack: SlackHarness;
before(async () => {
  slack = await startSlackHarness({ deps: { corpus: await loadedCorpus(), budgets: BUDGETS }, network: { response: { timeoutMs: 400, backoffMs: 50 } } });
});
after(() => slack.stop());

const posts = (id: string) => slack.fake.records.filter((r) => r.kind === 'response' && r.name === id);
const landed = (id: string) => posts(id).filter((r) => r.refused === undefined);
const accepted = (id: string) => slack.fake.next((r: Recorded) => r.kind === 'response' && r.name === id && r.refused === undefined, 5000);

/** Waits until no more posts reach this response_url for a while. */
async function settled(id: string): Promise<number> {
  let count = posts(id).length;
  for (;;) {
    await sleep(300);
    if (posts(id).length === count) return count;
    count = posts(id).length;
  }
}

test('a 429 with Retry-After 1 on the response_url: the bot waits as asked and the digest lands once', async () => {
  slack.fake.failNext('response_url/r429', { status: 429, retryAfter: 1 });
  const started = Date.now();
  assert.equal((await slack.command('/summary', 'ghazni', { id: 'r429' })).status, 200, 'acked at once');
  const reply = await accepted('r429');
  const [limited] = posts('r429');
  assert.equal(limited!.status, 429);
  const waited = Date.now() - started;
  assert.ok(waited >= 950 && waited < 3000, `answered after ${waited} ms`);
  assert.equal((reply.body.blocks as { text?: { text: string } }[])[0]!.text!.text, 'Ghazni');
  assert.equal(landed('r429').length, 1);
});

test('a 500 twice then success lands once; a 5xx that persists is tried 4 times, logged, and the bot gives up', async () => {
  slack.fake.failNext('response_url/r500', { status: 500, times: 2 });
  await slack.command('/summary', 'ghazni', { id: 'r500' });
  await accepted('r500');
  assert.deepEqual(posts('r500').map((r) => r.status ?? 200), [500, 500, 200]);

  slack.fake.failNext('response_url/rdown', { status: 503, times: 100 });
  await slack.command('/summary', 'ghazni', { id: 'rdown' });
  // Four tries at the digest, then four at the polite error; then nothing more.
  assert.equal(await settled('rdown'), 8);
  assert.equal(landed('rdown').length, 0);
  const logged = slack.logs.lines.find((l) => l.level === ERROR && l.msg === 'could not post the reply to Slack');
  assert.ok(logged, 'logged as an error');
  assert.match(String((logged.err as { message: string }).message), /failed 4 times; last: HTTP 503/);
  slack.fake.faults.clear();
});

test('a response_url that hangs past the timeout is posted again and the reply lands once', async () => {
  slack.fake.failNext('response_url/rhang', { delayMs: 1000 });
  await slack.command('/summary', 'ghazni', { id: 'rhang' });
  await accepted('rhang');
  await slack.fake.next((r) => r.name === 'rhang' && r.refused !== undefined, 3000);
  assert.deepEqual(posts('rhang').map((r) => r.refused ?? 'ok'), ['ok', 'dropped: the client had given up waiting']);
  assert.equal(landed('rhang').length, 1);
});

test('an expired response_url (404) is logged once as undeliverable and not retried, not even for an error notice', async () => {
  slack.fake.failNext('response_url/rgone', { status: 404 });
  const before = slack.logs.lines.length;
  await slack.command('/summary', 'ghazni', { id: 'rgone' });
  await slack.fake.next((r) => r.name === 'rgone');
  assert.equal(await settled('rgone'), 1);
  const lines = slack.logs.lines.slice(before);
  const dropped = lines.filter((l) => /can no longer be delivered/.test(String(l.msg)));
  assert.equal(dropped.length, 1);
  assert.ok(!lines.some((l) => l.level >= ERROR), 'expected, not an error');

  // The bot keeps answering.
  await slack.command('/topics', '', { id: 'rafter' });
  await accepted('rafter');
});

test('connected() follows the HTTP server', async () => {
  assert.equal(slack.bot.connected(), true);
});
