import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { slashCommandFields } from '../fakes/slack/slash-command.ts';
import { ERROR } from '../helpers/log-capture.ts';
import { BUDGETS, MEMBER, loadedCorpus, startSlackHarness, type SlackHarness } from '../fakes/slack/harness.ts';

// The real Bolt SocketModeReceiver against a fake Slack that drops the socket in each way Slack
// can, and refuses apps.connections.open while the bot reconnects. Reconnect waits are shortened
// (50 ms, doubling to 400 ms); every bound below is generous.
let slack: SlackHarness;
before(async () => {
  slack = await startSlackHarness({
    deps: { corpus: await loadedCorpus(), budgets: BUDGETS },
    socketMode: true,
    network: { webApi: { timeoutMs: 500, minBackoffMs: 20, maxBackoffMs: 50 }, socket: { reconnectMinMs: 50, reconnectMaxMs: 400 } },
  });
});
after(() => slack.stop());

async function until(what: string, condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(5);
  }
}

const opens = () => slack.fake.records.filter((r) => r.name === 'apps.connections.open');
const responses = (id: string) => slack.fake.records.filter((r) => r.kind === 'response' && r.name === id);

/** A /summary over the socket: acked once on the socket, answered once through its response_url. */
async function summaryAnsweredOnce(id: string): Promise<void> {
  const ack = await slack.fake.sendEnvelope('slash_commands', slashCommandFields('/summary', 'ghazni short', { user: MEMBER }, slack.fake.responseUrl(id)));
  assert.match(String(ack.envelope_id), /^env-/);
  const reply = await slack.fake.next((r) => r.kind === 'response' && r.name === id, 5000);
  assert.equal(reply.refused, undefined);
  assert.equal((reply.body.blocks as { text?: { text: string } }[])[0]!.text!.text, 'Ghazni');
  await sleep(200);
  assert.equal(responses(id).length, 1, 'answered exactly once');
}

const losses = () => slack.logs.lines.filter((l) => /Socket Mode connection lost/.test(String(l.msg))).length;

/**
 * Drops the socket and waits until the bot has noticed (it logs the loss), then until it is up
 * again on a new connection. The first attempt is immediate, so on loopback the bot can be down
 * for less than one polling step: the log line, not connected(), shows that it went down.
 */
async function dropAndReconnect(how: 'terminate' | 'close' | 'refresh', timeoutMs = 5000): Promise<{ downMs: number }> {
  const before = slack.fake.connections;
  const lost = losses();
  assert.equal(slack.bot.connected(), true, 'connected before the drop');
  const down = Date.now();
  slack.fake.dropSockets(how);
  await until('the bot notices the drop', () => losses() > lost, 2000);
  await slack.fake.waitForConnections(before + 1, timeoutMs);
  await until('connected() is true again', () => slack.bot.connected(), 2000);
  return { downMs: Date.now() - down };
}

test('Socket Mode: a connection cut without a close frame, closed by the server or refreshed by Slack is reopened; the next command is acked and answered once', async () => {
  await summaryAnsweredOnce('before');
  for (const how of ['terminate', 'close', 'refresh'] as const) {
    const { downMs } = await dropAndReconnect(how);
    assert.ok(downMs < 3000, `${how}: down for ${downMs} ms`);
    await summaryAnsweredOnce(`after-${how}`);
  }
  assert.equal(slack.fake.connections, 4, 'one new connection per drop');
});

test('Socket Mode: apps.connections.open refused while reconnecting (ok: false, HTTP 500s and timeouts past the client retries, ratelimited) is tried again until it works', async () => {
  // ok:false once: the bot stays down through the refusal and connects on the next try.
  slack.fake.failNext('apps.connections.open', 'internal_error');
  let opened = opens().length;
  await dropAndReconnect('terminate');
  assert.deepEqual(opens().slice(opened).map((r) => r.refused ?? 'ok'), ['internal_error', 'ok']);
  await summaryAnsweredOnce('after-refused');

  // Three HTTP 500s use up the Web API client's two retries: Bolt's own reconnect gives up on
  // such an error (and leaves its rejection unhandled); the bot must keep trying.
  slack.fake.failNext('apps.connections.open', { status: 500, times: 3 });
  opened = opens().length;
  await dropAndReconnect('terminate');
  assert.deepEqual(opens().slice(opened).map((r) => r.status ?? 200), [500, 500, 500, 200]);
  await summaryAnsweredOnce('after-500s');

  // No answer at all (Slack unreachable): three timeouts, which Bolt's reconnect would also give up on.
  slack.fake.failNext('apps.connections.open', { delayMs: 1500, times: 3 });
  opened = opens().length;
  await dropAndReconnect('terminate', 8000);
  assert.equal(slack.fake.faults.pending, 0, 'all three timed out');
  // The fake records a request it held only when its hold ends, after the bot gave up on it.
  const dropped = () => opens().slice(opened).filter((r) => r.refused?.startsWith('dropped'));
  await until('the three held requests are recorded', () => dropped().length === 3, 3000);
  assert.equal(opens().slice(opened).filter((r) => r.refused === undefined).length, 1);
  await summaryAnsweredOnce('after-timeouts');

  // Rate-limited with a short Retry-After: waited, then connected.
  slack.fake.failNext('apps.connections.open', { slackError: 'ratelimited', retryAfter: 1 });
  opened = opens().length;
  const { downMs } = await dropAndReconnect('close');
  assert.ok(downMs >= 900, `waited for the Retry-After (${downMs} ms)`);
  assert.deepEqual(opens().slice(opened).map((r) => r.refused ?? 'ok'), ['ratelimited', 'ok']);
  await summaryAnsweredOnce('after-ratelimited');
  assert.equal(slack.fake.faults.pending, 0);

  const warned = slack.logs.lines.filter((l) => /Socket Mode connection/.test(String(l.msg)));
  assert.ok(warned.some((l) => /lost/.test(String(l.msg))), 'the drop is logged');
  assert.ok(warned.some((l) => /reopened/.test(String(l.msg))), 'the reconnect is logged');
  assert.deepEqual(slack.logs.lines.filter((l) => l.level >= ERROR && /reconnect/i.test(String(l.msg))), [], 'no reconnect logged as an error while it recovers');
});

test('Socket Mode: stop() during the reconnect wait stops for good: no connection is opened afterwards', async () => {
  // Refused for a while, so the bot is between attempts when stopped.
  slack.fake.failNext('apps.connections.open', { slackError: 'internal_error', times: 1000 });
  const before = slack.fake.connections;
  slack.fake.dropSockets('terminate');
  await until('connected() is false', () => !slack.bot.connected(), 2000);
  await until('a refused reconnect attempt', () => opens().some((r) => r.refused === 'internal_error' && r.status === 200), 2000);
  await slack.bot.stop();
  const attempts = opens().length;
  await sleep(800);
  assert.equal(opens().length, attempts, 'no attempt after stop');
  assert.equal(slack.fake.connections, before);
  assert.equal(slack.bot.connected(), false);
  slack.fake.faults.clear();
});
