import { checkMeta } from '../core/load/article-meta.ts';
import type { RawArticle } from '../core/types.ts';
import type { FeedArticle } from '../store/feed-types.ts';

/**
 * A stored feed article as the corpus reads a file: its metadata through the same checks as a
 * file's front matter (so a `javascript:` link or a nonsense date from a feed is dropped like
 * one from a file), its text through the same cleaning, keyed by the article's key.
 */
export function corpusArticle(article: FeedArticle): RawArticle {
  const meta = checkMeta({ title: article.title, source: article.outlet, url: article.link, published: article.published }, []);
  return {
    file: article.key,
    format: 'txt',
    body: article.text,
    ...meta,
    mtime: article.firstSeenAt.toISOString(),
    bytes: Buffer.byteLength(article.text),
    hash: article.contentHash,
  };
}
