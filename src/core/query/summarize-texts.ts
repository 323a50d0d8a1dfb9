import type { RawArticle } from '../types.ts';
import type { Engine } from '../index/engine.ts';
import { corpusFrom } from '../index/corpus.ts';
import { digestAll } from './digest.ts';
import type { GenericTuning } from '../summarize/tuning.ts';

/**
 * Generic multi-document summary of plain texts: the same pipeline the bot runs, with no
 * topic, whole sentences within a word budget. Returns the chosen sentences in reading order.
 * `tuning` is for the benchmark to vary the tuned constants (summarize/tuning.ts).
 */
export function summarizeTexts(engine: Engine, docs: { id: string; text: string }[], options: { words: number; tuning?: Partial<GenericTuning> }): string[] {
  const now = new Date(0).toISOString();
  const raw: RawArticle[] = docs.map((d) => ({ file: d.id, format: 'txt', body: d.text, mtime: now, bytes: d.text.length, hash: d.id }));
  const corpus = corpusFrom(engine, { articles: raw, report: [] }, { topics: false, deflate: false });
  return digestAll(corpus, { items: Number.MAX_SAFE_INTEGER, words: options.words }, options.tuning).items.map((i) => i.text);
}
