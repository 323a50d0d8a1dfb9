import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { ownString } from '../text/own-string.ts';

// Reads are synchronous, in slices of this many milliseconds with a yield to the event
// loop between slices. Measured on 20,000 3 KB files: fs/promises with 16 reads in flight
// ran at ~20 MB/s, plain sync reads at ~55 MB/s; the thread-pool round trips cost more
// than the reads. The yields keep a running bot answering while /reload loads.
const SLICE_MS = 10;

export type ReadResult = { bytes: Buffer; mtime: string; stamp: string } | { reason: string };

/** What identifies one version of a file without reading it: size, modification time, inode. Owned: a live corpus keeps one per file. */
export const fileStamp = (info: { size: number; mtimeMs: number; ino: number }): string => ownString(`${info.size}:${info.mtimeMs}:${info.ino}`);

const errorText = (error: unknown): string =>
  (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));

/** The whole file, or why it cannot be an article file; never throws. */
export function readArticleFile(path: string, maxBytes: number): ReadResult {
  let fd: number | undefined;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then refuses it as not a file.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const info = fstatSync(fd);
    if (!info.isFile()) return { reason: 'not a regular file' };
    // Sized from fstat: a 50 MB file is refused before a single byte of it is read.
    if (info.size > maxBytes) return { reason: `file is ${info.size} bytes, over the limit of ${maxBytes} bytes (MAX_ARTICLE_BYTES)` };
    const bytes = Buffer.allocUnsafe(info.size);
    let length = 0;
    while (length < bytes.length) {
      const read = readSync(fd, bytes, length, bytes.length - length, length);
      if (read === 0) break; // the file shrank since fstat
      length += read;
    }
    return { bytes: bytes.subarray(0, length), mtime: info.mtime.toISOString(), stamp: fileStamp(info) };
  } catch (error) {
    return { reason: `cannot read file: ${errorText(error)}` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A pause that yields to the event loop once a slice of work has run, and is free otherwise. */
export function yieldingEvery(sliceMs = SLICE_MS): () => Promise<void> | undefined {
  let sliceStart = performance.now();
  return () => {
    if (performance.now() - sliceStart <= sliceMs) return undefined;
    return yieldToEventLoop().then(() => {
      sliceStart = performance.now();
    });
  };
}
