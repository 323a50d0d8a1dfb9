import type { Article, LoadReportEntry, LoadResult, RawArticle } from '../types.ts';
import type { Lexicon } from './lexicon.ts';
import type { CleanRules } from '../text/clean-rules.ts';
import { cleanText } from '../text/clean.ts';
import { splitSentences } from '../text/sentences.ts';
import { countWords } from '../text/clean-units.ts';
import { resolveMetadata } from './metadata.ts';
import { createTopicScanner, topicVocabulary, type ArticleTopics } from './topic-scan.ts';
import { termDictionary } from '../packed/term-dictionary.ts';
import { packArticleText, type ArticleText } from '../packed/stored-sentence.ts';
import type { FileOutcome } from '../load/load-folder.ts';

export interface CorpusRules {
  clean: CleanRules;
  abbreviations: ReadonlySet<string>;
}

/**
 * One article cleaned, split and tokenized: everything the index needs from its file, so a
 * reload can keep it for a file that did not change. Its ids are those it had when analysed;
 * a snapshot that places it elsewhere renumbers copies.
 */
export interface AnalyzedArticle {
  article: Article;
  /** The article's paragraphs, sentences and term ids, packed. */
  text: ArticleText;
  /** Absent when the corpus is built without a topic list. */
  topics?: ArticleTopics;
  /** Set once a snapshot holds the article object: from then on it is not changed. */
  placed?: boolean;
}

/**
 * Makes the per-article step of building a corpus, with its caches bound to one lexicon.
 * `topics: false` skips finding topic mentions, for a corpus that needs no topic list.
 */
export function createAnalyzer(rules: CorpusRules, lexicon: Lexicon, options: { topics?: boolean; deflate?: boolean } = {}) {
  const scanTopics = options.topics === false ? undefined : scannerFor(lexicon);
  const dictionary = termDictionary(lexicon);
  const termIds = termIdsFor(lexicon);
  /** `undefined` when cleaning leaves no text. */
  return (raw: RawArticle, articleId = 0): AnalyzedArticle | undefined => {
    const cleaned = cleanText(raw.body, rules.clean);
    const article = resolveMetadata(raw, cleaned, articleId);
    const split: { paragraph: number; text: string; start: number; end: number; words: number; termIds: number[] }[] = [];
    cleaned.paragraphs.forEach((paragraph, p) => {
      let from = 0;
      for (const text of splitSentences(paragraph, rules.abbreviations)) {
        // Sentences are trimmed consecutive slices: each starts at the first non-space after the last.
        const start = paragraph.indexOf(text, from);
        if (start < 0) throw new Error('a sentence is not a slice of its paragraph');
        from = start + text.length;
        split.push({ paragraph: p, text, start, end: from, words: countWords(text), termIds: termIds(text) });
      }
    });
    if (split.length === 0) return undefined;
    // Every field from the start: one added later takes an array of properties of its own, per article.
    return {
      article,
      text: packArticleText(cleaned.paragraphs, split, dictionary.terms, options.deflate !== false),
      topics: scanTopics?.(split.map((s) => s.text)),
      placed: false,
    };
  };
}

export type Analyzer = ReturnType<typeof createAnalyzer>;

/**
 * Analyses the raw articles of one load (one file's, or texts given in memory): the articles that
 * kept some text, the report entries (copies) with those of emptied articles marked skipped, and
 * how many articles there were before any was dropped.
 */
export function analyzeLoaded(analyze: Analyzer, loaded: LoadResult): FileOutcome<AnalyzedArticle> {
  const entries = loaded.report.map((e) => ({ ...e }));
  const items: AnalyzedArticle[] = [];
  let entryOf: Map<string, LoadReportEntry> | undefined;
  for (const raw of loaded.articles) {
    const doc = analyze(raw);
    if (doc) {
      items.push(doc);
      continue;
    }
    // Made only when needed: most loads empty no article, and a folder's load runs this per file.
    if (!entryOf) {
      entryOf = new Map();
      for (const e of entries) if (!entryOf.has(e.file)) entryOf.set(e.file, e);
    }
    const entry = entryOf.get(raw.file);
    if (entry) Object.assign(entry, { outcome: 'skipped', reason: 'no article text left after removing markup and boilerplate' });
  }
  return { entries, items, articles: loaded.articles.length };
}

const termIdMakers = new WeakMap<Lexicon, (text: string) => number[]>();

/**
 * `lexicon.terms(text)` as dictionary ids, with each written word's id memoised: one lookup per
 * word instead of a stopword check, a stem, a fold and a dictionary lookup. Same ids, same order.
 */
function termIdsFor(lexicon: Lexicon): (text: string) => number[] {
  let make = termIdMakers.get(lexicon);
  if (!make) {
    const dictionary = termDictionary(lexicon);
    make = lexicon.analyzer.wordIds((word) => {
      const term = lexicon.termOf(word);
      return term === undefined ? -1 : dictionary.idOf(term);
    });
    termIdMakers.set(lexicon, make);
  }
  return make;
}

// One scanner per lexicon: its word cache pays off across loads and reloads.
const scanners = new WeakMap<Lexicon, ReturnType<typeof createTopicScanner>>();
function scannerFor(lexicon: Lexicon) {
  let scan = scanners.get(lexicon);
  if (!scan) scanners.set(lexicon, (scan = createTopicScanner(topicVocabulary(lexicon))));
  return scan;
}

/**
 * Numbers an analysed article for its place in a snapshot. The id is set in place the first time;
 * once a snapshot holds the article object, a new place gets a copy (the old snapshot stays as it
 * was) and the analysis keeps that for next time. Sentences are numbered by the snapshot.
 */
export function place(doc: AnalyzedArticle, articleId: number): void {
  if (doc.article.id !== articleId) {
    if (doc.placed) doc.article = { ...doc.article, id: articleId };
    else doc.article.id = articleId;
  }
  doc.placed = true;
}
