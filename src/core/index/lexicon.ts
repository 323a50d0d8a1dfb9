import type { Analyzer } from '../text/tokens.ts';

/** Aliases and synonyms as written in config/aliases.json. */
export interface LexiconSpec {
  topics: Record<string, string[]>;
  synonyms: string[][];
}

/**
 * The vocabulary layer between raw stems and matching: synonyms fold into one term, so
 * "seized Ghazni" and "captured Ghazni" share their terms, and topic aliases expand a
 * query into every name it goes by.
 */
export interface Lexicon {
  /** Content terms of a text, stemmed, with synonyms folded. */
  terms(text: string): string[];
  /** The term of one word as the analyzer's `words` yields it, folded; undefined for a stopword. */
  termOf(word: string): string | undefined;
  /** Each phrase a topic may appear as, as term lists: ["ghazni"], ["lashkar","gah"]. */
  expand(topic: string): { canonical: string; phrases: string[][] };
  analyzer: Analyzer;
}

export function createLexicon(analyzer: Analyzer, spec: LexiconSpec): Lexicon {
  const fold = new Map<string, string>();
  for (const group of spec.synonyms) {
    const canonical = analyzer.stem(group[0]!.toLowerCase());
    for (const word of group) for (const stem of analyzer.terms(word)) if (stem !== canonical) fold.set(stem, canonical);
  }
  const folded = (stems: string[]) => stems.map((s) => fold.get(s) ?? s);
  const key = (text: string) => folded(analyzer.terms(text)).join(' ');
  const aliasOf = new Map<string, string>();
  for (const [canonical, aliases] of Object.entries(spec.topics)) {
    for (const name of [canonical, ...aliases]) aliasOf.set(key(name), canonical);
  }
  return {
    analyzer,
    terms: (text) => folded(analyzer.terms(text)),
    termOf(word) {
      const stem = analyzer.termOf(word);
      return stem === undefined ? undefined : (fold.get(stem) ?? stem);
    },
    expand(topic) {
      const canonical = aliasOf.get(key(topic));
      const names = canonical ? [canonical, ...(spec.topics[canonical] ?? [])] : [topic];
      const phrases = new Map<string, string[]>();
      for (const name of names) {
        const terms = folded(analyzer.terms(name));
        if (terms.length > 0) phrases.set(terms.join(' '), terms);
      }
      return { canonical: canonical ?? topic.trim(), phrases: [...phrases.values()] };
    },
  };
}

/** Checks the shape of config/aliases.json, naming what is wrong. */
export function parseLexiconSpec(json: unknown, file: string): LexiconSpec {
  const fail = (what: string): never => {
    throw new Error(`${file}: ${what}`);
  };
  if (typeof json !== 'object' || json === null) fail('expected an object with "topics" and "synonyms"');
  const { topics = {}, synonyms = [] } = json as Record<string, unknown>;
  if (typeof topics !== 'object' || topics === null || Array.isArray(topics)) fail('"topics" must be an object of name -> [aliases]');
  for (const [name, aliases] of Object.entries(topics as object)) {
    if (!Array.isArray(aliases) || !aliases.every((a) => typeof a === 'string')) fail(`"topics.${name}" must be a list of strings`);
  }
  if (!Array.isArray(synonyms)) fail('"synonyms" must be a list of word lists');
  (synonyms as unknown[]).forEach((group, i) => {
    if (!Array.isArray(group) || group.length < 2 || !group.every((w) => typeof w === 'string')) {
      fail(`"synonyms[${i}]" must be a list of at least two words`);
    }
  });
  return { topics: topics as Record<string, string[]>, synonyms: synonyms as string[][] };
}
