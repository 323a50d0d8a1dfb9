import { createHash } from 'node:crypto';
import type { FeedArticleInput } from '../store/feed-types.ts';
import { htmlToText } from './html-text.ts';
import type { FeedItem } from './types.ts';

/** Hash of an article's title and text: another value under the same key means it was edited. */
export function contentHash(title: string, text: string): string {
  return createHash('sha256').update(`${title}\n${text}`).digest('hex').slice(0, 32);
}

/** The item's body as plain text, else its summary, else its title: an article always has text. */
function plainText(item: FeedItem): string {
  const body = item.html !== undefined ? htmlToText(item.html) : (item.text ?? '').trim();
  return body || item.summary?.trim() || item.title;
}

/**
 * A feed item as the article the store keeps. The key is the canonical link, so one story
 * syndicated by two feeds is one article; an item without one is known only within its feed.
 */
export function feedArticleOf(item: FeedItem, feedUrl: string): FeedArticleInput {
  const text = plainText(item);
  const article: FeedArticleInput = {
    key: item.canonicalLink ?? `${feedUrl}#${item.id}`,
    itemId: item.id,
    title: item.title,
    outlet: item.outlet,
    text,
    contentHash: contentHash(item.title, text),
  };
  const link = item.canonicalLink ?? item.link;
  if (link) article.link = link;
  if (item.published) article.published = item.published;
  return article;
}
