// The delivery log's contract, run against SQLite and PostgreSQL alike (see contract.ts).
import assert from 'node:assert/strict';
import type { DigestStore, Subscription } from '../../src/store/types.ts';
import { storeTest } from './contract.ts';

const MIN = 60_000;
const LEASE = 10 * MIN;
const at = (hhmm: string, date = '2026-06-10') => new Date(`${date}T${hhmm}:00Z`);

/** A store with one subscription, to Ghazni in discord:C1. */
function logTest(name: string, run: (store: DigestStore, sub: Subscription) => Promise<void>) {
  storeTest(name, async (store) => {
    const { subscription } = await store.addSubscription({ platform: 'discord', channel: 'C1', topic: 'Ghazni', time: '08:00', timeZone: 'Europe/Berlin' }, at('00:00'));
    await run(store, subscription);
  });
}

logTest('delivery log: a row is claimed once; posted rows stay done', async (store, sub) => {
  const claim = await store.claim(sub, '2026-06-10', at('06:00'), LEASE);
  assert.ok(claim);
  assert.equal(claim.attempt, 1);
  assert.equal(claim.recovered, false);
  assert.match(claim.idempotencyKey, /^[0-9a-f]{24}$/);
  assert.equal(await store.claim(sub, '2026-06-10', at('06:00'), LEASE), null, 'in flight');
  assert.equal(await store.markPosted(claim, at('06:01'), { itemKeys: ['a', 'b'] }), true);
  assert.equal(await store.claim(sub, '2026-06-10', at('23:00'), LEASE), null, 'done for the day');
  assert.deepEqual([...(await store.postedItemKeys(sub, 'ghazni'))].sort(), ['a', 'b']);
  const other = await store.claim(sub, '2026-06-11', at('06:00', '2026-06-11'), LEASE);
  assert.ok(other);
  assert.notEqual(other.idempotencyKey, claim.idempotencyKey, 'one key per local date');
});

logTest('delivery log: a failed attempt waits for its retry time, then the next claim has the same key', async (store, sub) => {
  const first = (await store.claim(sub, '2026-06-10', at('06:00'), LEASE))!;
  assert.equal(await store.markFailed(first, at('06:00'), { error: 'HTTP 503', retryAt: at('06:02') }), true);
  assert.equal(await store.claim(sub, '2026-06-10', at('06:01'), LEASE), null);
  assert.deepEqual(await store.pendingRetries(at('06:01'), LEASE), []);
  assert.deepEqual((await store.pendingRetries(at('06:02'), LEASE)).map((p) => `${p.localDate} ${p.state} ${p.attempts}`), ['2026-06-10 retrying 1']);
  const second = (await store.claim(sub, '2026-06-10', at('06:02'), LEASE))!;
  assert.equal(second.attempt, 2);
  assert.equal(second.idempotencyKey, first.idempotencyKey);
  assert.equal(await store.markFailed(second, at('06:02'), { error: 'HTTP 404 channel gone', retryAt: null }), true);
  const [row] = await store.deliveryHistory(sub, 'ghazni');
  assert.equal(row!.state, 'failed');
  assert.equal(row!.lastError, 'HTTP 404 channel gone');
  assert.equal(await store.claim(sub, '2026-06-10', at('23:00'), LEASE), null, 'given up for good');
});

logTest('delivery log: a claim whose lease ran out is taken over, and the stale holder can no longer record', async (store, sub) => {
  const stale = (await store.claim(sub, '2026-06-10', at('06:00'), LEASE))!;
  assert.equal(await store.claim(sub, '2026-06-10', at('06:09'), LEASE), null);
  assert.deepEqual(await store.pendingRetries(at('06:09'), LEASE), []);
  assert.equal((await store.pendingRetries(at('06:10'), LEASE)).length, 1);
  const fresh = (await store.claim(sub, '2026-06-10', at('06:10'), LEASE))!;
  assert.equal(fresh.recovered, true);
  assert.equal(fresh.attempt, 2);
  assert.equal(await store.markPosted(stale, at('06:11'), { itemKeys: ['late'] }), false);
  assert.equal(await store.markFailed(stale, at('06:11'), { error: 'x', retryAt: at('06:12') }), false);
  assert.ok((await store.postedItemKeys(sub, 'ghazni')).has('late'), 'items that did go out are still remembered');
  assert.equal(await store.markPosted(fresh, at('06:11'), { itemKeys: [] }), true);
});

logTest('delivery log: a new day supersedes an older day still waiting for a retry', async (store, sub) => {
  const old = (await store.claim(sub, '2026-06-10', at('06:00'), LEASE))!;
  await store.markFailed(old, at('06:00'), { error: 'HTTP 503', retryAt: at('06:00', '2026-06-12') });
  const next = (await store.claim(sub, '2026-06-11', at('06:00', '2026-06-11'), LEASE))!;
  assert.deepEqual(next.superseded, ['2026-06-10']);
  assert.deepEqual((await store.deliveryHistory(sub, 'ghazni')).map((d) => `${d.localDate} ${d.state}`), ['2026-06-11 claimed', '2026-06-10 superseded']);
  assert.deepEqual((await store.pendingRetries(at('06:00', '2026-06-12'), LEASE)).map((p) => p.localDate), ['2026-06-11'], 'only the new day');
});

logTest('delivery log: a missed day is noted once and then counts as done', async (store, sub) => {
  assert.equal(await store.noteMissed(sub, '2026-06-09', at('06:00')), true);
  assert.equal(await store.noteMissed(sub, '2026-06-09', at('06:01')), false);
  assert.equal(await store.claim(sub, '2026-06-09', at('06:02'), LEASE), null);
});

logTest('delivery log: exactly once per channel and topic, even across unsubscribe and subscribe again', async (store, sub) => {
  const c = (await store.claim(sub, '2026-06-10', at('06:00'), LEASE))!;
  await store.markPosted(c, at('06:00'), { itemKeys: ['a'] });
  await store.removeSubscription(sub, 'ghazni', at('06:30'));
  const { subscription: again } = await store.addSubscription({ platform: 'discord', channel: 'C1', topic: 'ghazni', time: '09:00', timeZone: 'Europe/Berlin' }, at('06:31'));
  assert.notEqual(again.id, sub.id);
  assert.equal(await store.claim(again, '2026-06-10', at('07:00'), LEASE), null);
  assert.ok((await store.postedItemKeys(again, 'ghazni')).has('a'));
});
