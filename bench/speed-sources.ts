/**
 * The real sentences the synthetic speed corpus is recombined from: the bundled articles and the
 * DUC 2004 documents. Both are read where they live; the DUC text may not be copied into the project.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../src/core/index/engine.ts';
import { cleanText } from '../src/core/text/clean.ts';
import { splitSentences } from '../src/core/text/sentences.ts';
import { DEFAULT_DATA_DIR, PROJECT_ROOT, listClusterIds, missingDataMessage, readCluster } from './eval-data.ts';

/** Topics whose frequency the generator controls, from the bundled articles (DUC 2004 never names them). */
export const DESIGNED_TOPICS = {
  /** In most articles: one sentence naming it is put into this share of them. */
  common: { name: 'Taliban', share: 0.8 },
  /** In a few percent of articles. */
  medium: { name: 'Ghazni', share: 0.05 },
  /** In a handful of articles, whatever the corpus size. */
  rare: { name: 'Kandahar', articles: 5 },
} as const;

export type DesignedKind = keyof typeof DESIGNED_TOPICS;
export const DESIGNED_KINDS = Object.keys(DESIGNED_TOPICS) as DesignedKind[];

/** One story: the sentences of one DUC cluster (or of the bundled articles left over). */
export interface SourceStory {
  id: string;
  sentences: string[];
}

export interface SentencePools {
  /** The general text, one story per DUC cluster in id order, then what is left of the bundled articles. */
  stories: SourceStory[];
  /** Sentences naming exactly one designed topic, and no other designed topic. */
  designed: Record<DesignedKind, string[]>;
}

const MIN_WORDS = 6;
const MAX_WORDS = 60;
// A sentence that ends like one; fragments (a headline, a cut-off quote) recombine badly.
const COMPLETE = /^[\p{Lu}\p{N}"'`“‘(].*[.!?]["'”’)]*$/su;

/** Sentences of a text as the engine itself splits them, after its own boilerplate cleaning. */
function sentencesOf(text: string, engine: Engine): string[] {
  const out: string[] = [];
  for (const paragraph of cleanText(text, engine.clean).paragraphs) {
    for (const sentence of splitSentences(paragraph, engine.abbreviations)) {
      const words = sentence.split(/\s+/).length;
      if (words >= MIN_WORDS && words <= MAX_WORDS && COMPLETE.test(sentence)) out.push(sentence);
    }
  }
  return out;
}

/** Whether the sentence names the topic, the way topic selection matches it (aliases, stems). */
function names(engine: Engine, sentence: string, topic: string): boolean {
  const terms = new Set(engine.lexicon.terms(sentence));
  return engine.lexicon.expand(topic).phrases.some((phrase) => phrase.every((t) => terms.has(t)));
}

/**
 * Reads and splits every source text. Duplicate sentences are kept once, so the designed
 * frequencies are not skewed by a sentence two bundled articles share.
 *
 * @throws Error when the data folder has no clusters: the corpus would be too small to measure.
 */
export function readSentencePools(engine: Engine, dataDir = DEFAULT_DATA_DIR, articlesDir = join(PROJECT_ROOT, 'articles')): SentencePools {
  const seen = new Set<string>();
  const fresh = (sentences: string[]) => sentences.filter((s) => !seen.has(s) && seen.add(s));
  const clusterIds = listClusterIds(dataDir);
  if (clusterIds.length === 0) throw new Error(missingDataMessage(dataDir));

  const designed: Record<DesignedKind, string[]> = { common: [], medium: [], rare: [] };
  const leftover: string[] = [];
  const bundled = readdirSync(articlesDir).filter((name) => name.endsWith('.txt')).sort();
  for (const name of bundled) {
    for (const sentence of fresh(sentencesOf(readFileSync(join(articlesDir, name), 'utf8'), engine))) {
      const kinds = DESIGNED_KINDS.filter((kind) => names(engine, sentence, DESIGNED_TOPICS[kind].name));
      if (kinds.length === 0) leftover.push(sentence);
      else if (kinds.length === 1) designed[kinds[0]!].push(sentence);
      // A sentence naming two designed topics would count for both; it is left out.
    }
  }
  const stories: SourceStory[] = clusterIds.map((id) => ({
    id,
    sentences: readCluster(dataDir, id).docs.flatMap((doc) => fresh(sentencesOf(doc.text, engine))),
  }));
  // Guard the design: a DUC sentence naming a designed topic would break its frequency.
  for (const story of stories) {
    story.sentences = story.sentences.filter((s) => !DESIGNED_KINDS.some((k) => names(engine, s, DESIGNED_TOPICS[k].name)));
  }
  stories.push({ id: 'bundled', sentences: leftover });
  for (const kind of DESIGNED_KINDS) {
    if (designed[kind].length === 0) throw new Error(`no bundled sentence names ${DESIGNED_TOPICS[kind].name} alone`);
  }
  return { stories, designed };
}
