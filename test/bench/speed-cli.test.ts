import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../../bench/eval-data.ts';
import { assertMissingData, assertUsageError } from '../helpers/cli-failures.ts';
import { writeNewsClusters } from '../helpers/news-clusters.ts';
import { projectWithNothingBeside } from '../helpers/project-copy.ts';

const run = promisify(execFile);
const speed = (args: string[], cwd = PROJECT_ROOT) => run(process.execPath, ['--import', 'tsx', join(cwd, 'bench/speed.ts'), ...args], { cwd, timeout: 120_000 });

test('bench:speed measures a corpus end to end and writes the record the issue asks for', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'speed-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const out = join(dir, 'speed.json');
  writeNewsClusters(join(dir, 'data'));
  const { stdout } = await speed(['--sizes', '300', '--queries', '2', '--data', join(dir, 'data'), '--out', out]);
  assert.match(stdout, /\| articles \| corpus MB \| load s \| load MB\/s \| peak RSS MB/);
  assert.match(stdout, /\| 300 \|/);
  const { records } = JSON.parse(readFileSync(out, 'utf8')) as { records: Record<string, number>[] };
  assert.equal(records.length, 1);
  const [record] = records;
  assert.equal(record!.articles, 300);
  for (const key of ['corpusBytes', 'loadSeconds', 'loadMBps', 'peakRssBytes', 'summaryP50Ms', 'summaryP99Ms']) {
    assert.ok(Number.isFinite(record![key]) && record![key]! > 0, `${key}: ${record![key]}`);
  }
  assert.ok(record!.summaryP99Ms! >= record!.summaryP50Ms!);
  // What decides the p99, named: the five slowest of the eight queries, slowest first.
  const slowest = (record as unknown as { summarySlowest: { kind: string; topic: string; ms: number }[] }).summarySlowest;
  assert.equal(slowest.length, 5);
  assert.equal(slowest[0]!.ms, record!.summaryMaxMs);
  assert.ok(slowest.every((q, i) => q.topic.length > 0 && (i === 0 || q.ms <= slowest[i - 1]!.ms)));
  assert.ok(Math.abs(record!.loadMBps! - record!.corpusBytes! / 1e6 / record!.loadSeconds!) < 0.01 * record!.loadMBps!);
  // Another process changed 1% of the files, and the reload read those and no others.
  assert.equal(record!.reloadChangedFiles, 3);
  assert.equal(record!.reloadFilesRead, 3);
  assert.ok(record!.peakRssBeforeReloadBytes! > 0 && record!.peakRssBeforeReloadBytes! <= record!.peakRssWithReloadBytes!);
});

test('bench:speed --help prints the usage with examples on stdout', async () => {
  const { stdout, stderr } = await speed(['--help']);
  assert.match(stdout, /^usage: npm run bench:speed -- \[--sizes N,N,...\]/);
  assert.match(stdout, /examples:\n  npm run bench:speed\n/);
  assert.equal(stderr, '');
});

test('bench:speed: a usage error names the flag on stderr and exits 2, with or without data beside it', async (t) => {
  // In a clone with nothing beside it too: there a flag must still be judged before the data.
  const clone = projectWithNothingBeside();
  t.after(clone.cleanup);
  for (const [args, message] of [
    [['--sizes', '0'], /--sizes: expected positive whole numbers/],
    [['--queries', 'many'], /--queries must be a positive integer, got many/],
    [['--size', '300'], /Unknown option '--size'/],
  ] as const) {
    await assertUsageError(speed([...args]), message);
    await assertUsageError(speed([...args], clone.root), message);
  }
});

test('bench:speed in a clone with no DUC data beside it says where it looked and how to point it elsewhere', async (t) => {
  const clone = projectWithNothingBeside();
  t.after(clone.cleanup);
  await assertMissingData(speed([], clone.root), 'bench:speed');
});
