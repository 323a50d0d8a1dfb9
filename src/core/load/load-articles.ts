import type { LoadResult } from '../types.ts';
import { loadFolder } from './load-folder.ts';

export { hashBytes, loadArticleFile } from './load-article-file.ts';

/** Limits for {@link loadArticles}. */
export interface LoadOptions {
  /** Files larger than this are skipped with a reason, without being read. */
  maxBytes: number;
}

/**
 * Loads every article file below `dir`, in path order. One bad file never stops the
 * rest: each file seen gets a report entry saying whether it loaded, was skipped (and
 * why) or duplicates an earlier file byte for byte.
 *
 * @throws Error when `dir` is missing or is not a folder; nothing per file throws.
 */
export async function loadArticles(dir: string, options: LoadOptions): Promise<LoadResult> {
  const { items, report } = await loadFolder(dir, {
    maxBytes: options.maxBytes,
    convert: (loaded) => ({ entries: loaded.report, items: loaded.articles, articles: loaded.articles.length }),
  });
  return { articles: items, report };
}
