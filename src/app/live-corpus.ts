import type { Corpus } from '../core/corpus.ts';
import type { Engine } from '../core/engine.ts';
import { loadCorpusFiles, type CorpusFiles } from '../core/engine.ts';

export interface ReloadReport {
  ok: boolean;
  /** Why the reload failed; the previous corpus is still being served. */
  error?: string;
  added: string[];
  removed: string[];
  changed: string[];
  skipped: { file: string; reason: string }[];
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

function diff(before: Corpus | undefined, after: Corpus) {
  const old = new Map((before?.articles ?? []).map((a) => [a.file, a.hash]));
  const now = new Map(after.articles.map((a) => [a.file, a.hash]));
  return {
    added: [...now.keys()].filter((f) => !old.has(f)),
    removed: [...old.keys()].filter((f) => !now.has(f)),
    changed: [...now.entries()].filter(([f, h]) => old.has(f) && old.get(f) !== h).map(([f]) => f),
  };
}

/**
 * Owns the corpus being served. A reload builds a whole new snapshot beside the current one
 * and swaps it in one assignment; if building fails, the current one keeps serving.
 * It reads only files that are new or changed (by size, modification time and inode) and
 * reuses the analysis of the rest, so both snapshots share the text of unchanged articles.
 * Concurrent reloads share one run instead of racing.
 */
export class LiveCorpus {
  #current: Corpus | undefined;
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
      const load = await loadCorpusFiles(engine, dir, { maxBytes, previous: this.#files });
      const next = load.corpus;
      const changes = diff(this.#current, next);
      this.#current = next;
      this.#files = load.files;
      const skipped = next.report
        .filter((e) => e.outcome !== 'loaded')
        .map((e) => ({ file: e.file, reason: e.reason ?? e.outcome }));
      return { ok: true, ...changes, skipped, articles: next.articles.length, filesRead: load.filesRead, elapsedMs: elapsed() };
    } catch (err) {
      return {
        ok: false,
        error: (err as Error).message,
        added: [],
        removed: [],
        changed: [],
        skipped: [],
        articles: this.#current?.articles.length ?? 0,
        filesRead: 0,
        elapsedMs: elapsed(),
      };
    }
  }
}
