import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../../bench/eval-data.ts';
import { assertMissingData, assertUsageError } from '../helpers/cli-failures.ts';
import { writeNewsClusters } from '../helpers/news-clusters.ts';
import { projectWithNothingBeside } from '../helpers/project-copy.ts';

const run = promisify(execFile);
const quality = (args: string[], cwd = PROJECT_ROOT) => run(process.execPath, ['--import', 'tsx', join(cwd, 'bench/quality.ts'), ...args], { cwd });

test('bench:quality writes a summary per cluster of any folder, within the word budget', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'quality-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // Clusters without references: nothing to score, so bench/results is left alone.
  const ids = writeNewsClusters(dir);

  const { stdout, stderr } = await quality(['--data', dir, '--out', join(dir, 'out'), '--words', '60']);
  assert.match(stdout, new RegExp(`engine time: summarizeTexts \\d+ ms for ${ids.length} clusters`));
  assert.match(stderr, /no references/);
  assert.deepEqual(readdirSync(join(dir, 'out')).sort(), ids.map((id) => `${id}.txt`));
  for (const id of ids) {
    const sentences = readFileSync(join(dir, 'out', `${id}.txt`), 'utf8').trim().split('\n');
    const words = (lines: string[]) => lines.join(' ').split(/\s+/).filter(Boolean).length;
    assert.ok(sentences.length >= 2, `${id}: ${sentences.length} sentences`);
    assert.equal(new Set(sentences).size, sentences.length, `${id}: a sentence twice`);
    // The last sentence may run past the budget (a scorer cuts it); those before it may not.
    assert.ok(words(sentences.slice(0, -1)) < 60, `${id}: ${words(sentences.slice(0, -1))} words before the last sentence`);
  }
});

test('bench:quality --help prints the usage with examples on stdout', async () => {
  const { stdout, stderr } = await quality(['--help']);
  assert.match(stdout, /^usage: npm run bench:quality -- \[--data DIR\]/);
  assert.match(stdout, /examples:\n  npm run bench:quality\n/);
  assert.equal(stderr, '');
});

test('bench:quality: a usage error names the flag on stderr and exits 2, with or without data beside it', async (t) => {
  // In a clone with nothing beside it too: there a flag must still be judged before the data.
  const clone = projectWithNothingBeside();
  t.after(clone.cleanup);
  for (const [args, message] of [
    [['--words', '0'], /--words must be a positive integer, got 0/],
    [['--wrods', '60'], /Unknown option '--wrods'/],
    [['--words'], /'--words <value>' argument missing/],
  ] as const) {
    await assertUsageError(quality([...args]), message);
    await assertUsageError(quality([...args], clone.root), message);
  }
});

test('bench:quality in a clone with no DUC data beside it says where it looked and how to point it elsewhere', async (t) => {
  const clone = projectWithNothingBeside();
  t.after(clone.cleanup);
  await assertMissingData(quality([], clone.root), 'bench:quality');
});
