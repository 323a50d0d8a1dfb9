// Node 20's test runner neither expands globs nor finds .ts files in a folder, so list them here.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { postgresBinDir, startThrowawayPostgres, stopThrowawayPostgres } from './throwaway-postgres.mjs';

const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['test'];
const files = [];
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (entry.name.endsWith('.test.ts')) files.push(path);
  }
};
for (const root of roots) {
  if (root.endsWith('.test.ts')) files.push(root);
  else walk(root);
}
if (files.length === 0) {
  console.error(`no test files found under ${roots.join(', ')}`);
  process.exit(1);
}
files.sort();

// One throwaway PostgreSQL for every test file of the run, rather than one per file (see
// test/store/pg-database.ts), unless TEST_DATABASE_URL names a server already.
const env = { ...process.env };
let pgDir;
if (!env.TEST_DATABASE_URL && postgresBinDir()) {
  pgDir = mkdtempSync(join(tmpdir(), 'digest-pg-'));
  env.TEST_DATABASE_URL = await startThrowawayPostgres(pgDir);
}
const run = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit', env });
if (pgDir) stopThrowawayPostgres(pgDir);
process.exit(run.status ?? 1);
