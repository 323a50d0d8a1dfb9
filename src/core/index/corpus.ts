import type { Article, LoadResult } from '../types.ts';
import type { Corpus } from './snapshot.ts';
import type { Engine } from './engine.ts';
import { SentenceList, type ArticleText } from '../packed/stored-sentence.ts';
import { termDictionary } from '../packed/term-dictionary.ts';
import { analyzeLoaded, createAnalyzer, place, type AnalyzedArticle } from './analyze.ts';
import { indexTerms, type DecodedLists } from './postings.ts';
import { extractTopics, knownOutlets } from './topics.ts';
import { QueryWorkspace } from './query-workspace.ts';
import { loadFolder, type FileRecord } from '../load/load-folder.ts';

// Building a snapshot, in one direction: load (files -> raw articles, core/load), analyse (raw ->
// analysed article, analyze.ts), assemble (analysed articles -> snapshot, `buildSnapshot`).
// `corpusFrom` starts from texts in memory, `loadCorpus` from a folder; LiveCorpus keeps a folder's
// and feeds' analysed articles between snapshots.

export interface BuildOptions {
  /** Extract the topic list (for /topics and autocomplete); a one-off summary can skip it. Default true. */
  topics?: boolean;
  /** Keep long texts deflated (half the memory, a little time per read). Default true; a one-off summary reads every sentence and skips it. */
  deflate?: boolean;
  /**
   * The cache of decoded postings lists the snapshot reads through, for a holder that clears it
   * (LiveCorpus, before a reload); a new one by default. Not the snapshot's data: see DecodedLists.
   */
  lists?: DecodedLists;
}

/** A snapshot of analysed articles, in the order given: numbering, the term index and the topic list. */
export function buildSnapshot(analysed: readonly AnalyzedArticle[], report: Corpus['report'], engine: Engine, options: BuildOptions = {}): Corpus {
  const { lexicon } = engine;
  const articles: Article[] = [];
  const texts: ArticleText[] = [];
  const firstSentence: number[] = [];
  let sentences = 0;
  for (const doc of analysed) {
    place(doc, articles.length);
    articles.push(doc.article);
    texts.push(doc.text);
    firstSentence.push(sentences);
    sentences += doc.text.sentences;
  }
  const { postings, articleFreq } = indexTerms(texts, termDictionary(lexicon), options.lists);
  const articleOf = new Int32Array(sentences);
  firstSentence.forEach((start, a) => articleOf.fill(a, start, firstSentence[a + 1] ?? sentences));
  const corpus: Corpus = {
    articles,
    sentences: new SentenceList(texts, firstSentence, articleOf),
    texts,
    firstSentence,
    articleOf,
    postings,
    articleFreq,
    topics: [],
    report,
    lexicon,
    workspace: new QueryWorkspace(),
    // Articles analysed without topic mentions (a corpus built without the list) are scanned if it is asked for later.
    ...(analysed.every((d) => d.topics) ? { articleTopics: analysed.map((d) => d.topics!) } : {}),
  };
  return options.topics === false ? corpus : { ...corpus, topics: extractTopics(corpus, knownOutlets(engine.clean)) };
}

/** Articles given in memory (texts to summarize, tests) -> a snapshot. Articles left with no text are reported, not kept. */
export function corpusFrom(engine: Engine, loaded: LoadResult, options: BuildOptions = {}): Corpus {
  const { items, entries } = analyzeLoaded(createAnalyzer(engine, engine.lexicon, options), loaded);
  return buildSnapshot(items, entries, engine, options);
}

/** What a folder load keeps per file, so the next load re-reads only what changed. */
export type CorpusFiles = ReadonlyMap<string, FileRecord<AnalyzedArticle>>;

/** A folder's articles analysed, before they are assembled into a snapshot. */
export interface FolderArticles {
  items: AnalyzedArticle[];
  report: Corpus['report'];
  files: CorpusFiles;
  /** Files opened and read by this load. */
  filesRead: number;
}

/**
 * A folder of articles, analysed. With `previous`, files whose size, modification time and
 * inode are unchanged are not read again: their analysis is reused.
 */
export async function loadFolderArticles(engine: Engine, dir: string, options: { maxBytes: number; previous?: CorpusFiles }): Promise<FolderArticles> {
  const analyze = createAnalyzer(engine, engine.lexicon);
  // Called by loadFolder per file as it is read, so a file's text is not kept past its analysis (memory at 100,000 articles).
  const analyzeFile = (loaded: LoadResult) => analyzeLoaded(analyze, loaded);
  return loadFolder(dir, { maxBytes: options.maxBytes, convert: analyzeFile, previous: options.previous });
}

/** Reads a folder of articles into a snapshot. Throws only when the folder itself cannot be read. */
export async function loadCorpus(engine: Engine, dir: string, options: { maxBytes: number }): Promise<Corpus> {
  const folder = await loadFolderArticles(engine, dir, options);
  // Not copied per snapshot: snapshots share the entries of the files they share (read-only by type).
  return buildSnapshot(folder.items, folder.report, engine);
}
