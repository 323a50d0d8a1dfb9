import type { Corpus } from './snapshot.ts';
import type { Engine } from './engine.ts';
import type { AnalyzedArticle } from './analyze.ts';
import type { FileRecord } from '../load/load-folder.ts';
import { loadCorpusFiles, type CorpusFiles } from './corpus.ts';
import { DecodedLists } from './postings.ts';

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

export interface LiveCorpusOptions {
  engine: Engine;
  dir: string;
  maxBytes: number;
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

/**
 * Owns the corpus being served. A reload builds a whole new snapshot beside the current one
 * and swaps it in one assignment; if building fails, the current one keeps serving.
 * It reads only files that are new or changed (by size, modification time and inode) and
 * reuses the analysis of the rest, so both snapshots share the text of unchanged articles.
 * Concurrent reloads share one run instead of racing. It never changes a snapshot it served.
 */
export class LiveCorpus {
  #current: Corpus | undefined;
  /** The cache of decoded postings lists the current snapshot reads through: owned here, so a reload can empty it. */
  #lists: DecodedLists | undefined;
  #files: CorpusFiles | undefined;
  #pending: Promise<ReloadReport> | undefined;

  constructor(private readonly options: LiveCorpusOptions) {}

  /** The snapshot being served. Throws before the first successful load. */
  get current(): Corpus {
    if (!this.#current) throw new Error('the articles have not been loaded yet');
    return this.#current;
  }

  get loaded(): boolean {
    return this.#current !== undefined;
  }

  reload(): Promise<ReloadReport> {
    this.#pending ??= this.#reload().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #reload(): Promise<ReloadReport> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const { engine, dir, maxBytes } = this.options;
      // Up to 32 MB of decoded lists, let go before the next snapshot is built beside this one: the
      // reload's peak holds both. A query meanwhile decodes what it needs again, with the same answer.
      this.#lists?.clear();
      const lists = new DecodedLists();
      const load = await loadCorpusFiles(engine, dir, { maxBytes, previous: this.#files, lists });
      const next = load.corpus;
      const changes = diff(this.#files, load.files);
      this.#current = next;
      this.#lists = lists;
      this.#files = load.files;
      const skipped: ReloadReport['skipped'] = [];
      const warned: ReloadReport['warned'] = [];
      for (const e of next.report) {
        if (e.outcome !== 'loaded') skipped.push({ file: e.file, reason: e.reason ?? e.outcome });
        else if (e.warnings?.length) warned.push({ file: e.file, warnings: e.warnings });
      }
      return { ok: true, ...changes, skipped, warned, articles: next.articles.length, filesRead: load.filesRead, elapsedMs: elapsed() };
    } catch (err) {
      return {
        ok: false,
        error: (err as Error).message,
        added: [],
        removed: [],
        changed: [],
        skipped: [],
        warned: [],
        articles: this.#current?.articles.length ?? 0,
        filesRead: 0,
        elapsedMs: elapsed(),
      };
    }
  }
}
