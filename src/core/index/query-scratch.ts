import type { Weigh } from '../summarize/similarity.ts';

/**
 * The arrays a query on one snapshot writes as it goes and leaves as it found them, kept from
 * query to query by the snapshot's workspace (`query-workspace.ts`), which lends them to one query
 * at a time. Typed arrays indexed by article, sentence or term id rather than Sets and Maps made
 * per query: at 100,000 articles those were most of what a /summary allocated, and the garbage
 * brought on collections (bench/HISTORY.md). Each is grown on demand by the code that reads it.
 */
export class QueryScratch {
  readonly citing = new CitingScratch();
  readonly probing = new ProbingScratch();
  readonly overlap = new OverlapScratch();
  readonly localIds = new LocalIdScratch();
}

/**
 * Citing a digest's items (`query/citations.ts`): no Set or Map of thousands of articles per item,
 * and no arrays of thousands grown by push. Zero again when a digest's citing ends.
 */
export class CitingScratch {
  /** Per article, the item + 1 that last counted it. */
  countedBy = new Int32Array(0);
  /** Per article, whether the digest counted it at all. */
  cited = new Uint8Array(0);
  /** Up to the number of articles: an item's articles in order. */
  order = new Int32Array(0);
  /** Up to the number of articles: the articles the digest counted, to zero `countedBy` and `cited` after. */
  touched = new Int32Array(0);
  /** Per outlet number, whether the digest counted it yet. */
  outletCounted = new Uint8Array(0);
}

/**
 * Finding the sentences that share terms with a leader (`summarize/same-fact.ts`): a map of
 * thousands of ids per item, and lists grown per call, were much of a /summary's garbage.
 */
export class ProbingScratch {
  /** Per sentence id, in how many of the terms' postings it was met, up to what is enough; zero between calls. */
  counts = new Uint8Array(0);
  /** The sentences met, in the order first met. */
  met = new Int32Array(1024);
  /** Those met often enough: a call's answer, read before the next call. */
  found = new Int32Array(1024);
}

/**
 * Sentences compared per batch by `summarize/id-overlap.ts`: their term ranges are read in passes
 * (`readTermRanges`), and a batch's rows and term ids (a few cache lines a sentence) still fit in
 * the processor's cache when the comparisons read them.
 */
export const OVERLAP_BATCH = 1024;

/** Comparing a leader with thousands of corpus sentences by term id (`summarize/id-overlap.ts`). */
export class OverlapScratch {
  /**
   * Per term id, three numbers side by side: its weight by `weighedBy` (0 until weighed), the
   * stamp of the last sentence that had it, and the stamp of the last leader that had it. Side by
   * side because a comparison reads all three for each term of a sentence found anywhere in the
   * corpus: in three arrays of a few megabytes each that was three cache misses per term, most of
   * a /summary's time.
   */
  table = new Float64Array(0);
  /** The weigher the weights in `table` are of: another one starts a table afresh. */
  weighedBy: Weigh | undefined = undefined;
  /** The last stamp given. Stamps only grow (doubles: no wrap), so a new one clears every mark for free. */
  stamp = 0;
  /** A batch's sentences as article and position, and where their term ids start and end. */
  readonly articles = new Int32Array(OVERLAP_BATCH);
  readonly positions = new Int32Array(OVERLAP_BATCH);
  readonly starts = new Int32Array(OVERLAP_BATCH);
  readonly ends = new Int32Array(OVERLAP_BATCH);
}

/** Numbering a query's terms from 0 (`summarize/local-terms.ts`). */
export class LocalIdScratch {
  /** Local id + 1 of each corpus term id, 0 when unseen; zero again after each use. */
  localOf = new Int32Array(0);
}
