/**
 * Shared data shapes of the pure core. Everything here is plain data: it can be
 * serialised to JSON, compared in tests and handed to any renderer.
 */

/** What the loader read from one file before cleaning. */
export interface RawArticle {
  /** Path relative to the articles folder, with forward slashes. */
  file: string;
  format: 'txt' | 'md' | 'html' | 'json';
  /** Plain text; paragraphs separated by blank lines. Markup already removed. */
  body: string;
  /** Metadata given explicitly by the file (front matter, JSON fields, HTML <title>/<meta>). */
  title?: string;
  source?: string;
  url?: string;
  /** ISO 8601 date or date-time. */
  published?: string;
  topics?: string[];
  /** Domain that the page's own links point to most; a weak hint of the outlet. */
  siteHint?: string;
  /** File modification time, ISO 8601: the date of last resort. */
  mtime: string;
  /** Byte size of the file on disk. */
  bytes: number;
  /** Hex SHA-256 of the file's bytes: identical files load once; reloads compare it. */
  hash: string;
}

export type LoadOutcome = 'loaded' | 'skipped' | 'duplicate';

/** One line of the load report: every file the loader saw, with what became of it. */
export interface LoadReportEntry {
  file: string;
  outcome: LoadOutcome;
  /** Why it was skipped, or which file it duplicates; absent for a clean load. */
  reason?: string;
  /** Non-fatal notes, e.g. "not valid UTF-8, read as windows-1252". */
  warnings?: string[];
}

export interface LoadResult {
  articles: RawArticle[];
  report: LoadReportEntry[];
}

/** Hints that the cleaner finds in the text itself while removing boilerplate. */
export interface TextHints {
  /** A short first line that reads as a headline. */
  title?: string;
  /** Outlet named by a byline, dateline or wire credit ("Reuters", "UrduPoint / Pakistan Point News"). */
  source?: string;
  /** ISO date found in a byline or dateline. */
  published?: string;
}

export interface CleanedText {
  paragraphs: string[];
  hints: TextHints;
  /** The lines removed, with the rule that removed them: for the load report and for tests. */
  removed: { line: string; rule: string }[];
}

/** A cleaned article with resolved metadata. */
export interface Article {
  /** Dense index in the corpus. */
  id: number;
  file: string;
  title: string;
  source: string;
  url?: string;
  /** ISO date (YYYY-MM-DD) or date-time. */
  published: string;
  /**
   * True when neither the file nor the text states a date, so `published` is the day of the
   * file's time (a feed item's: when it was first seen): enough to place it in a window, not to
   * rank its report as older or newer than one that states its date.
   */
  undated?: true;
  topics: string[];
  hash: string;
  bytes: number;
}

export interface Sentence {
  /** Dense index in the corpus. */
  id: number;
  articleId: number;
  paragraph: number;
  /** Position of the sentence in its article, from 0. */
  position: number;
  text: string;
  /** Stemmed, lowercased content tokens (stopwords removed), in order. */
  terms: string[];
  /** Word count of `text`, for budgets. */
  words: number;
}

/** Where an item's text was reported. */
export interface SourceRef {
  title: string;
  /** The outlet; for an article whose outlet is unknown, its title in quotes (first words when long). */
  source: string;
  file: string;
  url?: string;
}

/** Reports that gave different figures for the same quantity of the same subject, in sentences telling one fact. */
export interface Disagreement {
  /** What the figure measures, in the words of the articles ("number of provincial capitals"). */
  about: string;
  /**
   * 'differ': outlets give values that cannot all be right at once; claims by value.
   * 'rose', 'fell': each later report gave a higher (lower) value, as a toll rising through the day;
   * claims oldest first.
   */
  kind: 'differ' | 'rose' | 'fell';
  claims: { value: string; sources: SourceRef[] }[];
}

export interface DigestItem {
  /** A sentence exactly as an article has it. */
  text: string;
  /**
   * Articles that reported this fact, the one quoted first: one per outlet first, at most a few
   * (`SOURCES_LISTED`); `sourceCount` counts them all.
   */
  sources: SourceRef[];
  /** How many articles reported this fact, listed or not. */
  sourceCount: number;
  disagreement?: Disagreement;
}

export interface DigestStats {
  articlesInCorpus: number;
  /** Articles that say anything about the topic. */
  articlesMatched: number;
  /** Candidate sentences considered. */
  sentencesConsidered: number;
  /** Sentences folded into an item because another outlet said the same. */
  sentencesMerged: number;
  /** Articles that reported any item, listed among its sources or not, or that a disagreement line names, and their outlets. */
  articlesCited: number;
  outlets: number;
  /** Items left out because the caller's `omit` said so (a channel received them already). */
  itemsOmitted: number;
  words: number;
  elapsedMs: number;
}

/** A summary of one topic (or of everything, when topic is null). */
export interface Digest {
  topic: string | null;
  items: DigestItem[];
  /** Every article an item lists, once, first listed first. */
  articles: SourceRef[];
  stats: DigestStats;
  /** For a topic the corpus does not know: close topics that it does. */
  suggestions?: string[];
  /** Present when the digest was asked for only what was published since an instant. */
  since?: DigestSince;
}

/** A digest's time window, and what it left out of the topic. */
export interface DigestSince {
  /** The window's start, ISO 8601 in UTC. */
  from: string;
  /** Articles about the topic published before it, which the digest did not use. */
  articlesBefore: number;
  /** When the newest of those came out (a date, or a date-time in UTC): for "the latest is from ..." when nothing is newer. */
  newestBefore?: string;
}

export interface TopicEntry {
  /** Display form ("Ghazni", "Kandahar prison"). */
  name: string;
  kind: 'entity' | 'phrase';
  articles: number;
  mentions: number;
}

export interface Budget {
  /** At most this many items. */
  items: number;
  /** At most about this many words over all items. */
  words: number;
}
