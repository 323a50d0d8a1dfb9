import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/**
 * Copies the database to `destination` with SQLite's online backup: consistent while the bot
 * runs and writes, which copying the file is not (the WAL file holds the latest commits).
 */
export async function backupDatabase(source: string, destination: string): Promise<void> {
  if (!existsSync(source)) throw new Error(`no database at ${source} (DATA_DIR): nothing to back up`);
  if (existsSync(destination)) throw new Error(`${destination} already exists; pick a new file name`);
  mkdirSync(dirname(destination), { recursive: true });
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(destination);
  } finally {
    db.close();
  }
}
