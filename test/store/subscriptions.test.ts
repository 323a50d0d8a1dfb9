import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { LATEST_VERSION } from '../../src/store/sqlite/migrations.ts';
import { storeTest } from './contract.ts';
import { tempDb } from './temp-db.ts';

const t0 = new Date('2026-06-10T05:00:00Z');
const t1 = new Date('2026-06-10T07:00:00Z');
const chan = { platform: 'discord', channel: 'C1' } as const;

storeTest('subscriptions: add, list per channel, update in place, remove by any spelling', async (store) => {
  const a = await store.addSubscription({ ...chan, topic: 'Kandahar  Prison', time: '08:00', timeZone: 'Europe/Berlin', createdBy: 'U1' }, t0);
  assert.equal(a.created, true);
  assert.equal(a.subscription.topic, 'Kandahar  Prison');
  assert.equal(a.subscription.topicKey, 'kandahar prison');
  await store.addSubscription({ ...chan, topic: 'ghazni', time: '07:30', timeZone: 'Asia/Kabul' }, t0);
  await store.addSubscription({ platform: 'slack', channel: 'C1', topic: 'ghazni', time: '09:00', timeZone: 'UTC' }, t0);
  await store.addSubscription({ platform: 'discord', channel: 'C2', topic: 'ghazni', time: '09:00', timeZone: 'UTC' }, t0);

  const updated = await store.addSubscription({ ...chan, topic: 'kandahar prison', time: '09:15', timeZone: 'America/New_York' }, t1);
  assert.equal(updated.created, false);
  assert.equal(updated.subscription.id, a.subscription.id);
  assert.equal(updated.subscription.time, '09:15');
  assert.equal(updated.subscription.createdAt.toISOString(), t0.toISOString());
  assert.equal(updated.subscription.updatedAt.toISOString(), t1.toISOString());

  assert.deepEqual((await store.listSubscriptions(chan)).map((s) => `${s.topic} ${s.time} ${s.timeZone}`), [
    'ghazni 07:30 Asia/Kabul',
    'kandahar prison 09:15 America/New_York',
  ]);
  assert.equal((await store.allSubscriptions()).length, 4);
  assert.equal(await store.removeSubscription(chan, 'KANDAHAR PRISON', t1), true);
  assert.equal(await store.removeSubscription(chan, 'kandahar prison', t1), false);
  assert.deepEqual((await store.listSubscriptions(chan)).map((s) => s.topic), ['ghazni']);
  assert.deepEqual((await store.listSubscriptions({ platform: 'slack', channel: 'C1' })).map((s) => s.timeZone), ['UTC']);
});

storeTest('subscriptions: survive a reopen', async (store, reopen) => {
  await store.addSubscription({ ...chan, topic: 'ghazni', time: '08:00', timeZone: 'Europe/Berlin' }, t0);
  await store.close();
  assert.deepEqual((await (await reopen()).allSubscriptions()).map((s) => s.topic), ['ghazni']);
});

test('sqlite subscriptions: survive a reopen; the schema is versioned and in WAL mode', async () => {
  const { path, cleanup } = tempDb();
  try {
    const store = SqliteStore.open(path, { busyTimeoutMs: 1234 });
    await store.addSubscription({ ...chan, topic: 'ghazni', time: '08:00', timeZone: 'Europe/Berlin' }, t0);
    await store.close();
    const again = SqliteStore.open(path);
    assert.deepEqual((await again.allSubscriptions()).map((s) => s.topic), ['ghazni']);
    await again.close();

    const db = new Database(path, { readonly: true });
    assert.deepEqual(db.prepare('SELECT version, opens FROM schema_version').all(), [{ version: LATEST_VERSION, opens: 2 }]);
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    db.close();
  } finally {
    cleanup();
  }
});

storeTest('subscriptions: a bad time never reaches the table', async (store) => {
  await assert.rejects(store.addSubscription({ ...chan, topic: 'ghazni', time: '8am', timeZone: 'UTC' }, t0), /check constraint/i);
});
