import type { LoadResult } from '../types.ts';
import type { CleanRules } from '../text/clean-rules.ts';
import { createAnalyzer as createTextAnalyzer } from '../text/tokens.ts';
import { createLexicon, type Lexicon, type LexiconSpec } from './lexicon.ts';
import { assembleCorpus, buildCorpus, markEmpty, type BuildOptions } from './corpus.ts';
import type { Corpus } from './snapshot.ts';
import { createAnalyzer, type AnalyzedArticle } from './analyze.ts';
import { loadFolder, type FileOutcome, type FileRecord } from '../load/load-folder.ts';

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

export function corpusFrom(engine: Engine, loaded: LoadResult, options?: BuildOptions): Corpus {
  return buildCorpus(loaded.articles, loaded.report, engine, engine.lexicon, options);
}

/** What a folder load keeps per file, so the next load re-reads only what changed. */
export type CorpusFiles = ReadonlyMap<string, FileRecord<AnalyzedArticle>>;

export interface CorpusLoad {
  corpus: Corpus;
  files: CorpusFiles;
  /** Files opened and read by this load. */
  filesRead: number;
}

/**
 * Reads a folder of articles into a corpus, analysing each file as it is read (the file's text
 * is not kept past its analysis). With `previous`, files whose size, modification time and inode
 * are unchanged are not read again: their analysis is reused.
 */
export async function loadCorpusFiles(engine: Engine, dir: string, options: { maxBytes: number; previous?: CorpusFiles }): Promise<CorpusLoad> {
  const analyze = createAnalyzer(engine, engine.lexicon);
  const convert = (loaded: LoadResult): FileOutcome<AnalyzedArticle> => {
    const entries = loaded.report.map((e) => ({ ...e }));
    const items: AnalyzedArticle[] = [];
    for (const raw of loaded.articles) {
      const doc = analyze(raw);
      if (doc) items.push(doc);
      else markEmpty(entries.find((e) => e.file === raw.file));
    }
    return { entries, items, articles: loaded.articles.length };
  };
  const load = await loadFolder(dir, { maxBytes: options.maxBytes, convert, previous: options.previous });
  // Not copied per snapshot: snapshots share the entries of the files they share (read-only by type).
  const corpus = assembleCorpus(load.items, load.report, engine.lexicon);
  return { corpus, files: load.files, filesRead: load.filesRead };
}

/** Reads a folder of articles into a corpus. Throws only when the folder itself cannot be read. */
export async function loadCorpus(engine: Engine, dir: string, options: { maxBytes: number }): Promise<Corpus> {
  return (await loadCorpusFiles(engine, dir, options)).corpus;
}
