import type { Article, LoadReportEntry, RawArticle, Sentence, TopicEntry } from './types.ts';
import type { Lexicon } from './lexicon.ts';
import type { CleanRules } from './text/clean-rules.ts';
import { cleanText } from './text/clean.ts';
import { splitSentences } from './text/sentences.ts';
import { resolveMetadata } from './metadata.ts';
import { extractTopics } from './topics.ts';

/**
 * An immutable snapshot of the loaded articles, ready to answer queries. A reload builds
 * a new one beside the old and swaps it in, so a query never sees a half-built corpus.
 */
export interface Corpus {
  articles: Article[];
  sentences: Sentence[];
  /** First sentence id of each article; the article's sentences are contiguous. */
  firstSentence: number[];
  /** Term -> ids of the sentences that contain it, ascending. */
  postings: Map<string, number[]>;
  /** Term -> number of articles that contain it. */
  articleFreq: Map<string, number>;
  topics: TopicEntry[];
  report: LoadReportEntry[];
  lexicon: Lexicon;
}

export interface CorpusRules {
  clean: CleanRules;
  abbreviations: ReadonlySet<string>;
}

export interface BuildOptions {
  /** Extract the topic list (for /topics and autocomplete); a one-off summary can skip it. Default true. */
  topics?: boolean;
}

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** Cleans, segments and indexes loaded articles. Articles left with no text are reported, not kept. */
export function buildCorpus(
  raw: readonly RawArticle[],
  report: readonly LoadReportEntry[],
  rules: CorpusRules,
  lexicon: Lexicon,
  options: BuildOptions = {},
): Corpus {
  const finalReport = report.map((entry) => ({ ...entry }));
  const entryOf = new Map(finalReport.map((e) => [e.file, e]));
  const articles: Article[] = [];
  const sentences: Sentence[] = [];
  const firstSentence: number[] = [];
  const postings = new Map<string, number[]>();
  const articleFreq = new Map<string, number>();

  for (const item of raw) {
    const cleaned = cleanText(item.body, rules.clean);
    const article = resolveMetadata(item, cleaned, articles.length);
    const own: Sentence[] = [];
    article.paragraphs.forEach((paragraph, p) => {
      for (const text of splitSentences(paragraph, rules.abbreviations)) {
        own.push({ id: sentences.length + own.length, articleId: article.id, paragraph: p, position: own.length, text, terms: lexicon.terms(text), words: wordCount(text) });
      }
    });
    if (own.length === 0) {
      const entry = entryOf.get(item.file);
      if (entry) Object.assign(entry, { outcome: 'skipped', reason: 'no article text left after removing markup and boilerplate' });
      continue;
    }
    articles.push(article);
    firstSentence.push(sentences.length);
    const seen = new Set<string>();
    for (const s of own) {
      sentences.push(s);
      for (const term of s.terms) {
        let list = postings.get(term);
        if (!list) postings.set(term, (list = []));
        if (list[list.length - 1] !== s.id) list.push(s.id);
        if (!seen.has(term)) {
          seen.add(term);
          articleFreq.set(term, (articleFreq.get(term) ?? 0) + 1);
        }
      }
    }
  }
  const corpus: Corpus = { articles, sentences, firstSentence, postings, articleFreq, topics: [], report: finalReport, lexicon };
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
  const n = corpus.articles.length;
  return (term) => Math.log(1 + n / (corpus.articleFreq.get(term) ?? 1));
}
