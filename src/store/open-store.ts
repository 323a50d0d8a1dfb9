import { join } from 'node:path';
import { PgStore } from './postgres/pg-store.ts';
import { SqliteStore } from './sqlite/sqlite-store.ts';
import type { DigestStore } from './types.ts';

/** The database file inside the data folder, when no other path is given. */
export function defaultDatabasePath(dataDir: string): string {
  return join(dataDir, 'digests.sqlite');
}

/**
 * Opens the store the app runs on: PostgreSQL when a database URL is given (DATABASE_URL),
 * else the embedded SQLite file at `path`. Nothing past this function knows which.
 */
export async function openStore(options: { path: string; databaseUrl?: string | undefined; busyTimeoutMs?: number }): Promise<DigestStore> {
  if (options.databaseUrl) return PgStore.open(options.databaseUrl);
  return SqliteStore.open(options.path, options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs });
}
