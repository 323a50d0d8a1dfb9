import type { Article, LoadReportEntry, RawArticle } from '../types.ts';
import type { Corpus } from './snapshot.ts';
import { SentenceList, type ArticleText } from '../packed/stored-sentence.ts';
import type { Lexicon } from './lexicon.ts';
import { createAnalyzer, place, type AnalyzedArticle, type CorpusRules } from './analyze.ts';
import { indexTerms } from './postings.ts';
import { termDictionary } from '../packed/term-dictionary.ts';
import { extractTopics } from './topics.ts';
import { QueryWorkspace } from './query-workspace.ts';

export type { CorpusRules } from './analyze.ts';

export interface BuildOptions {
  /** Extract the topic list (for /topics and autocomplete); a one-off summary can skip it. Default true. */
  topics?: boolean;
  /** Keep long texts deflated (half the memory, a little time per read). Default true; a one-off summary reads every sentence and skips it. */
  deflate?: boolean;
}

/** Cleans, segments and indexes loaded articles. Articles left with no text are reported, not kept. */
export function buildCorpus(
  raw: readonly RawArticle[],
  report: readonly LoadReportEntry[],
  rules: CorpusRules,
  lexicon: Lexicon,
  options: BuildOptions = {},
): Corpus {
  const analyze = createAnalyzer(rules, lexicon, options);
  const finalReport = report.map((entry) => ({ ...entry }));
  const entryOf = new Map(finalReport.map((e) => [e.file, e]));
  const docs: AnalyzedArticle[] = [];
  for (const item of raw) {
    const doc = analyze(item, docs.length);
    if (!doc) {
      markEmpty(entryOf.get(item.file));
      continue;
    }
    docs.push(doc);
  }
  return assembleCorpus(docs, finalReport, lexicon, options);
}

/** What the report says of a file whose articles cleaning emptied. */
export function markEmpty(entry: LoadReportEntry | undefined): void {
  if (entry) Object.assign(entry, { outcome: 'skipped', reason: 'no article text left after removing markup and boilerplate' });
}

/** A snapshot of analysed articles, in the order given: numbering, the term index and the topic list. */
export function assembleCorpus(docs: readonly AnalyzedArticle[], report: Corpus['report'], lexicon: Lexicon, options: BuildOptions = {}): Corpus {
  const articles: Article[] = [];
  const texts: ArticleText[] = [];
  const firstSentence: number[] = [];
  let sentences = 0;
  for (const doc of docs) {
    place(doc, articles.length);
    articles.push(doc.article);
    texts.push(doc.text);
    firstSentence.push(sentences);
    sentences += doc.text.sentences;
  }
  const { postings, articleFreq } = indexTerms(texts, termDictionary(lexicon));
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
  };
  // Articles analysed without topic mentions (a corpus built without the list) are scanned if it is asked for later.
  if (docs.every((d) => d.topics)) corpus.articleTopics = docs.map((d) => d.topics!);
  if (options.topics !== false) corpus.topics = extractTopics(corpus);
  return corpus;
}
