/**
 * Reading an evaluation folder laid out like the DUC 2004 copy in shared/:
 * `clusters/<id>/docs/*.txt`, optional `clusters/<id>/refs/*.txt`, optional
 * `reference-systems/<System>/<id>.txt`. The data stays outside the repository (DUC user agreement),
 * so everything here takes the folder as an argument.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root, found from this file so that scripts work from any working directory. */
export const PROJECT_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** The DUC 2004 task 2 development half, beside the project: `../shared/eval/duc2004-dev`. */
export const DEFAULT_DATA_DIR = resolve(PROJECT_ROOT, '../shared/eval/duc2004-dev');

/**
 * What a bench command says when a data folder has no clusters: where it looked and how to point it
 * elsewhere, since a fresh clone has no `shared/` beside it.
 */
export function missingDataMessage(dataDir: string): string {
  const which = dataDir === DEFAULT_DATA_DIR ? ' (the default: the DUC 2004 data, beside the project)' : '';
  return (
    `no clusters found under ${join(dataDir, 'clusters')}${which}. ` +
    'Point --data DIR at a folder laid out as DIR/clusters/<id>/docs/*.txt (references, if any, in DIR/clusters/<id>/refs/*.txt).'
  );
}

/** Systems whose published output the README scores, in the order of its table. */
export const REFERENCE_SYSTEMS = ['Lead', 'LexRank_sumy', 'LexRank', 'Centroid', 'ICSISumm', 'DPP'] as const;

/** One cluster: its documents and its human references (empty when the folder has none). */
export interface EvalCluster {
  id: string;
  docs: { id: string; text: string }[];
  refs: string[];
}

function textFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.txt'))
    .sort();
}

/** Cluster ids of a data folder, sorted; empty when it has no `clusters/`. */
export function listClusterIds(dataDir: string): string[] {
  const dir = join(dataDir, 'clusters');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Reads one cluster; a document's id is its file name without `.txt`. */
export function readCluster(dataDir: string, id: string): EvalCluster {
  const docsDir = join(dataDir, 'clusters', id, 'docs');
  const refsDir = join(dataDir, 'clusters', id, 'refs');
  return {
    id,
    docs: textFiles(docsDir).map((name) => ({
      id: name.slice(0, -'.txt'.length),
      text: readFileSync(join(docsDir, name), 'utf8'),
    })),
    refs: textFiles(refsDir).map((name) => readFileSync(join(refsDir, name), 'utf8')),
  };
}

/** A published system's summary of one cluster, or undefined when that file is missing. */
export function readSystemSummary(systemsDir: string, system: string, clusterId: string): string | undefined {
  const file = join(systemsDir, system, `${clusterId}.txt`);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/** System folders under a `reference-systems` folder: the README's order first, then any others. */
export function listSystems(systemsDir: string): string[] {
  if (!existsSync(systemsDir)) return [];
  const present = readdirSync(systemsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  const known: string[] = REFERENCE_SYSTEMS.filter((s) => present.includes(s));
  return [...known, ...present.filter((s) => !known.includes(s)).sort()];
}
