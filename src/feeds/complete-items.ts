import type { Logger } from 'pino';
import type { FeedArticle, FeedArticleInput, FeedRecord } from '../store/feed-types.ts';
import type { FeedItem } from './types.ts';

/**
 * Gives an item's full text when the feed carries only a teaser (full-text.ts decides and
 * fetches, by the feed's fullText mode), or undefined to keep the feed's own text.
 */
export type CompleteText = (item: FeedItem, feed: FeedRecord) => Promise<string | undefined>;

/**
 * Calls the full-text hook only for items the store does not hold yet in this version. The
 * content hash stays the one of the feed's own text, so when the feed serves the same teaser
 * again the store sees the same hash and keeps the full text it has: the article page is
 * fetched once per version of an item, not on every poll.
 */
export class ItemCompleter {
  /** Per feed: key -> content hash of what the store holds, as of the feed's last stored poll. */
  private readonly known = new Map<number, Map<string, string>>();

  constructor(private readonly complete: CompleteText, private readonly logger: Logger) {}

  /** Learns what the store holds (at start), so a restart does not fetch every page again. */
  remember(articles: readonly Pick<FeedArticle, 'feedId' | 'key' | 'contentHash'>[]): void {
    for (const a of articles) {
      let feed = this.known.get(a.feedId);
      if (!feed) this.known.set(a.feedId, (feed = new Map()));
      feed.set(a.key, a.contentHash);
    }
  }

  /** After a stored poll: the feed's current items replace what was known of it, so memory follows the feeds. */
  stored(feedId: number, articles: readonly FeedArticleInput[]): void {
    this.known.set(feedId, new Map(articles.map((a) => [a.key, a.contentHash])));
  }

  forget(feedId: number): void {
    this.known.delete(feedId);
  }

  /** The articles, each new or edited one with the hook's text when it gives one. Never throws. */
  async completeAll(feed: FeedRecord, pairs: ReadonlyArray<{ item: FeedItem; article: FeedArticleInput }>, signal: AbortSignal): Promise<FeedArticleInput[]> {
    const known = this.known.get(feed.id);
    const out: FeedArticleInput[] = [];
    for (const { item, article } of pairs) {
      if (signal.aborted || known?.get(article.key) === article.contentHash) {
        out.push(article);
        continue;
      }
      try {
        const text = (await this.complete(item, feed))?.trim();
        out.push(text ? { ...article, text } : article);
      } catch (err) {
        this.logger.warn({ feed: feed.url, link: item.link, reason: (err as Error).message }, 'full text failed; the feed text is kept');
        out.push(article);
      }
    }
    return out;
  }
}
