import type { Article, LoadReportEntry, Sentence, TopicEntry } from '../types.ts';
import type { SentenceList, ArticleText } from '../packed/stored-sentence.ts';
import type { Lexicon } from './lexicon.ts';
import type { ArticleFrequencies, Postings } from './postings.ts';
import type { ArticleTopics } from './topic-scan.ts';
import type { QueryWorkspace } from './query-workspace.ts';

/**
 * An immutable snapshot of the loaded articles, ready to answer queries. A reload builds
 * a new one beside the old and swaps it in, so a query never sees a half-built corpus.
 * `postings` may keep recently decoded lists in a cache its builder owns and may empty
 * (`DecodedLists`, postings.ts): that changes how fast a list comes back, never what it holds.
 */
export interface Corpus {
  readonly articles: readonly Readonly<Article>[];
  /** Sentences by id, made on demand from `texts`. */
  readonly sentences: SentenceList;
  /** The packed paragraphs, sentences and term ids of each article. */
  readonly texts: readonly ArticleText[];
  /** First sentence id of each article; the article's sentences are contiguous. */
  readonly firstSentence: readonly number[];
  /** Article id of each sentence id: a query walks many hits, and this is cheaper than the sentence objects. Read only (a typed array has no read-only type). */
  readonly articleOf: Int32Array;
  /** Term -> ids of the sentences that contain it, ascending. */
  readonly postings: Postings;
  /** Term -> number of articles that contain it. */
  readonly articleFreq: ArticleFrequencies;
  readonly topics: readonly TopicEntry[];
  readonly report: readonly Readonly<LoadReportEntry>[];
  readonly lexicon: Lexicon;
  /** Topic mentions of each article, found when it was analysed; the topic list is counted from them. */
  readonly articleTopics?: readonly ArticleTopics[];
  /** What queries on this snapshot keep from one to the next: memos, and scratch lent to one query at a time. */
  readonly workspace: QueryWorkspace;
}

/** The sentences of one article. */
export function sentencesOf(corpus: Corpus, articleId: number): Sentence[] {
  const start = corpus.firstSentence[articleId]!;
  const end = corpus.firstSentence[articleId + 1] ?? corpus.sentences.length;
  return corpus.sentences.slice(start, end);
}

/** Inverse document frequency over articles: rare terms say more about a sentence. Memoised per snapshot. */
export function idf(corpus: Corpus): (term: string) => number {
  return (corpus.workspace.idf ??= weigher(corpus));
}

function weigher(corpus: Corpus): (term: string) => number {
  const n = corpus.articles.length;
  // A query weighs the same few thousand terms many times over.
  const memo = new Map<string, number>();
  return (term) => {
    let w = memo.get(term);
    if (w === undefined) memo.set(term, (w = Math.log(1 + n / (corpus.articleFreq.get(term) ?? 1))));
    return w;
  };
}
