/**
 * The engine settings `npm run bench:quality -- --cv` compares by two-fold cross-validation
 * (cross-validation.ts). To try a parameter, add one variant per value here, the current default
 * first (ties go to the first listed): each is a name and a function from a cluster to the
 * summary's sentences. Only what src/core lets a caller set can vary here: today that is the budget
 * a generic digest is asked for; bench/README.md says what src/core would need to expose for its
 * other constants.
 */
import type { Engine } from '../src/core/index/engine.ts';
import type { Corpus } from '../src/core/index/snapshot.ts';
import { summarizeTexts } from '../src/core/query/summarize-texts.ts';
import { clusterCorpus, genericDigest } from './engine-digests.ts';
import type { EvalCluster } from './eval-data.ts';
import type { Variant } from './cross-validation.ts';

/**
 * The word budget the engine is asked for, scored as always on ROUGE's first 100 words: asking for
 * more than 100 lets a longer last sentence in, which the scorer then cuts. A demonstration of the
 * harness on the one setting src/core exposes, not a way to run over the budget in the bot.
 */
export function engineVariants(engine: Engine, words: number): Variant<EvalCluster>[] {
  // One corpus per cluster for every variant: the corpus is the same, only the selection differs.
  const corpora = new Map<string, Corpus>();
  const corpusOf = (cluster: EvalCluster) => {
    let corpus = corpora.get(cluster.id);
    if (!corpus) corpora.set(cluster.id, (corpus = clusterCorpus(engine, cluster.docs)));
    return corpus;
  };
  const asked = (budget: number): Variant<EvalCluster> => ({
    name: `${budget} words`,
    summarize: (cluster) => genericDigest(corpusOf(cluster), budget).items.map((i) => i.text),
  });
  return [
    { name: `${words} words (the benchmark's default)`, summarize: (c) => summarizeTexts(engine, c.docs, { words }) },
    ...[0.9, 1.1, 1.2, 1.3].map((f) => asked(Math.round(words * f))),
  ];
}
