import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import pg from 'pg';
import { postgresBinDir, startThrowawayPostgres, stopThrowawayPostgres } from '../../scripts/throwaway-postgres.mjs';

/**
 * The server the PostgreSQL tests use: TEST_DATABASE_URL (set by `npm test`'s runner and by CI),
 * else a throwaway cluster this process starts and stops, else none: a skip with the reason
 * outside CI, a failure in CI, where the PostgreSQL tests must run.
 */
let server: Promise<{ url: string } | { skip: string }> | undefined;

export function testPostgres(): Promise<{ url: string } | { skip: string }> {
  return (server ??= (async () => {
    const given = process.env.TEST_DATABASE_URL;
    if (given) return { url: given };
    if (postgresBinDir()) {
      const dir = mkdtempSync(join(tmpdir(), 'digest-pg-'));
      process.on('exit', () => stopThrowawayPostgres(dir));
      return { url: await startThrowawayPostgres(dir) };
    }
    const reason = 'PostgreSQL tests skipped: no TEST_DATABASE_URL and no PostgreSQL binaries (pg_ctl) to start a throwaway cluster';
    if (process.env.CI === 'true') throw new Error(`${reason}; in CI (CI=true) they must run`);
    console.log(`# ${reason}`);
    return { skip: reason };
  })());
}

/** A fresh schema on the test server, and the URL whose connections use it; `drop` removes it. */
export async function freshSchema(url: string): Promise<{ url: string; schema: string; drop: () => Promise<void> }> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.end();
  }
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: scoped.toString(),
    schema,
    drop: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/** A fresh schema on the test server, dropped after the test; undefined (and the test skipped) without a server. */
export async function schemaForTest(t: TestContext): Promise<{ url: string; serverUrl: string } | undefined> {
  const server = await testPostgres();
  if ('skip' in server) {
    t.skip(server.skip);
    return undefined;
  }
  const schema = await freshSchema(server.url);
  t.after(schema.drop);
  return { url: schema.url, serverUrl: server.url };
}
