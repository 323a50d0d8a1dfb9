import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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
  // Reader checks need no references: they run on any folder.
  assert.match(stdout, new RegExp(`Reader checks \\(bench/reader-checks\\.ts\\), ${ids.length} clusters, a budget of 60 words`));
  assert.match(stdout, /\| this engine \| \d+ \| \d+ \(\d+\) \| \d+\/3 \/ [\d.]+ \/ \d+ \| \d+ \| \d\/3 \/ n\/a \| \d+ \|/);
  assert.match(stdout, /this engine, topic digests \(\/summary of the top 3 topics of each cluster, 5 items \/ 120 words\): \d+ digests/);
  assert.doesNotMatch(stdout, /ROUGE/);
  assert.deepEqual(readdirSync(join(dir, 'out')).sort(), ids.map((id) => `${id}.txt`));
  for (const id of ids) {
    const sentences = readFileSync(join(dir, 'out', `${id}.txt`), 'utf8').trim().split('\n');
    const words = (lines: string[]) => lines.join(' ').split(/\s+/).filter(Boolean).length;
    assert.ok(sentences.length >= 2, `${id}: ${sentences.length} sentences`);
    assert.equal(new Set(sentences).size, sentences.length, `${id}: a sentence twice`);
    // Within the budget as a reader counts words: whole sentences, none past it.
    assert.ok(words(sentences) <= 60, `${id}: ${words(sentences)} words`);
  }
});

test('bench:quality with references: intervals, wins and losses, reader checks and --cv, written to quality.json', async (t) => {
  // In a copy of the project: a run with references and --cv writes bench/results/quality.json.
  const clone = projectWithNothingBeside();
  const resultsFile = join(clone.root, 'bench', 'results', 'quality.json');
  t.after(clone.cleanup);
  const dir = join(clone.root, 'data');
  const ids = writeNewsClusters(dir);
  for (const id of ids) {
    const firstFacts = readFileSync(join(dir, 'clusters', id, 'docs', 'wire.txt'), 'utf8').split('\n\n').slice(0, 2);
    mkdirSync(join(dir, 'clusters', id, 'refs'));
    writeFileSync(join(dir, 'clusters', id, 'refs', 'A.txt'), `${firstFacts.join('\n')}\n`);
  }
  // Without --cv the run prints its scores and leaves the file as it was, whole: it used to write one
  // without the cross-validation.
  const before = readFileSync(resultsFile, 'utf8');
  const plain = await quality(['--data', dir], clone.root);
  assert.match(plain.stdout, /95% bootstrap intervals/);
  assert.match(plain.stderr, /quality\.json left as it is: it is written with --cv/);
  assert.equal(readFileSync(resultsFile, 'utf8'), before);

  const { stdout } = await quality(['--data', dir, '--cv'], clone.root);
  assert.match(stdout, /95% bootstrap intervals \(10000 resamples of the 3 clusters, seed 2004/);
  assert.match(stdout, /\| this engine \| [\d.]+ \[[\d.]+, [\d.]+\] \| [\d.]+ \[[\d.]+, [\d.]+\] \|/);
  assert.match(stdout, /\| this engine \| \d+ \| \d+ \(\d+\) \| \d\/3 \/ [\d.]+ \/ \d+ \| \d+ \| \d\/3 \/ \d\/3 \| \d+ \|/);
  assert.match(stdout, /Two-fold cross-validation/);
  assert.match(stdout, /cross-validated ROUGE-1 \/ ROUGE-2 .*: [\d.]+ \/ [\d.]+/);
  const record = JSON.parse(readFileSync(resultsFile, 'utf8'));
  assert.deepEqual(record.intervals.map((i: { system: string }) => i.system), ['this engine']);
  // No published systems beside the copy: nothing to compare with cluster by cluster.
  assert.deepEqual(record.headToHead, []);
  assert.deepEqual(record.readerChecks.map((r: { system: string }) => r.system), ['this engine', 'this engine, topic digests']);
  assert.deepEqual(record.crossValidation.folds.map((f: { tunedOn: string[] }) => f.tunedOn.length), [2, 1]);
  // The defaults first, then each tuned constant moved alone: 13 settings, every one within the budget.
  assert.equal(record.crossValidation.variants[0].name, 'defaults');
  assert.equal(record.crossValidation.variants.length, 13);
  assert.deepEqual(record.crossValidation.heldOut.map((h: { clusterId: string }) => h.clusterId), ids);
  assert.match(stdout, /\| this engine, cross-validated \| [\d.]+ \[[\d.]+, [\d.]+\] \|/);
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
    [['--cv', '--grid', 'fine'], /--grid must be one or full, got fine/],
    [['--grid', 'full'], /--grid goes with --cv/],
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
