import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../../bench/eval-data.ts';
import { figureValue, judge, readLabelFile, type PairLabel } from '../../bench/disagreement-labels.ts';
import { fileOrderDates } from '../../bench/file-order-dates.ts';
import { assertMissingData, assertUsageError } from '../helpers/cli-failures.ts';
import { projectWithNothingBeside } from '../helpers/project-copy.ts';

const run = promisify(execFile);
const bench = (args: string[], cwd = PROJECT_ROOT) => run(process.execPath, ['--import', 'tsx', join(cwd, 'bench/disagreements.ts'), ...args], { cwd });

test('bench:disagreements reads figures as the labels write them', () => {
  const table: [string, number][] = [['at least 60', 60], ['Sixty-seven', 67], ['$4.2 billion', 4.2], ['11th', 11], ['124-member', 124], ['10 / tenth', 10], ['1,200 miles', 1200], ['ninth', 9]];
  for (const [written, value] of table) assert.equal(figureValue(written), value, written);
});

test('bench:disagreements judges a line by every pair of figures it sets against each other', () => {
  const label = (a: string, b: string, verdict: PairLabel['label']): PairLabel => ({
    cluster: 'c',
    a: { docs: [`${a}.txt`], figure: a },
    b: { docs: [`${b}.txt`], figure: b },
    label: verdict,
    reason: '',
  });
  const labels = [label('60', '65', 'update'), label('60', '70', 'conflict'), label('65', '70', 'conflict')];
  const flag = (kind: string, ...values: string[]) => ({ cluster: 'c', leader: `${values[0]}.txt`, about: 'dead', kind, claims: values.map((v) => ({ value: v, docs: [`${v}.txt`] })) });
  assert.equal(judge(labels, flag('differ', '60', '70')).judgement, 'right');
  assert.equal(judge(labels, flag('differ', '60', '65')).judgement, 'wrong', 'an update shown as a disagreement');
  assert.equal(judge(labels, flag('rose', '60', '65')).judgement, 'right');
  assert.equal(judge(labels, flag('differ', '60', '65', '70')).judgement, 'wrong', 'one pair wrong is the whole line wrong');
  assert.equal(judge(labels, flag('differ', '60', '65'), true).judgement, 'right', 'as a comparison, the same quantity');
  assert.equal(judge(labels, flag('differ', '60', '80')).judgement, 'unlabelled');
  // Where the articles say which value came first, a line that has it the other way round is wrong.
  const first65 = [{ ...label('65', '60', 'update'), earlier: 'a' as const }];
  assert.equal(judge(first65, flag('fell', '65', '60')).judgement, 'right');
  assert.equal(judge(first65, flag('rose', '60', '65')).judgement, 'wrong', 'told backwards');
  assert.equal(judge(first65, flag('rose', '60', '65'), true).judgement, 'right', 'as a comparison, order does not count');
});

test('bench:disagreements dates DUC files by their order up to the latest, which the Lead baseline names', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'file-order-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const texts = ['A fire killed 60 people on Friday.', 'A fire killed 65 people, police said on Friday.', 'Police backed off to 60 on Saturday.', 'An editorial on Sunday.'];
  assert.deepEqual(fileOrderDates(dir, 'c', texts), [undefined, undefined, undefined, undefined], 'no Lead: no order is known');
  mkdirSync(join(dir, 'reference-systems', 'Lead'), { recursive: true });
  // The Lead is the start of the latest file, its whitespace as the baseline wrote it.
  writeFileSync(join(dir, 'reference-systems', 'Lead', 'c.txt'), 'Police backed off\nto 60 on');
  const dates = fileOrderDates(dir, 'c', texts);
  assert.equal(dates[3], undefined, 'after the latest: another service, at times the order does not tell');
  const times = dates.slice(0, 3).map((d) => Date.parse(d!));
  assert.ok(times[0]! < times[1]! && times[1]! < times[2]!, 'in file order');
});

test('bench:disagreements: the labelled set has at least 60 lines from real clusters, every one judged', () => {
  const { labels, flags } = readLabelFile(join(PROJECT_ROOT, 'bench', 'disagreement-labels.json'));
  assert.ok(flags.length >= 60, `${flags.length} flags`);
  assert.ok(flags.some((f) => f.code === 'before') && flags.some((f) => f.code === 'after'));
  for (const f of flags) assert.notEqual(judge(labels, f, f.scope === 'compared').judgement, 'unlabelled', JSON.stringify(f));
});

test('bench:disagreements --help prints the usage on stdout', async () => {
  const { stdout, stderr } = await bench(['--help']);
  assert.match(stdout, /^usage: npm run bench:disagreements -- \[--data DIR\]/);
  assert.equal(stderr, '');
});

test('bench:disagreements: a bad flag is a usage error; no DUC data beside the project exits 1 saying where it looked', async (t) => {
  const clone = projectWithNothingBeside();
  t.after(clone.cleanup);
  for (const root of [PROJECT_ROOT, clone.root]) await assertUsageError(bench(['--topics', '0'], root), /--topics must be a positive integer, got 0/);
  await assertMissingData(bench([], clone.root), 'bench:disagreements');
});

test('bench:disagreements runs on any folder of clusters and reports every scope', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'disagreements-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const docs = join(dir, 'clusters', 'c-fire', 'docs');
  mkdirSync(docs, { recursive: true });
  writeFileSync(join(docs, 'D01.txt'), 'A fire in the Goteborg dance hall killed 60 people on Friday, police said. Rescue teams searched the ruins.');
  writeFileSync(join(docs, 'D02.txt'), 'A fire in the Goteborg dance hall killed 65 people on Friday, police said. Families waited outside.');
  // The Lead baseline names D02 the latest: D01 came first.
  mkdirSync(join(dir, 'reference-systems', 'Lead'), { recursive: true });
  writeFileSync(join(dir, 'reference-systems', 'Lead', 'c-fire.txt'), 'A fire in the Goteborg dance hall killed 65 people');
  const labels = join(dir, 'labels.json');
  writeFileSync(labels, JSON.stringify({ labels: [{ cluster: 'c-fire', a: { docs: ['D01.txt'], figure: '60' }, b: { docs: ['D02.txt'], figure: '65' }, label: 'update', earlier: 'a', reason: 'two versions' }], flags: [] }));
  const { stdout } = await bench(['--data', dir, '--labels', labels, '--topics', '2', '--json']);
  const report = JSON.parse(stdout) as { scopes: Record<string, { flags: number; right: number }>; recall: Record<string, { found: number; of: number }> };
  assert.deepEqual(Object.keys(report.scopes), ['digests', 'sentences', 'datedDigests', 'dated', 'compared']);
  assert.equal(report.scopes.digests!.flags, 0, 'undated: nothing shown');
  assert.deepEqual([report.scopes.compared!.flags, report.scopes.compared!.right], [2, 2], 'at one instant each toll is set against the other, the same quantity');
  assert.deepEqual(report.recall.compared, { found: 1, of: 1, conflicts: '0/0', updates: '1/1' });
  assert.deepEqual([report.scopes.dated!.flags, report.scopes.dated!.right], [2, 2], 'dated by file order: the toll rose from 60 to 65, under either sentence');
});
