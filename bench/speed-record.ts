/**
 * The shape of one size's speed figures (a line of bench/results/speed.json), and the machine
 * they were measured on.
 */
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { PROJECT_ROOT } from './eval-data.ts';
import type { LatencySummary } from './speed-stats.ts';
import type { QueryKind } from './speed-queries.ts';
import type { Format } from './speed-formats.ts';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  totalMemoryBytes: number;
  node: string;
  platform: string;
  /** The process's Node flags: how V8 runs (its pool size, say) changes the figures. */
  nodeFlags: string[];
}

export function machineInfo(): MachineInfo {
  const cpu = cpus();
  return {
    cpuModel: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    totalMemoryBytes: totalmem(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    nodeFlags: process.execArgv,
  };
}

/** Which engine was measured: the commit, and how many files under src/ differed from it. */
export interface EngineRevision {
  commit: string;
  uncommittedSrcFiles: number;
}

export function engineRevision(): EngineRevision {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const changed = git('status', '--porcelain', '--', 'src').split('\n').filter(Boolean).length;
    return { commit: git('rev-parse', '--short', 'HEAD').trim(), uncommittedSrcFiles: changed };
  } catch {
    return { commit: 'unknown', uncommittedSrcFiles: 0 }; // not a git checkout: figures still count
  }
}

/** The stages of a run, in order: a run that died says how far it got. */
export type Stage = 'started' | 'loaded' | 'queried' | 'reloaded';

/** Figures for one corpus size. Sizes are bytes, times seconds or milliseconds as named. */
export interface SpeedRecord {
  articles: number;
  seed: number;
  stage: Stage;
  error?: string;
  files?: number;
  formats?: Record<Format, number>;
  corpusBytes?: number;
  generateSeconds?: number;
  /** The bot's first load (LiveCorpus.reload): list, read, parse, clean, split, index, topics. */
  loadSeconds?: number;
  /** corpusBytes / 1e6 / loadSeconds. */
  loadMBps?: number;
  articlesLoaded?: number;
  sentences?: number;
  /** Files the loader skipped or found duplicate: 0 for a sound corpus. */
  notLoaded?: number;
  baselineRssBytes?: number;
  /** Highest resident memory while loading and answering queries (kernel high-water mark). */
  peakRssBytes?: number;
  peakHeapUsedBytes?: number;
  heapUsedAfterLoadBytes?: number;
  /** peakRssBytes / corpusBytes. */
  rssPerCorpusByte?: number;
  /** (peakRssBytes - baselineRssBytes) / corpusBytes: without Node's and the engine's fixed start-up memory. */
  rssGrowthPerCorpusByte?: number;
  /** Building the topic list again on the loaded corpus; it is part of every load. */
  topicsBuildMs?: number;
  topicsCount?: number;
  /** Answering /topics: the list is read from the snapshot. */
  topicsServeMs?: number;
  summaryQueries?: number;
  summaryP50Ms?: number;
  summaryP95Ms?: number;
  summaryP99Ms?: number;
  summaryMaxMs?: number;
  /** The slowest queries, slowest first: what decides the p99, to look into (--trace-gc) when it moves. */
  summarySlowest?: { kind: QueryKind; topic: string; ms: number }[];
  summaryByKind?: Record<QueryKind, LatencySummary & { articlesMatched: number; items: number; suggestions: number }>;
  /** LiveCorpus.reload() after changeShare of the files changed. */
  reloadSeconds?: number;
  changeShare?: number;
  reloadChangedFiles?: number;
  /** What the reload report called changed: should equal reloadChangedFiles. */
  reloadReportedChanged?: number;
  /** Files the reload opened: only new or changed ones (by size, modification time and inode). */
  reloadFilesRead?: number;
  /** Kernel high-water mark after the reload, when old and new snapshot are both alive. */
  peakRssWithReloadBytes?: number;
  /** Kernel high-water mark as the reload starts, once the files are changed: what came before it. */
  peakRssBeforeReloadBytes?: number;
  /** The machine's 1-minute load average when loading began and when queries ended: other work shares the cores. */
  loadAverageAtLoad?: number;
  loadAverageAfterQueries?: number;
  measuredAt: string;
  machine: MachineInfo;
  engine: EngineRevision;
}

/** Targets from the project issue, checked at 100,000 articles. */
export const TARGETS = {
  summaryP99Ms: 100,
  loadMBps: 30,
  rssPerCorpusByte: 3,
  reload: 'reads only the changed files',
} as const;
