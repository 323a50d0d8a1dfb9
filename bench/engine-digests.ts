/**
 * The engine's digests of an evaluation cluster, beyond the texts `summarizeTexts` returns: the
 * generic digest with its items' "Outlets differ" lines, and the topic digests a user would get
 * with `/summary <topic>` for the cluster's top topics. Built the way `summarizeTexts` builds its
 * corpus (src/core/query/summarize-texts.ts), with the topic list on.
 */
import type { Engine } from '../src/core/index/engine.ts';
import type { Corpus } from '../src/core/index/snapshot.ts';
import { corpusFrom } from '../src/core/index/corpus.ts';
import { DEFAULT_BUDGET, digestAll, digestTopic } from '../src/core/query/digest.ts';
import type { Budget, Digest, RawArticle } from '../src/core/types.ts';
import type { GenericTuning } from '../src/core/summarize/tuning.ts';

/** A cluster's documents as one corpus, as `summarizeTexts` makes it; `topics` adds the topic list. */
export function clusterCorpus(engine: Engine, docs: readonly { id: string; text: string }[], topics = false): Corpus {
  const now = new Date(0).toISOString();
  const raw: RawArticle[] = docs.map((d) => ({ file: d.id, format: 'txt', body: d.text, mtime: now, bytes: d.text.length, hash: d.id }));
  return corpusFrom(engine, { articles: raw, report: [] }, { topics, deflate: false });
}

/** The generic digest of `words` as the benchmark asks for it (no item limit); `tuning` as `digestAll` takes it. */
export function genericDigest(corpus: Corpus, words: number, tuning?: Partial<GenericTuning>): Digest {
  const budget: Budget = { items: Number.MAX_SAFE_INTEGER, words };
  return digestAll(corpus, budget, tuning);
}

/** Topic digests looked at per cluster: the first topics of the cluster's topic list. */
export const TOPICS_PER_CLUSTER = 3;

export interface ClusterDigests {
  generic: Digest;
  /** `/summary <topic>` at the default (medium) length, for each of the top topics. */
  topics: Digest[];
  budget: Budget;
}

/** The generic digest and the top topics' digests of one cluster. */
export function clusterDigests(engine: Engine, docs: readonly { id: string; text: string }[], words: number): ClusterDigests {
  const corpus = clusterCorpus(engine, docs, true);
  return {
    generic: genericDigest(corpus, words),
    topics: corpus.topics.slice(0, TOPICS_PER_CLUSTER).map((t) => digestTopic(corpus, t.name, DEFAULT_BUDGET)),
    budget: DEFAULT_BUDGET,
  };
}

/** Items of a digest that carry an "Outlets differ" line. */
export const disagreementsIn = (digest: Digest) => digest.items.filter((i) => i.disagreement !== undefined).length;
