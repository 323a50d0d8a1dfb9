/**
 * Reads a V8 CPU profile (the .cpuprofile format of `node --cpu-prof` and the inspector) into the
 * functions that took the time: self time (the function's own code) and total time (with callees).
 */
import { findSourceMap } from 'node:module';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT_ROOT } from './eval-data.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

/** The parts of a V8 CPU profile this reads. */
export interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
}

export interface Hotspot {
  /** "name (file:line)", the line (1-based) in the TypeScript source where a source map says so. */
  function: string;
  selfMs: number;
  selfShare: number;
  totalMs: number;
  totalShare: number;
}

function where(url: string, line: number, column: number): string {
  if (url === '') return '';
  let file = url;
  if (url.startsWith('file://')) {
    const path = fileURLToPath(url);
    file = path.startsWith(PROJECT_ROOT) ? relative(PROJECT_ROOT, path) : path;
    // tsx compiles each file to one line; its source map leads back to the TypeScript line.
    const entry = findSourceMap(url)?.findEntry(line, column);
    if (entry && 'originalLine' in entry) line = entry.originalLine;
  }
  return `${file}:${line + 1}`;
}

const label = (node: ProfileNode) => {
  const { functionName, url, lineNumber, columnNumber } = node.callFrame;
  const at = where(url, lineNumber, columnNumber);
  return at === '' ? functionName || '(anonymous)' : `${functionName || '(anonymous)'} (${at})`;
};

/**
 * Time per function, heaviest first. A function on the stack twice (recursion) counts once in its
 * total, so totals never exceed 100 %.
 */
export function hotspots(profile: CpuProfile): Hotspot[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let all = 0;
  samples.forEach((id, i) => {
    // timeDeltas[i] is the time before sample i; the time until the next sample is what sample i stands for.
    const us = deltas[i + 1] ?? 0;
    all += us;
    const node = byId.get(id)!;
    self.set(label(node), (self.get(label(node)) ?? 0) + us);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = label(byId.get(at)!);
      if (seen.has(name)) continue;
      seen.add(name);
      total.set(name, (total.get(name) ?? 0) + us);
    }
  });
  const share = (us: number) => (all === 0 ? 0 : us / all);
  return [...total.keys()]
    .filter((name) => name !== '(root)')
    .map((name) => ({ function: name, selfMs: (self.get(name) ?? 0) / 1000, selfShare: share(self.get(name) ?? 0), totalMs: total.get(name)! / 1000, totalShare: share(total.get(name)!) }))
    .sort((a, b) => b.selfMs - a.selfMs);
}

const pct = (share: number) => `${(share * 100).toFixed(1)} %`;

/** Two markdown tables: the top functions by self time, and the project's own functions by total time. */
export function formatHotspots(title: string, spots: readonly Hotspot[], top = 15): string {
  const bySelf = spots.slice(0, top);
  const own = spots.filter((s) => s.function.includes('(src/')).sort((a, b) => b.totalMs - a.totalMs).slice(0, top);
  const row = (s: Hotspot) => `| ${s.function.replaceAll('|', '\\|')} | ${s.selfMs.toFixed(0)} | ${pct(s.selfShare)} | ${s.totalMs.toFixed(0)} | ${pct(s.totalShare)} |`;
  const head = '| function (file:line) | self ms | self | total ms | total |\n|---|---:|---:|---:|---:|';
  return [`### ${title}: top ${top} by self time`, head, ...bySelf.map(row), '', `### ${title}: project functions by total time`, head, ...own.map(row)].join('\n');
}
