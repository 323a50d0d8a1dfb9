import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { loadCorpus } from '../../src/core/index/corpus.ts';
import type { Corpus } from '../../src/core/index/snapshot.ts';
import { realEngine, tempArticles } from './fixtures.ts';

/** An article for a test corpus: with `published` it states its date; without, its file's time (`mtime`) dates it. */
export interface DatedText {
  name: string;
  source: string;
  published?: string;
  /** The file's modification time, ISO; the date of last resort. */
  mtime?: string;
  text: string;
}

/**
 * A corpus read from files the way the bot reads its folder: an article that states a date is a
 * JSON file with that date, one that does not is a plain text file whose time is `mtime`.
 */
export async function datedCorpus(texts: readonly DatedText[]): Promise<{ corpus: Corpus; dir: string; cleanup: () => void }> {
  const files: Record<string, string> = {};
  for (const t of texts) {
    if (t.published !== undefined) files[`${t.name}.json`] = JSON.stringify({ title: t.name, source: t.source, published: t.published, text: t.text });
    else files[`${t.name}.txt`] = `${t.text}\n`;
  }
  const { dir, cleanup } = tempArticles(files);
  for (const t of texts) {
    if (t.published === undefined && t.mtime !== undefined) utimesSync(join(dir, `${t.name}.txt`), new Date(t.mtime), new Date(t.mtime));
  }
  try {
    return { corpus: await loadCorpus(realEngine(), dir, { maxBytes: 1e6 }), dir, cleanup };
  } catch (err) {
    cleanup();
    throw err;
  }
}
