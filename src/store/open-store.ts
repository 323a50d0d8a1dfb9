import { join } from 'node:path';
import { SqliteStore } from './sqlite/sqlite-store.ts';
import type { DigestStore } from './types.ts';

/** The database file inside the data folder, when no other path is given. */
export function defaultDatabasePath(dataDir: string): string {
  return join(dataDir, 'digests.sqlite');
}

/**
 * Opens the store the app runs on. Only the embedded SQLite store exists so far; a server
 * database would be chosen here, and nothing past this function would change.
 */
export function openStore(options: { path: string; busyTimeoutMs?: number }): DigestStore {
  return SqliteStore.open(options.path, options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs });
}
