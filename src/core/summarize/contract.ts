/**
 * What a summarizer takes and returns. A summarizer is handed the candidate sentences of a digest
 * (for a topic, or every sentence of a collection) and a budget, and picks the facts to tell: it
 * returns groups, each a sentence to quote (the leader) and the sentences that tell the same fact.
 * The digest (`query/digest.ts`) then puts the items in reading order, finds every article that
 * tells each fact, cites them and looks for disagreements; a summarizer does none of that.
 *
 * A summarizer must keep these, which the tests check:
 * - a leader is one candidate's sentence, verbatim: never cut, joined or reworded;
 * - at most `budget.items` groups, and the leaders' words (whitespace-separated, as a reader counts
 *   them) add up to at most `budget.words`: a sentence that does not fit is left out, never cut;
 * - each fact once: no two leaders tell the same fact, nor the same event (same-event.ts);
 * - the first group states the main development; a leader that leans on the sentence before it in
 *   its article (stands-alone.ts) is chosen only after that sentence's group;
 * - the same candidates and options give the same selection (ties broken by position).
 * docs/summarizer.md describes the two summarizers this project has and why they work as they do.
 */
import type { Budget, Sentence } from '../types.ts';
import type { Weigh } from './similarity.ts';
import type { TextTools } from './figures.ts';
import type { QueryScratch } from '../index/query-scratch.ts';
import type { GenericTuning } from './tuning.ts';

/** A sentence that may go into a digest, with how much it is about the topic (0..1]. */
export interface Candidate {
  sentence: Sentence;
  relevance: number;
}

/**
 * What a selection is for, which decides what counts as worth saying:
 * - `topic`: a digest of one topic for a chat. Concepts are content words and pairs, weighted by
 *   how relevant the sentences carrying them are and by how many outlets carry them; near-duplicate
 *   sentences across outlets become one item that lists them all.
 * - `generic`: a summary of a whole collection with no topic, read on its own. Concepts are word
 *   pairs that several documents report independently (relevance is not used: everything is on
 *   topic), and every sentence must read without the article around it (no dangling "He said",
 *   no piece of a quotation).
 */
export type SelectMode = 'topic' | 'generic';

export interface SelectOptions {
  mode: SelectMode;
  budget: Budget;
  weigh: Weigh;
  /** Tokenizer and stemmer of the corpus: generic mode reads the words, stopwords included. */
  tools: TextTools;
  /**
   * How much what only one article says counts, 0..1 (topic mode). A topic digest wants some of
   * it: the one outlet that reported the prison break.
   */
  singleSourceWeight: number;
  /**
   * How much a sentence counts for how new its article is, in (0, 1], 1 for the newest (topic
   * mode): where facts compete, newer reporting wins. Absent: every article counts alike.
   */
  recency?: (articleId: number) => number;
  /** The running query's scratch arrays (`index/query-scratch.ts`): for the call only, left as found. */
  scratch: QueryScratch;
  /** Generic mode's tuned constants, for the benchmark to vary (tuning.ts); absent: `GENERIC_TUNING`. */
  tuning?: Partial<GenericTuning>;
}

/** One fact: the sentence that tells it best, and every sentence that tells it too. */
export interface Group {
  leader: Sentence;
  members: Sentence[];
}

export interface Selection {
  /**
   * In the order they were chosen. The first states the main development, in a sentence that reads
   * on its own, and is shown first; the digest orders the others (reading-order.ts).
   */
  items: Group[];
  /**
   * Sentences that said the same as another and were folded into its item. Absent when the
   * selection leaves finding them to the digest, which then counts those it finds.
   */
  merged?: number;
}

/** Picks the sentences that cover the most of what the candidates say, within the budget. */
export type Summarizer = (candidates: readonly Candidate[], options: SelectOptions) => Selection;
