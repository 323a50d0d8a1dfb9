// What only the PostgreSQL store has to show: claims that race across processes (two PgStores,
// two pools, stand in for two bot processes), migrations that race, and open errors that name the
// server without its password. The shared contract is in the other files of this folder.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { StoreOpenError } from '../../src/store/errors.ts';
import { PG_LATEST_VERSION } from '../../src/store/postgres/migrations.ts';
import { PgStore } from '../../src/store/postgres/pg-store.ts';
import type { Subscription } from '../../src/store/types.ts';
import { schemaForTest, testPostgres } from './pg-database.ts';

const MIN = 60_000;
const LEASE = 10 * MIN;
const at = (hhmm: string) => new Date(`2026-06-10T${hhmm}:00Z`);

const schemaUrl = async (t: TestContext) => (await schemaForTest(t))?.url;

async function twoProcesses(t: TestContext): Promise<{ stores: [PgStore, PgStore]; sub: Subscription } | undefined> {
  const url = await schemaUrl(t);
  if (!url) return undefined;
  const stores: [PgStore, PgStore] = [await PgStore.open(url), await PgStore.open(url)];
  t.after(() => Promise.all(stores.map((s) => s.close())));
  const { subscription } = await stores[0].addSubscription({ platform: 'discord', channel: 'C1', topic: 'Ghazni', time: '08:00', timeZone: 'Europe/Berlin' }, at('00:00'));
  return { stores, sub: subscription };
}

test('postgres claim: of 50 concurrent claims of one row from two processes, exactly one wins', async (t) => {
  const setup = await twoProcesses(t);
  if (!setup) return;
  const { stores, sub } = setup;
  const results = await Promise.all(Array.from({ length: 50 }, (_, i) => stores[i % 2]!.claim(sub, '2026-06-10', at('06:00'), LEASE)));
  const won = results.filter((c) => c !== null);
  assert.equal(won.length, 1);
  assert.equal(won[0]!.attempt, 1);
  const [row] = await stores[1].deliveryHistory(sub, 'ghazni');
  assert.deepEqual([row!.state, row!.attempts], ['claimed', 1]);
});

test('postgres claim: a lease that ran out is taken over by exactly one of 50 racing claims, and the stale holder can no longer record', async (t) => {
  const setup = await twoProcesses(t);
  if (!setup) return;
  const { stores, sub } = setup;
  const stale = (await stores[0].claim(sub, '2026-06-10', at('06:00'), LEASE))!;
  assert.deepEqual(await Promise.all([stores[0].claim(sub, '2026-06-10', at('06:09'), LEASE), stores[1].claim(sub, '2026-06-10', at('06:09'), LEASE)]), [null, null], 'lease still live');
  const results = await Promise.all(Array.from({ length: 50 }, (_, i) => stores[i % 2]!.claim(sub, '2026-06-10', at('06:10'), LEASE)));
  const won = results.filter((c) => c !== null);
  assert.equal(won.length, 1);
  assert.deepEqual([won[0]!.recovered, won[0]!.attempt, won[0]!.idempotencyKey], [true, 2, stale.idempotencyKey]);
  assert.equal(await stores[0].markPosted(stale, at('06:11'), { itemKeys: ['late'] }), false);
  assert.equal(await stores[1].markPosted(won[0]!, at('06:11'), { itemKeys: ['fresh'] }), true);
  assert.deepEqual([...(await stores[0].postedItemKeys(sub, 'ghazni'))].sort(), ['fresh', 'late']);
});

test('postgres migrations: processes opening one new database together migrate it once', async (t) => {
  const url = await schemaUrl(t);
  if (!url) return;
  const stores = await Promise.all(Array.from({ length: 4 }, () => PgStore.open(url)));
  await Promise.all(stores.map((s) => s.close()));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT version, opens FROM schema_version');
    assert.deepEqual(rows, [{ version: PG_LATEST_VERSION, opens: 4 }]);
    await client.query('UPDATE schema_version SET version = 99');
  } finally {
    await client.end();
  }
  await assert.rejects(PgStore.open(url), (err: unknown) => err instanceof StoreOpenError && err.problem === 'newer-schema' && /schema version 99/.test(err.message));
});

test('postgres open errors: a wrong password or a closed port is reported as unreachable, naming the server but never the password', async (t) => {
  const server = await testPostgres();
  if ('skip' in server) return t.skip(server.skip);
  const wrong = new URL(server.url);
  wrong.password = 'WrOnGpAsSwOrD';
  const closed = new URL(server.url);
  closed.port = '1';
  for (const url of [wrong, closed]) {
    const err = await PgStore.open(url.toString()).then(
      () => assert.fail('opened'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof StoreOpenError, String(err));
    assert.equal(err.problem, 'unreachable', err.message);
    assert.ok(err.message.includes(`127.0.0.1:${url.port}`), err.message);
    assert.match(err.message, /DATABASE_URL/);
    for (const secret of ['WrOnGpAsSwOrD', new URL(server.url).password]) assert.ok(!err.message.includes(secret), err.message);
  }
});
