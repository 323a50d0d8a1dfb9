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

/** Ghazni fell in November and was retaken on 7 December (08:00 UTC): one article each. */
export const FALL_AND_RETAKING: readonly DatedText[] = [
  { name: 'old', source: 'Kabul Times', published: '2026-11-20', text: 'Taliban fighters captured the provincial capital of Ghazni on Thursday after two days of heavy fighting, officials said.' },
  { name: 'new', source: 'Reuters', published: '2026-12-07T08:00:00Z', text: 'Government forces retook the city of Ghazni on Sunday after a week of fierce clashes with the Taliban, officials said.' },
];

/**
 * A temp articles folder: an article that states a date is a JSON file with that date, one that
 * does not is a plain text file whose time is `mtime`.
 */
export function datedFolder(texts: readonly DatedText[]): { dir: string; cleanup: () => void } {
  const files: Record<string, string> = {};
  for (const t of texts) {
    if (t.published !== undefined) files[`${t.name}.json`] = JSON.stringify({ title: t.name, source: t.source, published: t.published, text: t.text });
    else files[`${t.name}.txt`] = `${t.text}\n`;
  }
  const { dir, cleanup } = tempArticles(files);
  for (const t of texts) {
    if (t.published === undefined && t.mtime !== undefined) utimesSync(join(dir, `${t.name}.txt`), new Date(t.mtime), new Date(t.mtime));
  }
  return { dir, cleanup };
}

/** The corpus of a `datedFolder`, read the way the bot reads its folder. */
export async function datedCorpus(texts: readonly DatedText[]): Promise<{ corpus: Corpus; dir: string; cleanup: () => void }> {
  const { dir, cleanup } = datedFolder(texts);
  try {
    return { corpus: await loadCorpus(realEngine(), dir, { maxBytes: 1e6 }), dir, cleanup };
  } catch (err) {
    cleanup();
    throw err;
  }
}
