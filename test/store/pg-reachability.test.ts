// How the PostgreSQL store notices that its server went away and came back, on the shared test
// server: an admin connection ends the store's own connections (pg_terminate_backend, as a server
// shutting down does), which leaves the server up for the other tests. The whole-server outage, a
// cluster stopped and started, is in test/hardening/database-outage.test.ts.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { inTransaction, isConnectionFailure, openPool } from '../../src/store/postgres/connection.ts';
import { PgStore } from '../../src/store/postgres/pg-store.ts';
import { PgReachability } from '../../src/store/postgres/reachability.ts';
import { schemaForTest } from './pg-database.ts';

/** A fresh schema's URL whose connections carry their own application_name, and an admin URL. */
async function tagged(t: TestContext): Promise<{ url: string; admin: string; name: string } | undefined> {
  const schema = await schemaForTest(t);
  if (!schema) return undefined;
  const name = `reach_${randomBytes(4).toString('hex')}`;
  const url = new URL(schema.url);
  url.searchParams.set('application_name', name);
  return { url: url.toString(), admin: schema.serverUrl, name };
}

/** Ends every connection with that application_name (those in `state`, when given); how many. */
async function terminate(adminUrl: string, name: string, state?: string): Promise<number> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query(
      `SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE application_name = $1 AND ($2::text IS NULL OR state = $2)`,
      [name, state ?? null],
    );
    return rows.filter((r) => r.ended).length;
  } finally {
    await admin.end();
  }
}

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let waited = 0; !(await check()); waited += 25) {
    if (waited > 5000) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

test('isConnectionFailure: socket errors, ended connections and a server shutting down, not errors a server answered with', () => {
  const failures = [{ code: 'ECONNREFUSED' }, { code: 'ECONNRESET' }, { code: 'EAI_AGAIN' }, { code: '57P01' }, { code: '57P03' }, { code: '08006' }, new Error('Connection terminated unexpectedly'), new Error('timeout exceeded when trying to connect')];
  // Node's own ERR_* codes are bugs or bad arguments, not the server gone.
  const answers = [{ code: '23505' }, { code: '42P01' }, { code: '40001' }, { code: '28P01' }, { code: 'ERR_INVALID_ARG_TYPE' }, { code: 'ERR_STREAM_DESTROYED' }, { code: 'EACCES' }, new Error('syntax error at or near "SELEC"'), null, 'text'];
  assert.deepEqual(failures.filter((e) => !isConnectionFailure(e)), []);
  assert.deepEqual(answers.filter((e) => isConnectionFailure(e)), []);
});

test('pg store: the server ending its idle connections marks it unreachable once; the next connection marks it reachable once', async (t) => {
  const db = await tagged(t);
  if (!db) return;
  const store = await PgStore.open(db.url);
  try {
    const changes: boolean[] = [];
    const causes: unknown[] = [];
    store.reachability.onChange((reachable, cause) => {
      changes.push(reachable);
      causes.push(cause);
    });
    // Several idle connections in the pool, each of which will report its end.
    await Promise.all([1, 2, 3].map(() => store.allSubscriptions()));
    assert.ok((await terminate(db.admin, db.name)) >= 2);
    await until(() => changes.length > 0, 'the pool to report its ended connections');
    await sleep(200);
    assert.deepEqual(changes, [false], 'one change, however many connections ended');
    assert.ok(isConnectionFailure(causes[0]), 'the change to unreachable comes with the failure that showed it');
    assert.equal(store.reachability.reachable, false);

    assert.deepEqual(await store.allSubscriptions(), [], 'the pool opens new connections');
    assert.deepEqual(changes, [false, true]);
    assert.equal(await store.reachability.ping(2000), true);
    assert.deepEqual(changes, [false, true]);
  } finally {
    await store.close();
  }
});

test('pg store: a ping that only waits for a pool busy with long queries answers false and leaves the server reachable', async (t) => {
  const db = await tagged(t);
  if (!db) return;
  const pool = await openPool(db.url);
  const reachability = new PgReachability(pool);
  const changes: boolean[] = [];
  reachability.onChange((reachable) => changes.push(reachable));
  // Every one of the pool's 10 connections busy for a second: what /healthz meets during a large round.
  const busy = Array.from({ length: 10 }, () => pool.query('SELECT pg_sleep(1)'));
  try {
    assert.equal(await reachability.ping(100), false, 'no answer within the time asked');
    assert.equal(reachability.reachable, true, 'slow is not down: /healthz reads this, not the ping\'s answer');
    assert.deepEqual(changes, []);
  } finally {
    await Promise.allSettled(busy);
    reachability.close();
    await pool.end();
  }
});

test('pg store: a transaction whose connection the server ends between two queries fails that call, not the process', async (t) => {
  const db = await tagged(t);
  if (!db) return;
  const pool = await openPool(db.url);
  let go!: () => void;
  const gate = new Promise<void>((resolve) => (go = resolve));
  const transaction = inTransaction(pool, async (client) => {
    await client.query('SELECT 1');
    await gate;
    return client.query('SELECT 2');
  });
  try {
    await until(async () => (await terminate(db.admin, db.name, 'idle in transaction')) === 1, 'the transaction to be ended');
    // The client hears of it while no query of its runs: an 'error' event nobody else listens to.
    await sleep(200);
    go();
    await assert.rejects(transaction, (err) => isConnectionFailure(err));
    assert.equal((await pool.query('SELECT 3 AS n')).rows[0].n, 3, 'the broken client was not handed out again');
  } finally {
    // Should a wait above time out, the transaction still holds its client: pool.end() would wait for it forever.
    go();
    await transaction.catch(() => {});
    await pool.end();
  }
});
