import type { Logger } from 'pino';
import type { CompleteText } from './complete-items.ts';
import { fetchFullText, needsFullText, type FullTextOptions } from './full-text.ts';
import { htmlToText } from './html-text.ts';

/**
 * The poller's full-text step: by the feed's `fullText` mode, an item whose text is a teaser gets
 * the article read from its link, kept only when it is longer than the feed's own text (a
 * paywall or a cookie wall gives one paragraph). A page that cannot be read leaves the feed's
 * text, with the reason at debug: feeds whose pages cannot be read would fill the log otherwise.
 */
export function fullTextHook(options: FullTextOptions, logger: Logger): CompleteText {
  return async (item, feed) => {
    const own = item.html ?? item.text ?? item.summary;
    if (!item.link || !needsFullText(feed.fullText, own)) return undefined;
    const page = await fetchFullText(item.link, options);
    if (!page.ok) {
      logger.debug({ feed: feed.url, link: item.link, reason: page.reason }, 'full text not read; the feed text is kept');
      return undefined;
    }
    const ownText = item.html !== undefined ? htmlToText(item.html) : (own ?? '');
    return page.text.length > ownText.length ? page.text : undefined;
  };
}
