import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { classifyOpenError, NewerSchemaError, StoreOpenError } from '../errors.ts';
import { migrate } from './migrations.ts';

export interface OpenOptions {
  /** How long a statement waits for another process's lock before failing (ms). */
  busyTimeoutMs?: number;
}

/**
 * Opens (creating if needed) and checks the database file, then migrates it. Every failure is
 * a StoreOpenError naming the file: SQLite opens garbage or a read-only file without complaint
 * and fails only at the first statement, so each check here runs a statement on purpose.
 */
export function openDatabase(path: string, options: OpenOptions = {}): Database.Database {
  let db: Database.Database | undefined;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    db = new Database(path, { timeout: options.busyTimeoutMs ?? 5000 });
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal' && path !== ':memory:') throw new Error(`cannot switch the journal to WAL (it stays ${String(mode)})`);
    // FULL, not NORMAL: in WAL mode NORMAL may lose the last commits on power loss, and a lost
    // 'posted' mark means a digest posted twice.
    db.pragma('synchronous = FULL');
    // Per connection, and off by default in SQLite's own build (better-sqlite3's turns them on):
    // said here so feed articles cannot outlive their feed whichever build this runs on.
    db.pragma('foreign_keys = ON');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw Object.assign(new Error(`integrity check failed: ${String(check)}`), { code: 'SQLITE_CORRUPT' });
    migrate(db);
    return db;
  } catch (err) {
    try {
      db?.close();
    } catch {
      // The open error is the one worth reporting.
    }
    throw new StoreOpenError(path, err instanceof NewerSchemaError ? 'newer-schema' : classifyOpenError(err), err);
  }
}
