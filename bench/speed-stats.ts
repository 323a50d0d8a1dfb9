/**
 * Measuring helpers for the speed benchmark: latency percentiles, peak memory, file reads.
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join, resolve, sep } from 'node:path';

/** Percentiles of a set of latencies, in milliseconds. */
export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of ascending values: p99 of 200 queries is the 198th slowest, not an interpolation. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

/** Milliseconds to two decimals, as every latency in the results is written. */
export const roundMs = (ms: number) => Math.round(ms * 100) / 100;

export function summarizeLatencies(values: readonly number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, v) => sum + v, 0) / Math.max(1, sorted.length);
  return {
    count: sorted.length,
    p50: roundMs(percentile(sorted, 50)),
    p95: roundMs(percentile(sorted, 95)),
    p99: roundMs(percentile(sorted, 99)),
    max: roundMs(sorted[sorted.length - 1] ?? Number.NaN),
    mean: roundMs(mean),
  };
}

/** The kernel's high-water mark of this process's resident memory, in bytes (ru_maxrss is in KiB on Linux). */
export function osPeakRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}

/**
 * Samples process.memoryUsage() on an interval and keeps the maxima. The loader yields to the event
 * loop between read slices, but building the index is one synchronous stretch, so the interval
 * misses peaks inside it: call `sample()` at checkpoints too, and prefer {@link osPeakRssBytes} for RSS.
 */
export class MemorySampler {
  peakRss = 0;
  peakHeapUsed = 0;
  peakHeapTotal = 0;
  samples = 0;
  #timer: NodeJS.Timeout | undefined;

  start(intervalMs = 25): this {
    this.sample();
    this.#timer = setInterval(() => this.sample(), intervalMs);
    this.#timer.unref();
    return this;
  }

  sample(): void {
    const usage = process.memoryUsage();
    this.peakRss = Math.max(this.peakRss, usage.rss);
    this.peakHeapUsed = Math.max(this.peakHeapUsed, usage.heapUsed);
    this.peakHeapTotal = Math.max(this.peakHeapTotal, usage.heapTotal);
    this.samples++;
  }

  stop(): void {
    this.sample();
    clearInterval(this.#timer);
  }
}

/**
 * Counts files opened below `dir` until `stop()`: how many files a reload really reads. Wraps
 * fs.openSync (the loader's only way to open a file) and republishes it to ES module importers.
 */
export function countOpens(dir: string): { stop(): number } {
  const root = resolve(dir) + sep;
  const original = fs.openSync;
  let count = 0;
  fs.openSync = ((path: fs.PathLike, ...rest: unknown[]) => {
    if (resolve(String(path)).startsWith(root)) count++;
    return (original as (...args: unknown[]) => number)(path, ...rest);
  }) as typeof fs.openSync;
  syncBuiltinESMExports();
  return {
    stop() {
      fs.openSync = original;
      syncBuiltinESMExports();
      return count;
    },
  };
}

export interface CorpusStats {
  files: number;
  bytes: number;
  formats: { txt: number; md: number; html: number; json: number };
}

/** Files, bytes and files per format below `dir`. */
export function corpusStats(dir: string): CorpusStats {
  const stats: CorpusStats = { files: 0, bytes: 0, formats: { txt: 0, md: 0, html: 0, json: 0 } };
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    stats.files++;
    stats.bytes += fs.statSync(join(entry.parentPath, entry.name)).size;
    const ext = entry.name.slice(entry.name.lastIndexOf('.') + 1) as keyof CorpusStats['formats'];
    if (ext in stats.formats) stats.formats[ext]++;
  }
  return stats;
}
