import type { AnalyzedArticle } from './analyze.ts';
import type { CorpusFiles, FolderArticles } from './corpus.ts';
import type { FileRecord } from '../load/load-folder.ts';

export interface ReloadReport {
  ok: boolean;
  /** Why the reload failed; the previous corpus is still being served. */
  error?: string;
  added: string[];
  removed: string[];
  changed: string[];
  skipped: { file: string; reason: string }[];
  /** Files that loaded, but not as written: read as windows-1252, a date or URL dropped. */
  warned: { file: string; warnings: string[] }[];
  articles: number;
  /** Files opened and read: on a reload, only those new or changed since the last load. */
  filesRead?: number;
  elapsedMs: number;
}

const NONE: ReadonlyMap<string, string> = new Map();
/** File key -> hash of the articles a file's record holds. */
const hashesOf = (record: FileRecord<AnalyzedArticle> | undefined) =>
  record?.items ? new Map(record.items.map(({ article }) => [article.file, article.hash])) : NONE;

/**
 * The articles a reload added, removed and changed, from the files' records: a record the reload
 * reused is a file it did not read, so only the files read again are compared article by article.
 * Not Maps of every article: this runs while both snapshots are alive, at the reload's peak, where
 * those took 20 MB at 100,000 articles.
 */
function diff(before: CorpusFiles | undefined, after: CorpusFiles) {
  const added: string[] = [];
  const removed: string[] = [];
  const changed: string[] = [];
  after.forEach((now, path) => {
    const was = before?.get(path);
    if (was === now || !now.items) return;
    const old = hashesOf(was);
    for (const { article } of now.items) {
      const hash = old.get(article.file);
      if (hash === undefined) added.push(article.file);
      else if (hash !== article.hash) changed.push(article.file);
    }
  });
  before?.forEach((was, path) => {
    const now = after.get(path);
    if (was === now || !was.items) return;
    const kept = hashesOf(now);
    for (const { article } of was.items) if (!kept.has(article.file)) removed.push(article.file);
  });
  return { added, removed, changed };
}

/** What a folder reload changed, and the files it skipped or loaded with warnings. */
export function folderChanges(before: CorpusFiles | undefined, folder: FolderArticles): Pick<ReloadReport, 'added' | 'removed' | 'changed' | 'skipped' | 'warned'> {
  const skipped: ReloadReport['skipped'] = [];
  const warned: ReloadReport['warned'] = [];
  for (const e of folder.report) {
    if (e.outcome !== 'loaded') skipped.push({ file: e.file, reason: e.reason ?? e.outcome });
    else if (e.warnings?.length) warned.push({ file: e.file, warnings: e.warnings });
  }
  return { ...diff(before, folder.files), skipped, warned };
}

export function failedReload(error: string, articles: number, elapsedMs: number): ReloadReport {
  return { ok: false, error, added: [], removed: [], changed: [], skipped: [], warned: [], articles, filesRead: 0, elapsedMs };
}
