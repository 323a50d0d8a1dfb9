import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../../bench/eval-data.ts';
import type { FeedsRecord } from '../../bench/feeds.ts';
import { assertUsageError } from '../helpers/cli-failures.ts';

const run = promisify(execFile);
const feeds = (args: string[]) => run(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'bench/feeds.ts'), ...args], { cwd: PROJECT_ROOT, timeout: 120_000 });

test('bench:feeds follows a local news server: all ingested and answerable, then a round of 304s that changes nothing, then new items answerable', async () => {
  const { stdout, stderr } = await feeds(['--feeds', '20', '--items', '5', '--json']);
  const record = JSON.parse(stdout) as FeedsRecord;
  assert.deepEqual(record.problems, [], stderr);
  assert.equal(record.hosts.length, 8);
  assert.ok(record.hosts.every((h) => /^127\.0\.0\.[1-8]$/.test(h)));
  assert.equal(record.settings.FEEDS_CONCURRENCY, 4);
  assert.equal(record.settings.FEEDS_PER_HOST, 2);
  const [cold, unchanged, fresh] = record.rounds;

  assert.equal(cold!.requests, 20);
  assert.deepEqual(cold!.byStatus, { 200: 20 });
  assert.deepEqual(cold!.polls, { ok: 20 });
  assert.equal(cold!.articlesAdded, 100);
  assert.equal(cold!.corpusArticles, 100);
  assert.ok(cold!.answerItems > 0);
  assert.ok(cold!.storedMs! <= cold!.inCorpusMs! && cold!.inCorpusMs! <= cold!.answeredMs! && cold!.answeredMs! <= cold!.wallMs);
  for (const key of ['wallMs', 'cpuMs', 'bodyBytes', 'peakRssBytes', 'peakHeapUsedBytes'] as const) assert.ok(cold![key] > 0, `${key}: ${cold![key]}`);

  assert.equal(unchanged!.requests, 20);
  assert.deepEqual(unchanged!.byStatus, { 304: 20 });
  assert.deepEqual(unchanged!.polls, { 'not-modified': 20 });
  assert.equal(unchanged!.articlesAdded + unchanged!.articlesChanged, 0);
  assert.equal(unchanged!.bodyBytes, 0);
  assert.equal(unchanged!.corpusBuilds, 0);
  assert.equal(unchanged!.snapshotUnchanged, true);
  assert.ok(unchanged!.answerItems > 0);

  // One new item on a tenth of the feeds (feeds 0 and 10), about a place no one reported before.
  assert.deepEqual(fresh!.byStatus, { 200: 2, 304: 18 });
  assert.equal(fresh!.articlesAdded, 2);
  assert.equal(fresh!.corpusArticles, 102);
  assert.equal(fresh!.query, 'Reykjavik');
  assert.ok(fresh!.answerItems > 0 && fresh!.answeredMs! <= fresh!.wallMs);
});

test('bench:feeds prints a table on stdout by default; --help gives the usage; a bad flag exits 2 naming it', async () => {
  const { stdout } = await feeds(['--feeds', '3', '--items', '2', '--per-host', '1']);
  assert.match(stdout, /^3 feeds x 2 items .* on 3 loopback hosts \(127\.0\.0\.1 to 127\.0\.0\.3\)/);
  assert.match(stdout, /caps 4 fetches overall, 1 per host/);
  assert.match(stdout, /\| cold \| [\d.]+ \| 3 \| 3 \/ 0 \| 6 \/ 0 \|/);
  assert.match(stdout, /\| unchanged \| [\d.]+ \| 3 \| 0 \/ 3 \| 0 \/ 0 \| 0 \(0\.00\) \|/);
  assert.match(stdout, /unchanged: 3 of 3 requests answered 304; 0 articles changed; no corpus build/);

  const help = await feeds(['--help']);
  assert.match(help.stdout, /^usage: npm run bench:feeds -- \[--feeds N\]/);
  assert.match(help.stdout, /examples:\n  npm run bench:feeds\n/);
  assert.equal(help.stderr, '');
  for (const [args, message] of [
    [['--feeds', '0'], /--feeds must be a positive integer, got 0/],
    [['--per-host', 'two'], /--per-host must be a positive integer, got two/],
    [['--feed', '3'], /Unknown option '--feed'/],
  ] as const) {
    await assertUsageError(feeds([...args]), message);
  }
});
