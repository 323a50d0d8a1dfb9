import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { corpusArticle } from '../feeds/corpus-article.ts';
import { defaultDatabasePath, openStore } from '../store/open-store.ts';
import type { App } from './bootstrap.ts';
import type { FeedArticle } from '../store/feed-types.ts';

/**
 * Adds the feed articles a bot has stored (DATABASE_URL, else DATA_DIR's database) to the app's corpus, for the
 * one-shot commands (`npm run summary`), which poll nothing. Without a database there is nothing
 * to add and none is created. Articles past ARTICLE_MAX_AGE_DAYS are left out, not deleted:
 * deleting is the running bot's job.
 */
export async function addStoredFeedArticles(app: App): Promise<number> {
  const path = defaultDatabasePath(resolve(app.config.DATA_DIR));
  const databaseUrl = app.config.DATABASE_URL;
  if (!databaseUrl && !existsSync(path)) return 0;
  const store = await openStore({ path, databaseUrl });
  try {
    const cutoff = Date.now() - app.config.ARTICLE_MAX_AGE_DAYS * 86_400_000;
    // As the store prunes: by the published date, else (absent or unreadable) by when it was first seen.
    const age = (a: FeedArticle) => (a.published === undefined ? NaN : Date.parse(a.published));
    const recent = (await store.feedArticles()).filter((a) => (Number.isNaN(age(a)) ? a.firstSeenAt.getTime() : age(a)) >= cutoff);
    const report = await app.deps.corpus.update({ upsert: recent.map(corpusArticle), remove: [] });
    return report.upserted;
  } finally {
    await store.close();
  }
}
