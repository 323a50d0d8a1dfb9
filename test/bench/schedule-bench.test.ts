import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../../bench/eval-data.ts';
import type { ScheduleRecord } from '../../bench/schedule.ts';
import { assertUsageError } from '../helpers/cli-failures.ts';
import { testPostgres } from '../store/pg-database.ts';

const run = promisify(execFile);
const schedule = (args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'bench/schedule.ts'), ...args], { cwd: PROJECT_ROOT, timeout: 240_000, env: { ...process.env, ...env } });

test('bench:schedule at a tiny size: every digest posted once through the rate-limited fake Discord by 1 process on SQLite, 1 and 3 on PostgreSQL', async () => {
  const server = await testPostgres();
  const env: Record<string, string> = 'url' in server ? { TEST_DATABASE_URL: server.url } : {};
  const { stdout, stderr } = await schedule(['--subscriptions', '20', '--json'], env);
  const record = JSON.parse(stdout) as ScheduleRecord;
  assert.equal(record.subscriptions, 20);
  const expected = 'url' in server ? ['sqlite', 'pg', 'pg3'] : ['sqlite'];
  assert.deepEqual(record.cases.map((c) => c.case), expected, stderr);
  if ('skip' in server) assert.deepEqual(record.skipped.map((s) => s.case), ['pg', 'pg3']);
  for (const c of record.cases) {
    assert.deepEqual(c.problems, [], `${c.label}: ${stderr}`);
    assert.equal(c.channels, 4);
    assert.equal(c.digestsPosted, 20);
    assert.equal(c.messagesPosted, 20);
    assert.equal(c.duplicates, 0);
    assert.equal(c.perProcess.length, c.case === 'pg3' ? 3 : 1);
    assert.equal(c.perProcess.reduce((n, p) => n + p.claimsWon, 0), 20, 'each digest claimed once across the processes');
    assert.ok(c.allPostedMs! >= c.firstPostMs! && c.firstPostMs! >= 0);
    assert.ok(c.byStatus['200']! >= 20);
    for (const p of c.perProcess) assert.ok(p.storeShare >= 0 && p.storeShare <= 1, `${p.storeShare}`);
    assert.ok(c.perProcess.some((p) => p.storeBusyMs > 0 && (p.storeCalls.claim?.count ?? 0) > 0));
    assert.equal(c.serverActiveMs !== undefined, c.case !== 'sqlite');
  }
});

test('bench:schedule prints a table by default; --help gives the usage; a bad flag exits 2 naming it', async () => {
  const { stdout } = await schedule(['--subscriptions', '3', '--cases', 'sqlite']);
  assert.match(stdout, /^3 subscriptions due in the same minute, 5 topics per channel/);
  assert.match(stdout, /\| 1 process, SQLite \| [\d.]+ \| [\d.]+ \| 3 \/ 3 \| 0 \|/);

  const help = await schedule(['--help']);
  assert.match(help.stdout, /^usage: npm run bench:schedule -- \[--subscriptions N\]/);
  assert.equal(help.stderr, '');
  for (const [args, message] of [
    [['--subscriptions', '0'], /--subscriptions must be a positive integer, got 0/],
    [['--cases', 'sqlite,mysql'], /--cases: unknown case "mysql"; the cases are sqlite, pg, pg3/],
    [['--subscription', '3'], /Unknown option '--subscription'/],
  ] as const) {
    await assertUsageError(schedule([...args]), message);
  }
});
