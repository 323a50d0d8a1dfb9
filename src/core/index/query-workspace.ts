import type { Weigh } from '../summarize/similarity.ts';
import { QueryScratch } from './query-scratch.ts';
import type { PublishedTimes } from './published.ts';

/** Each article's outlet as a number from 0, and how many outlets there are. */
export interface OutletNumbers {
  of: Int32Array;
  count: number;
}

/**
 * What the queries on one snapshot keep from one query to the next: memos of the snapshot, and
 * scratch arrays (`query-scratch.ts`). Made with the snapshot (`assembleCorpus`) and reached as
 * `corpus.workspace`, so two snapshots (the one served and the one a reload builds, or the
 * corpora of two engines) never share any of it, and it goes when its snapshot goes.
 *
 * The memos are filled on first use by the code that computes them and only read after: any code
 * may read them at any time. The scratch is correct only while one query uses it, so it is lent
 * by `run`, which throws if a query starts on this snapshot while another is running on it.
 * Queries are synchronous, so only code a query calls back (an `omit` filter, say) or a future
 * `await` in the middle of one could do that; the check makes it an error instead of two queries
 * overwriting each other's marks.
 */
export class QueryWorkspace {
  /** Term weights, `idf` (`snapshot.ts`): a query weighs the same few thousand terms many times over. */
  idf: Weigh | undefined = undefined;
  /** Outlets as numbers (`query/citations.ts`): reading outlet names into a Set was most of citing. */
  outlets: OutletNumbers | undefined = undefined;
  /** Topic key -> the topic's name as the articles write it (`query/digest.ts`). */
  topicNames: Map<string, string> | undefined = undefined;
  /** When each article came out (`published.ts`), filled in as queries ask. */
  published: PublishedTimes | undefined = undefined;
  /** Article id -> the terms of its title (`query/select-topic.ts`), judged once per article, not per query. */
  readonly titleTerms = new Map<number, Set<string>>();

  readonly #scratch = new QueryScratch();
  /** The query using the scratch, if one is. */
  #running: string | undefined = undefined;

  /** Runs `query`, named `name` for the error, with the scratch of this snapshot to itself. */
  run<T>(name: string, query: (scratch: QueryScratch) => T): T {
    if (this.#running !== undefined) {
      throw new Error(
        `${name} started on a corpus snapshot while ${this.#running} is running on it: queries on one snapshot share its scratch arrays and must run one after the other`,
      );
    }
    this.#running = name;
    try {
      return query(this.#scratch);
    } finally {
      this.#running = undefined;
    }
  }
}
