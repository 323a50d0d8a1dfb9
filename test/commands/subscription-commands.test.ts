import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCommand } from '../../src/commands/registry.ts';
import { describeReply } from '../../src/commands/describe.ts';
import { TEXT_MARKUP } from '../../src/adapters/console/render-text.ts';
import type { Invoker, Reply } from '../../src/commands/types.ts';
import { withDeps } from '../helpers/command-deps.ts';

const admin: Invoker = { platform: 'slack', id: 'U1', isAdmin: true, channel: 'C1' };
const member: Invoker = { ...admin, id: 'U2', isAdmin: false };
const elsewhere: Invoker = { ...admin, channel: 'C2' };

const text = (reply: Reply) => (reply.kind === 'digest' ? '' : describeReply(reply, TEXT_MARKUP).join('\n'));

test('subscribe: stores the channel, topic, time and zone; a second call updates instead of duplicating', async () => {
  await withDeps(async (deps) => {
    const first = await runCommand('subscribe', { topic: 'Ghazni', time: '8:30', timezone: 'europe/berlin' }, admin, deps);
    assert.ok(first.kind === 'subscribed' && first.created);
    assert.equal(first.subscription.time, '08:30');
    assert.equal(first.subscription.timeZone, 'Europe/Berlin');
    assert.equal(first.subscription.createdBy, 'U1');
    assert.ok(first.articlesNow > 0);
    assert.match(text(first), /Subscribed: Ghazni every day at 08:30 Europe\/Berlin/);

    const again = await runCommand('subscribe', { topic: 'ghazni', time: '09:00' }, admin, deps);
    assert.ok(again.kind === 'subscribed' && !again.created);
    assert.equal(again.subscription.timeZone, 'Asia/Kabul', 'no zone given: the configured default');

    const list = await runCommand('subscriptions', {}, member, deps);
    assert.ok(list.kind === 'subscriptions');
    assert.deepEqual(list.subscriptions.map((s) => [s.topic, s.time]), [['ghazni', '09:00']]);
    const other = await runCommand('subscriptions', {}, elsewhere, deps);
    assert.ok(other.kind === 'subscriptions' && other.subscriptions.length === 0, 'subscriptions belong to their channel');
  });
});

test('subscribe: bad times, zones and non-admins are refused and change nothing', async () => {
  await withDeps(async (deps) => {
    const cases: [Invoker, Record<string, string>, string, RegExp][] = [
      [admin, { topic: 'ghazni', time: '25:99' }, 'bad-time', /"25:99" is not a time of day/],
      [admin, { topic: 'ghazni', time: '08:00', timezone: 'Mars/Olympus' }, 'bad-time-zone', /"Mars\/Olympus" is not a time zone/],
      [admin, { topic: '🔥', time: '08:00' }, 'empty-topic', /at least one letter/],
      [member, { topic: 'ghazni', time: '08:00' }, 'not-admin', /Only admins can run \/subscribe/],
      [admin, { topic: 'ghazni' }, 'missing-option', /needs a time/],
    ];
    for (const [who, input, code, words] of cases) {
      const reply = await runCommand('subscribe', input, who, deps);
      assert.ok(reply.kind === 'error', `${JSON.stringify(input)} is refused`);
      assert.equal(reply.code, code);
      assert.match(text(reply), words);
    }
    assert.deepEqual(await deps.subscriptions!.store.allSubscriptions(), []);
  });
});

test('subscribe: a topic the articles never mention is kept, with a warning and suggestions', async () => {
  await withDeps(async (deps) => {
    const reply = await runCommand('subscribe', { topic: 'ghaznee', time: '07:00' }, admin, deps);
    assert.ok(reply.kind === 'subscribed' && reply.articlesNow === 0);
    assert.match(text(reply), /say nothing about it yet.*Did you mean: Ghazni\?/s);
  });
});

test('unsubscribe: removes any spelling of the topic; an unknown one lists what the channel has', async () => {
  await withDeps(async (deps) => {
    await runCommand('subscribe', { topic: 'Kandahar prison', time: '07:00' }, admin, deps);
    await runCommand('subscribe', { topic: 'Herat', time: '07:00' }, admin, deps);
    const refused = await runCommand('unsubscribe', { topic: 'herat' }, member, deps);
    assert.ok(refused.kind === 'error' && refused.code === 'not-admin');
    const missing = await runCommand('unsubscribe', { topic: 'ghazni' }, admin, deps);
    assert.ok(missing.kind === 'unsubscribed' && !missing.removed);
    assert.match(text(missing), /no daily digest of ghazni\. It has: Herat, Kandahar prison\./);
    const removed = await runCommand('unsubscribe', { topic: 'KANDAHAR  prison' }, admin, deps);
    assert.ok(removed.kind === 'unsubscribed' && removed.removed);
    const left = await deps.subscriptions!.store.listSubscriptions({ platform: 'slack', channel: 'C1' });
    assert.deepEqual(left.map((s) => s.topic), ['Herat']);
  });
});

test('subscription commands without a store say so instead of failing', async () => {
  await withDeps(async (deps) => {
    const { subscriptions: _, ...noStore } = deps;
    const reply = await runCommand('subscriptions', {}, member, noStore);
    assert.ok(reply.kind === 'error' && reply.code === 'no-store');
  });
});
