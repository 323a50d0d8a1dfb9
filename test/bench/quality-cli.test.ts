import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_DATA_DIR, PROJECT_ROOT, listClusterIds } from '../../bench/eval-data.ts';

const run = promisify(execFile);
const quality = (args: string[]) => run(process.execPath, ['--import', 'tsx', 'bench/quality.ts', ...args], { cwd: PROJECT_ROOT });

test('bench:quality writes a summary per cluster of any folder, within the word budget', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'quality-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // Two clusters' documents without their references: nothing to score, so bench/results is left alone.
  const ids = listClusterIds(DEFAULT_DATA_DIR).slice(0, 2);
  for (const id of ids) cpSync(join(DEFAULT_DATA_DIR, 'clusters', id, 'docs'), join(dir, 'clusters', id, 'docs'), { recursive: true });

  const { stdout } = await quality(['--data', dir, '--out', join(dir, 'out'), '--words', '60']);
  assert.match(stdout, /engine time: summarizeTexts \d+ ms for 2 clusters/);
  assert.match(stdout, /no references/);
  assert.deepEqual(readdirSync(join(dir, 'out')).sort(), ids.map((id) => `${id}.txt`));
  for (const id of ids) {
    const sentences = readFileSync(join(dir, 'out', `${id}.txt`), 'utf8').trim().split('\n');
    const words = (lines: string[]) => lines.join(' ').split(/\s+/).filter(Boolean).length;
    assert.ok(sentences.length >= 2, `${id}: ${sentences.length} sentences`);
    // The last sentence may run past the budget (a scorer cuts it); those before it may not.
    assert.ok(words(sentences.slice(0, -1)) < 60, `${id}: ${words(sentences.slice(0, -1))} words before the last sentence`);
  }
});

test('bench:quality: a bad argument stops it with a message that names it', async () => {
  await assert.rejects(quality(['--words', '0']), (err: { code: number; stderr: string }) => {
    assert.equal(err.code, 1);
    assert.match(err.stderr, /--words must be a positive integer/);
    return true;
  });
});
