import { statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import type { LoadReportEntry, LoadResult } from '../types.ts';
import { listFiles } from './list-files.ts';
import { hashBytes, loadArticleFile, unsupportedReason } from './load-article-file.ts';
import { fileStamp, readArticleFile, yieldingEvery } from './read-file.ts';

/** What became of one file, in a form worth keeping until the file changes. */
export interface FileOutcome<T> {
  entries: LoadReportEntry[];
  items: T[];
  /** Articles the file held before any conversion dropped some: only a file that held one claims its content. */
  articles: number;
}

/**
 * One file as last read: keyed by its size, modification time and inode, so an unchanged file is
 * not opened. Its outcome's fields are held here, not in an object of their own: one object less
 * per file in a heap that every full collection marks. They are absent for a file that duplicated
 * another and so was never parsed.
 */
export type FileRecord<T> = { stamp: string; hash: string } & Partial<FileOutcome<T>>;

export interface FolderLoad<T> {
  items: T[];
  report: LoadReportEntry[];
  /** Records of the files read or reused, for the next load. */
  files: Map<string, FileRecord<T>>;
  /** Files opened and read; the others were known from the previous load. */
  filesRead: number;
}

export interface FolderOptions<T> {
  maxBytes: number;
  /** Turns one file's articles into what is kept; may drop some, marking their report entries. */
  convert(loaded: LoadResult): FileOutcome<T>;
  /** Records of the previous load of the same folder. */
  previous?: ReadonlyMap<string, FileRecord<T>>;
}

const errorText = (error: unknown): string =>
  (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));

const stampOf = (info: Stats | undefined): string | undefined => (info?.isFile() ? fileStamp(info) : undefined);

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Loads every article file below `dir` in path order, reading only the files that are new or
 * changed since `previous`. One bad file never stops the rest; identical files load once, the
 * first in path order. A file that could not be read is tried again next time.
 *
 * @throws Error when `dir` is missing or is not a folder; nothing per file throws.
 */
export async function loadFolder<T>(dir: string, options: FolderOptions<T>): Promise<FolderLoad<T>> {
  const listed = await listFiles(dir);
  const result: FolderLoad<T> = { items: [], report: [], files: new Map(), filesRead: 0 };
  const firstWithHash = new Map<string, string>();
  const pause = yieldingEvery();

  for (const { path: file, error } of listed) {
    const paused = pause();
    if (paused) await paused;
    const reason = error ?? unsupportedReason(file);
    if (reason !== undefined) {
      result.report.push({ file, outcome: 'skipped', reason });
      continue;
    }
    const path = join(dir, file);
    const known = options.previous?.get(file);
    let record = known !== undefined && known.stamp === stampOf(statOf(path)) ? known : undefined;
    let bytes: Uint8Array | undefined;
    let mtime = '';
    let stamp = '';
    const read = (): string | undefined => {
      result.filesRead++;
      const got = readArticleFile(path, options.maxBytes);
      if ('reason' in got) return got.reason;
      // Stamped from the open file: a change made after it shows as a new stamp next time.
      ({ bytes, mtime, stamp } = got);
      return undefined;
    };
    if (!record) {
      const failure = read();
      if (failure !== undefined) {
        result.report.push({ file, outcome: 'skipped', reason: failure });
        continue;
      }
      record = { stamp, hash: hashBytes(bytes!) };
    }
    const first = firstWithHash.get(record.hash);
    if (first !== undefined) {
      result.files.set(file, { stamp: record.stamp, hash: record.hash });
      result.report.push({ file, outcome: 'duplicate', reason: `same content as ${first}` });
      continue;
    }
    if (!record.items) {
      // A file that duplicated one that is now gone or changed has never been parsed.
      if (bytes === undefined) {
        const failure = read();
        if (failure !== undefined) {
          result.report.push({ file, outcome: 'skipped', reason: failure });
          continue;
        }
      }
      const { entries, items, articles } = options.convert(parse(file, bytes!, mtime, record.hash));
      record = { stamp: record.stamp, hash: record.hash, entries, items, articles };
    }
    result.files.set(file, record);
    if (record.articles! > 0) firstWithHash.set(record.hash, file);
    // Not push(...spread): a JSON feed can hold more elements than a call takes arguments.
    for (const item of record.items!) result.items.push(item);
    for (const entry of record.entries!) result.report.push(entry);
  }
  return result;
}

function parse(file: string, bytes: Uint8Array, mtime: string, hash: string): LoadResult {
  try {
    return loadArticleFile(file, bytes, mtime, hash);
  } catch (err) {
    // A converter choking on pathological input (deeply nested HTML overflowing the stack).
    return { articles: [], report: [{ file, outcome: 'skipped', reason: `cannot convert file: ${errorText(err)}` }] };
  }
}
