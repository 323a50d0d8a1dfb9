import type { FeedRecord } from '../store/feed-types.ts';

/**
 * What the `/feed` commands ask of the running bot. The app implements it with the store, the
 * poller and the live corpus; the commands know none of them.
 */
export interface FeedControl {
  /**
   * Fetches the feed once and, when it reads as a feed, follows it (or, when it was followed
   * already, updates its name and resumes it if paused). The URL is untrusted: the fetch applies
   * the address policy.
   */
  add(url: string, options: { name?: string; addedBy: string }): Promise<FeedAddResult>;
  /** Stops following a feed given by id, URL, name or title, and drops its articles from the digests. */
  remove(feed: string): Promise<FeedRemoveResult>;
  /** Every feed followed, with its health. */
  list(): Promise<FeedRecord[]>;
  /** Names of the feeds followed that start with or contain `typed`, for autocomplete; at most `max`. */
  choices(typed: string, max: number): string[];
}

export type FeedAddResult =
  | {
      ok: true;
      feed: FeedRecord;
      created: boolean;
      /** It was paused after failures and is polled again. */
      resumed: boolean;
      /** The feed's own title. */
      title: string;
      /** Items the feed document holds now, and how many of them were new to the bot. */
      items: number;
      added: number;
    }
  | { ok: false; reason: string };

export type FeedRemoveResult =
  | { ok: true; feed: FeedRecord; articlesRemoved: number }
  /** `in-config`: the feed comes from the feeds file, so it is removed by editing the file. */
  | { ok: false; code: 'not-found' | 'in-config'; feed?: FeedRecord; known: string[] };
