import type { LoadResult } from './types.ts';
import type { CleanRules } from './text/clean-rules.ts';
import { createAnalyzer } from './text/tokens.ts';
import { createLexicon, type Lexicon, type LexiconSpec } from './lexicon.ts';
import { buildCorpus, type BuildOptions, type Corpus } from './corpus.ts';
import { loadArticles } from './load/load-articles.ts';

/** Everything the pipeline needs besides the articles: compiled rules and vocabulary. */
export interface Engine {
  clean: CleanRules;
  abbreviations: ReadonlySet<string>;
  lexicon: Lexicon;
}

export interface EngineRules {
  clean: CleanRules;
  abbreviations: ReadonlySet<string>;
  stopwords: ReadonlySet<string>;
  lexicon: LexiconSpec;
}

export function createEngine(rules: EngineRules): Engine {
  const analyzer = createAnalyzer({ stopwords: rules.stopwords });
  return { clean: rules.clean, abbreviations: rules.abbreviations, lexicon: createLexicon(analyzer, rules.lexicon) };
}

export function corpusFrom(engine: Engine, loaded: LoadResult, options?: BuildOptions): Corpus {
  return buildCorpus(loaded.articles, loaded.report, engine, engine.lexicon, options);
}

/** Reads a folder of articles into a corpus. Throws only when the folder itself cannot be read. */
export async function loadCorpus(engine: Engine, dir: string, options: { maxBytes: number }): Promise<Corpus> {
  return corpusFrom(engine, await loadArticles(dir, options));
}
