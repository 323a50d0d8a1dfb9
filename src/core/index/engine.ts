import type { CleanRules } from '../text/clean-rules.ts';
import { createAnalyzer as createTextAnalyzer } from '../text/tokens.ts';
import { createLexicon, type Lexicon, type LexiconSpec } from './lexicon.ts';

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
  const analyzer = createTextAnalyzer({ stopwords: rules.stopwords });
  return { clean: rules.clean, abbreviations: rules.abbreviations, lexicon: createLexicon(analyzer, rules.lexicon) };
}
