import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../../bench/eval-data.ts';

const run = promisify(execFile);

test('bench:speed measures a corpus end to end and writes the record the issue asks for', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'speed-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const out = join(dir, 'speed.json');
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'bench/speed.ts', '--sizes', '300', '--queries', '2', '--out', out], {
    cwd: PROJECT_ROOT,
    timeout: 120_000,
  });
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
