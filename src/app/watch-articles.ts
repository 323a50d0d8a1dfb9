import { watch, type FSWatcher } from 'node:fs';
import { basename } from 'node:path';
import type { Logger } from 'pino';
import type { ReloadReport } from '../core/index/live-corpus.ts';

export interface WatchOptions {
  /** Quiet time after the last change before reloading: copying 100 files is one reload, not 100. */
  debounceMs: number;
  reload: () => Promise<ReloadReport>;
  logger: Logger;
  /** Called after each reload the watcher started; tests wait on it. */
  onReload?: (report: ReloadReport) => void;
}

export interface ArticleWatcher {
  /** Stops watching and waits for a reload in progress. */
  close(): Promise<void>;
}

// Editors and copy tools write swap and temporary files beside the real ones.
const ignored = (name: string) => name.startsWith('.') || name.endsWith('~') || /\.(swp|tmp|part|crdownload)$/i.test(name);

const FILES_LOGGED = 10;

/** The first few files with why, then how many more: one readable line even when 10,000 files are bad. */
function firstFiles(lines: string[]): string[] {
  return lines.length > FILES_LOGGED ? [...lines.slice(0, FILES_LOGGED), `and ${lines.length - FILES_LOGGED} more`] : lines;
}

/**
 * Reloads the articles when files in the folder change, debounced. A change that arrives while
 * a reload runs starts one more reload after it, so the last change is never missed.
 */
export function watchArticles(dir: string, options: WatchOptions): ArticleWatcher {
  const logger = options.logger.child({ component: 'article-watch' });
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let dirty = false;
  let closed = false;

  const run = async () => {
    timer = undefined;
    if (running) {
      dirty = true;
      return;
    }
    dirty = false;
    running = (async () => {
      const report = await options.reload();
      if (report.ok) {
        const { added, removed, changed, skipped, warned } = report;
        const files = {
          ...(skipped.length > 0 ? { skippedFiles: firstFiles(skipped.map((s) => `${s.file}: ${s.reason}`)) } : {}),
          ...(warned.length > 0 ? { warnedFiles: firstFiles(warned.map((w) => `${w.file}: ${w.warnings.join('; ')}`)) } : {}),
        };
        const counts = { added: added.length, removed: removed.length, changed: changed.length, skipped: skipped.length, warned: warned.length };
        logger.info({ ...counts, ...files, ms: report.elapsedMs }, 'articles reloaded after a change');
      } else {
        logger.warn({ error: report.error }, 'reload after a change failed; still serving the previous articles');
      }
      options.onReload?.(report);
    })().finally(() => {
      running = undefined;
      if (dirty && !closed) schedule();
    });
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void run(), options.debounceMs);
  };

  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dir, { recursive: true, persistent: false }, (_event, name) => {
      if (closed || (name && ignored(basename(name.toString())))) return;
      schedule();
    });
    watcher.on('error', (err) => logger.warn({ err }, 'stopped watching the articles folder; /reload still works'));
  } catch (err) {
    logger.warn({ err, dir }, 'cannot watch the articles folder; /reload still works');
  }

  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      watcher?.close();
      await running;
    },
  };
}
