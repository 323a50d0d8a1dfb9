import type { Article, LoadReportEntry, RawArticle, Sentence, TopicEntry } from '../types.ts';
import { SentenceList, type ArticleText } from '../packed/stored-sentence.ts';
import type { Lexicon } from './lexicon.ts';
import { createAnalyzer, place, type AnalyzedArticle, type CorpusRules } from './analyze.ts';
import { indexTerms, type ArticleFrequencies, type Postings } from './postings.ts';
import { termDictionary } from '../packed/term-dictionary.ts';
import type { ArticleTopics } from './topic-scan.ts';
import { extractTopics } from './topics.ts';

export type { CorpusRules } from './analyze.ts';

/**
 * An immutable snapshot of the loaded articles, ready to answer queries. A reload builds
 * a new one beside the old and swaps it in, so a query never sees a half-built corpus.
 */
export interface Corpus {
  articles: Article[];
  /** Sentences by id, made on demand from `texts`. */
  sentences: SentenceList;
  /** The packed paragraphs, sentences and term ids of each article. */
  texts: ArticleText[];
  /** First sentence id of each article; the article's sentences are contiguous. */
  firstSentence: number[];
  /** Article id of each sentence id: a query walks many hits, and this is cheaper than the sentence objects. */
  articleOf: Int32Array;
  /** Term -> ids of the sentences that contain it, ascending. */
  postings: Postings;
  /** Term -> number of articles that contain it. */
  articleFreq: ArticleFrequencies;
  topics: TopicEntry[];
  report: readonly Readonly<LoadReportEntry>[];
  lexicon: Lexicon;
  /** Topic mentions of each article, found when it was analysed; the topic list is counted from them. */
  articleTopics?: ArticleTopics[];
}

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
  };
  // Articles analysed without topic mentions (a corpus built without the list) are scanned if it is asked for later.
  if (docs.every((d) => d.topics)) corpus.articleTopics = docs.map((d) => d.topics!);
  if (options.topics !== false) corpus.topics = extractTopics(corpus);
  return corpus;
}

/** The sentences of one article. */
export function sentencesOf(corpus: Corpus, articleId: number): Sentence[] {
  const start = corpus.firstSentence[articleId]!;
  const end = corpus.firstSentence[articleId + 1] ?? corpus.sentences.length;
  return corpus.sentences.slice(start, end);
}

/** Inverse document frequency over articles: rare terms say more about a sentence. */
export function idf(corpus: Corpus): (term: string) => number {
  let weigh = weighers.get(corpus);
  if (!weigh) {
    const n = corpus.articles.length;
    // Memoised per snapshot: a query weighs the same few thousand terms many times over.
    const memo = new Map<string, number>();
    weigh = (term) => {
      let w = memo.get(term);
      if (w === undefined) memo.set(term, (w = Math.log(1 + n / (corpus.articleFreq.get(term) ?? 1))));
      return w;
    };
    weighers.set(corpus, weigh);
  }
  return weigh;
}
const weighers = new WeakMap<Corpus, (term: string) => number>();
