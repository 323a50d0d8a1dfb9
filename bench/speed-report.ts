/**
 * Presenting the speed figures: the markdown tables printed after a run, the target check, and
 * bench/results/speed.json, which keeps one record per size across runs of different sizes.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { QUERY_KINDS } from './speed-queries.ts';
import { TARGETS, machineInfo, type MachineInfo, type SpeedRecord } from './speed-record.ts';

export interface SpeedResults {
  machine: MachineInfo;
  targets: typeof TARGETS;
  notes: string[];
  records: SpeedRecord[];
}

export const NOTES = [
  'MB = 1,000,000 bytes. Load reads files just written, so from the page cache (warm); a cold disk is slower.',
  'Load = the bot\'s first load (LiveCorpus.reload()): list, read, parse, clean, split sentences, index and build the topic list, keeping a record per file for the next reload. The topic list is built inside every load; "/topics build" times building it again on the loaded corpus, "serve" the /topics command, which reads it from the snapshot.',
  'Peak RSS is the kernel high-water mark of a process that measured this size alone, over the load and the /summary queries; what that process held before loading is baselineRssBytes in the JSON, and rssGrowthPerCorpusByte leaves it out.',
  'Reload: the same LiveCorpus reloaded after 1% of the files changed, while it serves the loaded snapshot. It opens only files whose size, modification time or inode changed and reuses the analysis of the rest; the term index and topic list are rebuilt from the kept analyses. "files read" counts the files it opened; "peak RSS with reload" is the high-water mark of the whole run.',
];

const mb = (bytes: number | undefined) => (bytes === undefined ? '-' : (bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0));
const num = (value: number | undefined, digits = 1) => (value === undefined ? '-' : value.toFixed(digits));
const ms = (value: number | undefined) => (value === undefined ? '-' : value < 10 ? value.toFixed(1) : value.toFixed(0));
const count = (value: number) => value.toLocaleString('en-US');

function statusOf(r: SpeedRecord): string {
  if (r.error !== undefined) return ` (failed after stage "${r.stage}")`;
  return r.stage === 'reloaded' ? '' : ` (stopped after stage "${r.stage}")`;
}

/** The main table: one row per size. */
export function formatSpeedTable(records: readonly SpeedRecord[]): string {
  const lines = [
    '| articles | corpus MB | load s | load MB/s | peak RSS MB | RSS / corpus | /summary p50 / p95 / p99 ms | /topics build / serve ms | reload 1% s | reload files read / changed | peak RSS with reload MB |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of records) {
    lines.push(
      `| ${count(r.articles)}${statusOf(r)} | ${mb(r.corpusBytes)} | ${num(r.loadSeconds)} | ${num(r.loadMBps, 2)} | ${mb(r.peakRssBytes)} | ${num(r.rssPerCorpusByte)}x | ${ms(r.summaryP50Ms)} / ${ms(r.summaryP95Ms)} / ${ms(r.summaryP99Ms)} | ${ms(r.topicsBuildMs)} / ${r.topicsServeMs === undefined ? '-' : r.topicsServeMs.toFixed(3)} | ${num(r.reloadSeconds)} | ${r.reloadFilesRead === undefined ? '-' : `${count(r.reloadFilesRead)} / ${count(r.reloadChangedFiles ?? 0)}`} | ${mb(r.peakRssWithReloadBytes)} |`,
    );
  }
  return lines.join('\n');
}

/** /summary latency per query kind, with how many articles the query matched. */
export function formatKindTable(records: readonly SpeedRecord[]): string {
  const lines = ['| articles | query kind | articles matched | p50 ms | p95 ms | p99 ms | max ms |', '|---:|---|---:|---:|---:|---:|---:|'];
  for (const r of records) {
    for (const kind of QUERY_KINDS) {
      const k = r.summaryByKind?.[kind];
      if (!k) continue;
      const matched = kind === 'unknown' ? `0 (suggests ${k.suggestions})` : count(k.articlesMatched);
      lines.push(`| ${count(r.articles)} | ${kind} | ${matched} | ${ms(k.p50)} | ${ms(k.p95)} | ${ms(k.p99)} | ${ms(k.max)} |`);
    }
  }
  return lines.join('\n');
}

/** The issue's targets against the largest size measured (they are set for 100,000 articles). */
export function formatTargets(records: readonly SpeedRecord[]): string {
  const r = [...records].filter((x) => x.loadSeconds !== undefined).sort((a, b) => b.articles - a.articles)[0];
  if (!r) return 'No size got past loading; no target can be checked.';
  const mark = (ok: boolean | undefined) => (ok === undefined ? 'not measured' : ok ? 'met' : '**not met**');
  const reloadOk = r.reloadFilesRead === undefined ? undefined : r.reloadFilesRead <= (r.reloadChangedFiles ?? 0);
  const lines = [
    `Targets (set for 100,000 articles; checked at ${count(r.articles)}):`,
    '',
    '| target | measured | |',
    '|---|---:|---|',
    `| /summary p99 < ${TARGETS.summaryP99Ms} ms | ${ms(r.summaryP99Ms)} ms | ${mark(r.summaryP99Ms === undefined ? undefined : r.summaryP99Ms < TARGETS.summaryP99Ms)} |`,
    `| loading >= ${TARGETS.loadMBps} MB/s | ${num(r.loadMBps, 2)} MB/s | ${mark(r.loadMBps! >= TARGETS.loadMBps)} |`,
    `| peak RSS < ${TARGETS.rssPerCorpusByte}x corpus | ${num(r.rssPerCorpusByte)}x (${mb(r.peakRssBytes)} MB for ${mb(r.corpusBytes)} MB) | ${mark(r.rssPerCorpusByte === undefined ? undefined : r.rssPerCorpusByte < TARGETS.rssPerCorpusByte)} |`,
    `| reload ${TARGETS.reload} | ${r.reloadFilesRead === undefined ? '-' : `${count(r.reloadFilesRead)} files read for ${count(r.reloadChangedFiles ?? 0)} changed`} | ${mark(reloadOk)} |`,
  ];
  return lines.join('\n');
}

export function formatMachine(machine: MachineInfo): string {
  return `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${(machine.totalMemoryBytes / 2 ** 30).toFixed(0)} GiB, Node ${machine.node} (${machine.platform})${machine.nodeFlags.length ? `, flags ${machine.nodeFlags.join(' ')}` : ''}.`;
}

function formatEngine(records: readonly SpeedRecord[]): string {
  const revisions = [...new Set(records.map((r) => (r.engine ? `${r.engine.commit} + ${r.engine.uncommittedSrcFiles} uncommitted files under src/` : 'unknown')))];
  return `Engine: commit ${revisions.join('; ')}.`;
}

/** Everything printed after a run, as markdown. */
export function formatReport(records: readonly SpeedRecord[], machine: MachineInfo): string {
  return [
    `${formatMachine(machine)} ${formatEngine(records)}`,
    formatSpeedTable(records),
    formatKindTable(records),
    formatTargets(records),
    NOTES.map((n) => `- ${n}`).join('\n'),
  ].join('\n\n');
}

/**
 * Writes the records into the results file, keeping the records of sizes not run this time, so that
 * `--sizes 100000` run after `--sizes 1000,10000` leaves all three in one file.
 */
export function saveResults(file: string, records: readonly SpeedRecord[]): SpeedResults {
  let kept: SpeedRecord[] = [];
  if (existsSync(file)) {
    try {
      kept = (JSON.parse(readFileSync(file, 'utf8')) as SpeedResults).records ?? [];
    } catch {
      kept = []; // a broken results file is replaced, not a reason to lose this run
    }
  }
  const sizes = new Set(records.map((r) => r.articles));
  const merged = [...kept.filter((r) => !sizes.has(r.articles)), ...records].sort((a, b) => a.articles - b.articles);
  const results: SpeedResults = { machine: machineInfo(), targets: TARGETS, notes: NOTES, records: merged };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  return results;
}
