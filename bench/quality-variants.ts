/**
 * The engine settings `npm run bench:quality -- --cv` compares by two-fold cross-validation
 * (cross-validation.ts): the values in `GRID` of generic selection's tuned constants
 * (src/core/summarize/tuning.ts), one constant at a time (`--grid one`, the default) or every
 * combination (`--grid full`), the current defaults first (ties go to the first listed), each at
 * the benchmark's budget, so every variant keeps the budget as a reader counts it. The values are
 * the default and one step either side of it, a step large enough to change summaries: a finer
 * grid has more ways to fit the half it is tuned on.
 */
import type { Engine } from '../src/core/index/engine.ts';
import type { Corpus } from '../src/core/index/snapshot.ts';
import { GENERIC_TUNING, type GenericTuning } from '../src/core/summarize/tuning.ts';
import { clusterCorpus, genericDigest } from './engine-digests.ts';
import type { EvalCluster } from './eval-data.ts';
import type { Variant } from './cross-validation.ts';

/** The values tried for each constant, the default among them. */
export const GRID: { readonly [K in keyof GenericTuning]: readonly number[] } = {
  // How the main development is chosen: per word (1), per word^0.75, per word^0.5.
  mainLengthExponent: [0.5, 0.75, 1],
  // ICSI's 3 documents, or one fewer or more, before a concept counts.
  minDocuments: [2, 3, 4],
  // A lead mention counts 1, 2 or 3 times a late one.
  leadWeight: [0, 1, 2],
  // How alike two items may read (word cosine) before the later goes.
  repeats: [0.4, 0.5, 0.6],
  // The share of event words that makes two sentences one event.
  sameEventShare: [0.4, 0.5, 0.6],
  // The shortest sentence taken.
  minWords: [8, 10, 12],
};

/** Every combination of `grid`'s values, `defaults` first, each once. */
export function combinations(grid: { readonly [K in keyof GenericTuning]?: readonly number[] }, defaults: Readonly<GenericTuning> = GENERIC_TUNING): Partial<GenericTuning>[] {
  let all: Partial<GenericTuning>[] = [{}];
  for (const [key, values] of Object.entries(grid) as [keyof GenericTuning, readonly number[]][]) {
    // The default value first, so the first combination is all defaults.
    const ordered = [defaults[key], ...values.filter((v) => v !== defaults[key])];
    all = all.flatMap((c) => ordered.map((v) => ({ ...c, [key]: v })));
  }
  return all;
}

/** What a variant is called: the constants it sets apart from the defaults, or "defaults". */
export function variantName(tuning: Partial<GenericTuning>, defaults: Readonly<GenericTuning> = GENERIC_TUNING): string {
  const changed = (Object.entries(tuning) as [keyof GenericTuning, number][]).filter(([k, v]) => defaults[k] !== v);
  return changed.length ? changed.map(([k, v]) => `${k} ${v}`).join(', ') : 'defaults';
}

/** The defaults, then each constant moved to each of its other values alone. */
export function oneAtATime(grid: { readonly [K in keyof GenericTuning]?: readonly number[] }, defaults: Readonly<GenericTuning> = GENERIC_TUNING): Partial<GenericTuning>[] {
  const moves = (Object.entries(grid) as [keyof GenericTuning, readonly number[]][]).flatMap(([key, values]) =>
    values.filter((v) => v !== defaults[key]).map((v): Partial<GenericTuning> => ({ [key]: v })),
  );
  return [{}, ...moves];
}

/** Which settings to compare: each constant alone (13 variants), or every combination (729). */
export type GridKind = 'one' | 'full';

/** One variant per setting of `kind` over `GRID`, at `words` words, each cluster's corpus read once. */
export function engineVariants(engine: Engine, words: number, kind: GridKind = 'one'): Variant<EvalCluster>[] {
  const corpora = new Map<string, Corpus>();
  const corpusOf = (cluster: EvalCluster) => {
    let corpus = corpora.get(cluster.id);
    if (!corpus) corpora.set(cluster.id, (corpus = clusterCorpus(engine, cluster.docs)));
    return corpus;
  };
  return (kind === 'full' ? combinations(GRID) : oneAtATime(GRID)).map((tuning) => ({
    name: variantName(tuning),
    summarize: (cluster) => genericDigest(corpusOf(cluster), words, tuning).items.map((i) => i.text),
  }));
}
