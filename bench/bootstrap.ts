/**
 * How sure a mean over 25 clusters is, and where two systems differ: percentile bootstrap intervals
 * over clusters and cluster-by-cluster wins and losses. A system's score is a mean of per-cluster
 * scores, and the clusters are a sample of news events: resampling them (with replacement, the same
 * resamples for every system, from a fixed seed) shows how much the mean would move on another 25.
 */
import { createRandom } from './speed-random.ts';

/** Resamples drawn, and the seed they are drawn from: fixed, so a figure is the same on every run. */
export const BOOTSTRAP_RESAMPLES = 10_000;
export const BOOTSTRAP_SEED = 2004;

/** A mean and its 95% percentile interval. */
export interface Interval {
  mean: number;
  low: number;
  high: number;
}

/**
 * `resamples` draws of `n` indexes in [0, n), with replacement, each draw a row. Shared by every
 * system scored on the same clusters, so their intervals (and differences) come from the same draws.
 */
export function resampleIndexes(n: number, resamples = BOOTSTRAP_RESAMPLES, seed = BOOTSTRAP_SEED): Int32Array[] {
  const random = createRandom(seed);
  return Array.from({ length: resamples }, () => {
    const row = new Int32Array(n);
    for (let i = 0; i < n; i++) row[i] = random.int(0, n - 1);
    return row;
  });
}

const mean = (values: readonly number[]) => values.reduce((s, v) => s + v, 0) / (values.length || 1);

/** The value below which a share `q` of the sorted values lie (linear between neighbours). */
function quantile(sorted: readonly number[], q: number): number {
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

/** The mean of per-cluster values and its 95% percentile bootstrap interval over the given draws. */
export function bootstrapInterval(values: readonly number[], draws: readonly Int32Array[]): Interval {
  const means = draws.map((row) => {
    let sum = 0;
    for (const i of row) sum += values[i]!;
    return sum / row.length;
  });
  means.sort((a, b) => a - b);
  return { mean: mean(values), low: quantile(means, 0.025), high: quantile(means, 0.975) };
}

/** Per-cluster comparison of two systems: clusters where the first scores higher, lower, the same. */
export interface WinsLosses {
  wins: number;
  losses: number;
  ties: number;
  /** Mean of (first - second) and its bootstrap interval: a difference whose interval spans 0 is not shown to be one. */
  difference: Interval;
}

export function winsLosses(first: readonly number[], second: readonly number[], draws: readonly Int32Array[]): WinsLosses {
  let wins = 0;
  let losses = 0;
  let ties = 0;
  const differences = first.map((v, i) => v - second[i]!);
  for (const d of differences) {
    // Scores are ratios of small counts: a difference below 1e-9 is the same score.
    if (d > 1e-9) wins++;
    else if (d < -1e-9) losses++;
    else ties++;
  }
  return { wins, losses, ties, difference: bootstrapInterval(differences, draws) };
}
