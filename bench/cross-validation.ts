/**
 * Two-fold cross-validation of summarizer settings: a setting chosen on the clusters it is scored on
 * looks better than it will be on new ones. So the clusters are split in two fixed halves (a seeded
 * shuffle); the variant with the best mean score on one half is scored on the other, and the other
 * way round. The cross-validated score is the mean over all clusters of these held-out scores.
 *
 * Generic on purpose: a variant is a name and a function from a cluster to a summary, so any
 * parameter (a threshold in src/core exposed as an option, a budget, a whole other selector) can be
 * compared by listing its values as variants (bench/quality-variants.ts).
 */
import { createRandom } from './speed-random.ts';

/** One setting to compare: what the report calls it, and how it summarises a cluster. */
export interface Variant<C> {
  name: string;
  summarize(cluster: C): string[];
}

/** The scores of one summary, higher is better (ROUGE-1 and ROUGE-2 recall x100 in the benchmark). */
export interface Scores {
  rouge1: number;
  rouge2: number;
}

/** What a variant is chosen by on the tuning half: by default the sum of ROUGE-1 and ROUGE-2. */
export type Objective = (scores: Scores) => number;
export const ROUGE_SUM: Objective = (s) => s.rouge1 + s.rouge2;

/** The seed of the split: fixed, so every run (and everyone's parameter) uses the same halves. */
export const CV_SEED = 22;

/** Two halves of the ids, by a seeded shuffle of the sorted ids; the first gets the odd one out. */
export function splitHalves(ids: readonly string[], seed = CV_SEED): [string[], string[]] {
  const shuffled = createRandom(seed).shuffle([...ids].sort());
  const cut = Math.ceil(shuffled.length / 2);
  return [shuffled.slice(0, cut).sort(), shuffled.slice(cut).sort()];
}

/** One direction: the variant chosen on `tunedOn`, and its mean scores there and on `scoredOn`. */
export interface Fold {
  tunedOn: string[];
  scoredOn: string[];
  chosen: string;
  tuned: Scores;
  heldOut: Scores;
}

export interface CrossValidation {
  folds: [Fold, Fold];
  /** Mean over every cluster of its held-out score: what the tuning procedure is worth on new clusters. */
  crossValidated: Scores;
  /** Each cluster's held-out score (the variant chosen on the other half), in the clusters' order. */
  heldOut: ({ clusterId: string } & Scores)[];
  /** Every variant's mean over all clusters, in the order given. */
  variants: { name: string; scores: Scores }[];
  /** The variant best on all clusters, and its (optimistic) score there. */
  bestOnAll: { name: string; scores: Scores };
}

const meanScores = (rows: readonly Scores[]): Scores => ({
  rouge1: rows.reduce((s, r) => s + r.rouge1, 0) / (rows.length || 1),
  rouge2: rows.reduce((s, r) => s + r.rouge2, 0) / (rows.length || 1),
});

/**
 * Summarises every cluster with every variant once, scores each summary with `score`, and runs both
 * folds. Ties on the objective go to the variant listed first, so list the current default first.
 */
export function crossValidate<C extends { id: string }>(
  clusters: readonly C[],
  variants: readonly Variant<C>[],
  score: (cluster: C, summary: string[]) => Scores,
  options: { seed?: number; objective?: Objective } = {},
): CrossValidation {
  if (variants.length === 0) throw new Error('cross-validation needs at least one variant');
  const objective = options.objective ?? ROUGE_SUM;
  const table = variants.map((v) => new Map(clusters.map((c) => [c.id, score(c, v.summarize(c))] as const)));
  const meanOn = (v: number, ids: readonly string[]) => meanScores(ids.map((id) => table[v]!.get(id)!));
  const bestOn = (ids: readonly string[]) => {
    let best = 0;
    for (let v = 1; v < variants.length; v++) if (objective(meanOn(v, ids)) > objective(meanOn(best, ids))) best = v;
    return best;
  };
  const [a, b] = splitHalves(clusters.map((c) => c.id), options.seed);
  const heldOut = new Map<string, Scores>();
  const fold = (tunedOn: string[], scoredOn: string[]): Fold => {
    const v = bestOn(tunedOn);
    for (const id of scoredOn) heldOut.set(id, table[v]!.get(id)!);
    return { tunedOn, scoredOn, chosen: variants[v]!.name, tuned: meanOn(v, tunedOn), heldOut: meanOn(v, scoredOn) };
  };
  const folds: [Fold, Fold] = [fold(a, b), fold(b, a)];
  const all = clusters.map((c) => c.id);
  const best = bestOn(all);
  return {
    folds,
    crossValidated: meanScores([...heldOut.values()]),
    heldOut: all.map((id) => ({ clusterId: id, ...heldOut.get(id)! })),
    variants: variants.map((v, i) => ({ name: v.name, scores: meanOn(i, all) })),
    bestOnAll: { name: variants[best]!.name, scores: meanOn(best, all) },
  };
}

const pair = (s: Scores) => `${s.rouge1.toFixed(2)} / ${s.rouge2.toFixed(2)}`;

/**
 * The report: the variants on all clusters (the first listed, then the `shown` best by the
 * objective when there are more), each fold's choice, and the cross-validated score.
 */
export function formatCrossValidation(cv: CrossValidation, shown = 20, objective: Objective = ROUGE_SUM): string {
  const lines = ['| variant | ROUGE-1 / ROUGE-2, all clusters |', '|---|---:|'];
  const [first, ...rest] = cv.variants;
  const best = rest.length > shown ? [...rest].sort((a, b) => objective(b.scores) - objective(a.scores)).slice(0, shown) : rest;
  for (const v of [first!, ...best]) lines.push(`| ${v.name} | ${pair(v.scores)} |`);
  if (best.length < rest.length) lines.push(`| (${rest.length - best.length} more, lower by ROUGE-1 + ROUGE-2) | |`);
  lines.push('');
  cv.folds.forEach((f, i) => {
    lines.push(
      `- fold ${i + 1}: chosen on ${f.tunedOn.length} clusters (${f.tunedOn.join(' ')}): "${f.chosen}", ` +
        `${pair(f.tuned)} there, ${pair(f.heldOut)} on the other ${f.scoredOn.length}`,
    );
  });
  lines.push(
    `- cross-validated ROUGE-1 / ROUGE-2 (each cluster scored by the variant chosen on the other half): ${pair(cv.crossValidated)}`,
    `- chosen on all clusters (optimistic): "${cv.bestOnAll.name}", ${pair(cv.bestOnAll.scores)}`,
  );
  return lines.join('\n');
}
