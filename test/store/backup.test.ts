import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { ROOT } from '../helpers/fixtures.ts';
import { tempDb } from './temp-db.ts';

const backup = (args: string[], dataDir: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/backup.ts', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATA_DIR: dataDir } });

test('backup: a copy taken while the bot holds the database open has its latest commits', async (t) => {
  const { dir, path, cleanup } = tempDb();
  t.after(cleanup);
  const running = SqliteStore.open(path);
  t.after(() => running.close());
  await running.addSubscription({ platform: 'discord', channel: 'C1', topic: 'ghazni', time: '07:30', timeZone: 'Asia/Kabul' }, new Date());

  const copy = join(dir, 'backups', 'digests.sqlite');
  const r = backup([copy], join(dir, 'data'));
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /backed up .*digests\.sqlite to .*backups/);

  const restored = SqliteStore.open(copy);
  t.after(() => restored.close());
  const subs = await restored.listSubscriptions({ platform: 'discord', channel: 'C1' });
  assert.deepEqual(subs.map((s) => [s.topic, s.time, s.timeZone]), [['ghazni', '07:30', 'Asia/Kabul']]);

  const again = backup([copy], join(dir, 'data'));
  assert.equal(again.status, 1);
  assert.match(again.stderr, /already exists/);
});

test('backup: usage errors exit 2 on stderr; --help prints usage', () => {
  const { dir, cleanup } = tempDb();
  try {
    const none = backup([], join(dir, 'data'));
    assert.equal(none.status, 2);
    assert.match(none.stderr, /give one file/);
    assert.equal(none.stdout, '');
    const unknown = backup(['--force', 'x.sqlite'], join(dir, 'data'));
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /--force/);
    const help = backup(['--help'], join(dir, 'data'));
    assert.equal(help.status, 0);
    assert.match(help.stdout, /usage: npm run backup -- FILE/);
    const missing = backup([join(dir, 'copy.sqlite')], join(dir, 'nothing-here'));
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /no database at .*nothing-here/);
  } finally {
    cleanup();
  }
});
