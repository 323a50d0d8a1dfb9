import { setTimeout as sleep } from 'node:timers/promises';
import type { RawArticle } from '../types.ts';
import type { Corpus } from './snapshot.ts';
import type { Engine } from './engine.ts';
import { analyzeLoaded, createAnalyzer, type AnalyzedArticle } from './analyze.ts';
import { buildSnapshot, loadFolderArticles, type FolderArticles } from './corpus.ts';
import { DecodedLists } from './postings.ts';
import { failedReload, folderChanges, type ReloadReport } from './reload-report.ts';

export type { ReloadReport } from './reload-report.ts';

export interface LiveCorpusOptions {
  engine: Engine;
  dir: string;
  maxBytes: number;
}

/** Articles that arrived from outside the folder (feeds), keyed by `RawArticle.file`. */
export interface ArticleUpdate {
  /** New articles, and new versions of articles held under the same key. */
  upsert: readonly RawArticle[];
  /** Keys of articles to drop (a removed feed, retention). */
  remove: readonly string[];
}

export interface ArticleUpdateReport {
  ok: boolean;
  /** Why the update could not be indexed; the snapshot served before keeps serving. */
  error?: string;
  /** Articles the update added or replaced, and those dropped. */
  upserted: number;
  removed: number;
  /** Given articles left with no text after cleaning: not kept. */
  empty: string[];
  /** Articles in the snapshot now being served. */
  articles: number;
  elapsedMs: number;
}

/** What the next build must take in: requests that arrived while the last one ran. */
interface Request {
  folder: boolean;
  /** An update was asked for, though it may hold nothing. */
  update: boolean;
  upsert: Map<string, RawArticle>;
  remove: Set<string>;
}

interface Build {
  reload?: ReloadReport;
  update?: ArticleUpdateReport;
}

/** An update waits this long for others to join its build: feeds polled together share one. */
const UPDATE_GATHER_MS = 200;

const emptyRequest = (): Request => ({ folder: false, update: false, upsert: new Map(), remove: new Set() });

/**
 * Owns the corpus being served: the articles of a folder and those that feeds bring. Each change
 * builds a whole new snapshot beside the current one and swaps it in one assignment; if reading
 * the folder fails, the current folder articles keep serving. Builds run one at a time: a folder
 * reload re-reads only the files that are new or changed (by size, modification time and
 * inode), an update analyses only the articles it brings, and the rest keep their analysis, so
 * consecutive snapshots share the text of unchanged articles. Requests that arrive while a build
 * runs, or within a moment of an update, are merged into the next build. It never changes a
 * snapshot it served.
 */
export class LiveCorpus {
  #current: Corpus | undefined;
  /** The cache of decoded postings lists the current snapshot reads through: owned here, so a build can empty it. */
  #lists: DecodedLists | undefined;
  #folder: FolderArticles | undefined;
  /** Articles from outside the folder, in arrival order. */
  readonly #outside = new Map<string, AnalyzedArticle>();
  #request = emptyRequest();
  #running: { request: Request; done: Promise<Build> } | undefined;
  #next: Promise<Build> | undefined;
  #lastBuild = { endedAt: -Infinity, tookMs: 0 };

  constructor(private readonly options: LiveCorpusOptions) {}

  /** The snapshot being served. Throws before the first successful load. */
  get current(): Corpus {
    if (!this.#current) throw new Error('the articles have not been loaded yet');
    return this.#current;
  }

  get loaded(): boolean {
    return this.#current !== undefined;
  }

  /** Reads the folder again. Reloads asked for while one is reading share its result. */
  async reload(): Promise<ReloadReport> {
    if (this.#running?.request.folder && !this.#next) return (await this.#running.done).reload!;
    this.#request.folder = true;
    return (await this.#schedule(0)).reload!;
  }

  /** Adds, replaces and drops articles from outside the folder; answers once a snapshot holds the change. */
  async update(change: ArticleUpdate): Promise<ArticleUpdateReport> {
    this.#request.update = true;
    for (const key of change.remove) {
      this.#request.upsert.delete(key);
      this.#request.remove.add(key);
    }
    for (const raw of change.upsert) {
      this.#request.remove.delete(raw.file);
      this.#request.upsert.set(raw.file, raw);
    }
    return (await this.#schedule(UPDATE_GATHER_MS)).update!;
  }

  #schedule(gatherMs: number): Promise<Build> {
    if (this.#next) return this.#next;
    const requested = performance.now();
    const previous = this.#running?.done;
    this.#next = (async () => {
      await previous;
      // A build holds the thread while it assembles the snapshot (seconds at 100,000 articles).
      // Waiting as long as the last one took before the next keeps at least half of the time for
      // answering, however often articles arrive.
      const startAt = Math.max(requested + gatherMs, this.#lastBuild.endedAt + this.#lastBuild.tookMs);
      const wait = startAt - performance.now();
      if (wait > 0) await sleep(wait);
      this.#next = undefined;
      return this.#start();
    })();
    return this.#next;
  }

  #start(): Promise<Build> {
    const request = this.#request;
    this.#request = emptyRequest();
    const started = performance.now();
    const done = this.#build(request).finally(() => {
      this.#running = undefined;
      this.#lastBuild = { endedAt: performance.now(), tookMs: performance.now() - started };
    });
    this.#running = { request, done };
    return done;
  }

  /** Never rejects: a failure is in the reports, and the current snapshot keeps serving. */
  async #build(request: Request): Promise<Build> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const { engine, dir, maxBytes } = this.options;
    let before: FolderArticles | undefined;
    let folderError: string | undefined;
    try {
      // Up to 32 MB of decoded lists, let go before the next snapshot is built beside this one: the
      // build's peak holds both. A query meanwhile decodes what it needs again, with the same answer.
      this.#lists?.clear();
      if (request.folder) {
        before = this.#folder;
        try {
          this.#folder = await loadFolderArticles(engine, dir, { maxBytes, previous: before?.files });
        } catch (err) {
          folderError = (err as Error).message;
        }
      }
      const applied = request.update ? this.#applyUpdate(request) : undefined;
      // Until the folder has been read once there is nothing to serve.
      if (this.#folder) {
        const lists = new DecodedLists();
        this.#current = buildSnapshot([...this.#folder.items, ...this.#outside.values()], this.#folder.report, engine, { lists });
        this.#lists = lists;
      }
      const articles = this.#current?.articles.length ?? 0;
      const build: Build = {};
      if (request.folder) {
        build.reload = folderError === undefined
          ? { ok: true, ...folderChanges(before?.files, this.#folder!), articles, filesRead: this.#folder!.filesRead, elapsedMs: elapsed() }
          : failedReload(folderError, articles, elapsed());
      }
      if (applied) build.update = { ok: true, ...applied, articles, elapsedMs: elapsed() };
      return build;
    } catch (err) {
      const error = (err as Error).message;
      const articles = this.#current?.articles.length ?? 0;
      return {
        ...(request.folder ? { reload: failedReload(error, articles, elapsed()) } : {}),
        ...(request.update ? { update: { ok: false, error, upserted: 0, removed: 0, empty: [], articles, elapsedMs: elapsed() } } : {}),
      };
    }
  }

  /** Analyses the articles an update brings and applies it to the articles held; what it did. */
  #applyUpdate(request: Request): Pick<ArticleUpdateReport, 'upserted' | 'removed' | 'empty'> {
    let removed = 0;
    for (const key of request.remove) if (this.#outside.delete(key)) removed++;
    const { items } = analyzeLoaded(createAnalyzer(this.options.engine, this.options.engine.lexicon), {
      articles: [...request.upsert.values()],
      report: [],
    });
    const kept = new Set<string>();
    for (const doc of items) {
      // A new version replaces the old one where it stood, so the order stays the order of arrival.
      this.#outside.set(doc.article.file, doc);
      kept.add(doc.article.file);
    }
    const empty = [...request.upsert.keys()].filter((key) => !kept.has(key));
    for (const key of empty) if (this.#outside.delete(key)) removed++;
    return { upserted: kept.size, removed, empty };
  }
}
