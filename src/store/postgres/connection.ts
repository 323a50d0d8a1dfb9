import pg from 'pg';
import { NewerSchemaError, StoreOpenError, type StoreOpenProblem } from '../errors.ts';
import { migratePg } from './migrations.ts';

/** What a query can run on: the pool, or one client inside a transaction. */
export type Db = pg.Pool | pg.PoolClient;

/** The URL as messages may show it: the password, if any, replaced. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'DATABASE_URL (unparsable)';
  }
}

// BIGINT (int8) arrives as a string by default. Every BIGINT here is a ms time, an id or a
// count, all far below 2^53, so a number is exact. Per pool, not pg.types: other users of pg
// in the process keep the default.
const INT8 = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format ?? 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

/**
 * Connects, checks and migrates; a StoreOpenError naming the (redacted) URL when the database
 * cannot be used, so a wrong host or password stops the start instead of the first post.
 */
export async function openPool(url: string): Promise<pg.Pool> {
  // keepAlive: a server that vanished without closing its sockets (a host gone, a dropped route)
  // is found by TCP instead of never. query_timeout: a query still unanswered after 30 s fails
  // and its connection is discarded, so a hung connection cannot stall the poller or a digest for
  // good. Every query here is short, so only a hung one reaches it.
  const pool = new pg.Pool({ connectionString: url, types, max: 10, connectionTimeoutMillis: 10_000, keepAlive: true, query_timeout: 30_000 });
  // A connection dropped while idle emits here; without a listener that would end the process.
  // The pool replaces it; PgReachability listens too, once the store is open.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    // As in inTransaction: while checked out, the client's errors are ours; the next query reports them.
    const ignore = () => {};
    client.on('error', ignore);
    try {
      await migratePg(client);
    } finally {
      client.off('error', ignore);
      client.release();
    }
    return pool;
  } catch (err) {
    await pool.end().catch(() => {});
    throw new StoreOpenError(redactUrl(url), err instanceof NewerSchemaError ? 'newer-schema' : classifyPgOpenError(err), err);
  }
}

/**
 * A server's SQLSTATE of class 08 (connection), 28 (authorization) or 3D (no such database), or
 * no SQLSTATE at all (refused, unknown host, timeout): the server was not reached as configured.
 * Any other SQLSTATE came from a server that answered, such as a role that may not create tables.
 */
function classifyPgOpenError(err: unknown): StoreOpenProblem {
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  return /^[0-9A-Z]{5}$/.test(code) && !/^(08|28|3D)/.test(code) ? 'other' : 'unreachable';
}

// Socket errors that mean the server is not there: not every E… code (Node's ERR_* are bugs or
// bad arguments, not an outage).
const SOCKET_FAILURES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Whether a query's error means the server was not reached or went away: a socket error (refused,
 * reset, unknown host), a connection pg saw end or could not open in time, SQLSTATE class 08, or
 * the server shutting down or still starting (57P01-57P03). Anything else came from a server
 * that answered.
 */
export function isConnectionFailure(err: unknown): boolean {
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  if (/^(08|57P0[123])/.test(code) || SOCKET_FAILURES.has(code)) return true;
  const message = err instanceof Error ? err.message : '';
  return /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/.test(message);
}

/** Runs `work` in a transaction on one client: committed when it returns, rolled back when it throws. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // A checked-out client's errors are ours to hear, not the pool's: one the server sends between
  // two queries (it is shutting down) would otherwise end the process. The next query fails with
  // it anyway; the client is then discarded, not returned to the pool.
  let broken: unknown;
  const onError = (err: unknown) => (broken ??= err);
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch((rollbackErr: unknown) => (broken ??= rollbackErr));
    throw err;
  } finally {
    client.off('error', onError);
    client.release(broken === undefined ? undefined : true);
  }
}
