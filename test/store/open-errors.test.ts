import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, openSync, writeSync, closeSync, writeFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { StoreOpenError } from '../../src/store/errors.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { tempDb } from './temp-db.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = fileURLToPath(new URL('./fixtures/open-child.ts', import.meta.url));

function openError(path: string, options = {}): StoreOpenError {
  try {
    SqliteStore.open(path, options);
  } catch (err) {
    assert.ok(err instanceof StoreOpenError, `expected a StoreOpenError, got ${String(err)}`);
    return err;
  }
  assert.fail(`${path} opened`);
}

async function withData(path: string): Promise<void> {
  const store = SqliteStore.open(path);
  for (let i = 0; i < 100; i++) {
    await store.addSubscription({ platform: 'discord', channel: `C${i}`, topic: `topic ${i} ${'x'.repeat(200)}`, time: '08:00', timeZone: 'UTC' }, new Date(0));
  }
  await store.close();
}

test('open errors: a file of garbage bytes is reported as corrupt, naming the file', () => {
  const { path, cleanup } = tempDb();
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37 + 11) % 256)));
    const err = openError(path);
    assert.equal(err.problem, 'corrupt');
    assert.equal(err.path, path);
    assert.ok(err.message.includes(path));
    assert.match(err.message, /not a database/);
    assert.match(err.message, /restore a backup/);
  } finally {
    cleanup();
  }
});

test('open errors: a real database with damaged pages is reported as corrupt, not opened empty', async () => {
  const { path, cleanup } = tempDb();
  try {
    await withData(path);
    const fd = openSync(path, 'r+');
    const size = statSync(path).size;
    writeSync(fd, Buffer.alloc(size - 8192, 0xa5), 0, size - 8192, 4096);
    closeSync(fd);
    const err = openError(path);
    assert.equal(err.problem, 'corrupt');
    assert.ok(err.message.includes(path));
  } finally {
    cleanup();
  }
});

const NOBODY = { uid: 65534, gid: 65534 };

test('open errors: a read-only file, and a file in a read-only folder, are reported as read-only', async (t) => {
  const asRoot = process.getuid?.() === 0;
  if (asRoot && spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(CHILD)})`], NOBODY).status !== 0) {
    t.skip('running as root with a project folder an unprivileged user cannot read, so a read-only file cannot be tested');
    return;
  }
  for (const where of ['file', 'folder'] as const) {
    const { dir, path, cleanup } = tempDb();
    try {
      await withData(path);
      chmodSync(dir, 0o755);
      if (where === 'file') {
        chmodSync(dirname(path), 0o777);
        chmodSync(path, 0o444);
      } else {
        chmodSync(path, 0o666);
        chmodSync(dirname(path), 0o555);
      }
      // Root writes whatever the mode says, so the open runs as an unprivileged user there.
      const run = spawnSync(process.execPath, ['--import', 'tsx', CHILD, path], {
        cwd: ROOT,
        encoding: 'utf8',
        ...(asRoot ? NOBODY : {}),
      });
      assert.equal(run.status, 0, run.stderr);
      const result = JSON.parse(run.stdout) as { ok: boolean; name?: string; problem?: string; message?: string };
      assert.equal(result.ok, false, `${where}: opened a read-only database`);
      assert.equal(result.name, 'StoreOpenError');
      assert.equal(result.problem, 'read-only', result.message);
      assert.ok(result.message!.includes(path));
      assert.match(result.message!, /readonly|read-only/);
    } finally {
      chmodSync(dirname(path), 0o755);
      cleanup();
    }
  }
});

test('open errors: a database locked by another process is reported after the busy timeout', async () => {
  const { path, cleanup } = tempDb();
  try {
    await withData(path);
    const other = new Database(path);
    other.exec('BEGIN EXCLUSIVE');
    try {
      const started = Date.now();
      const err = openError(path, { busyTimeoutMs: 200 });
      assert.ok(Date.now() - started >= 150, 'waited for the lock first');
      assert.equal(err.problem, 'locked');
      assert.ok(err.message.includes(path));
      assert.match(err.message, /locked/);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    const store = SqliteStore.open(path);
    assert.equal((await store.allSubscriptions()).length, 100, 'fine once the lock is gone');
    await store.close();
  } finally {
    cleanup();
  }
});

test('open errors: a file from a newer bot, and a folder where the file should be', async () => {
  const { dir, path, cleanup } = tempDb();
  try {
    await withData(path);
    const db = new Database(path);
    db.exec('UPDATE schema_version SET version = 99');
    db.close();
    const newer = openError(path);
    assert.equal(newer.problem, 'newer-schema');
    assert.match(newer.message, /schema version 99/);
    const folder = openError(dir);
    assert.equal(folder.problem, 'cannot-open');
    assert.ok(folder.message.includes(dir));
  } finally {
    cleanup();
  }
});
