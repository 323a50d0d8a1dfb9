import { LiveCorpus } from '../../src/core/index/live-corpus.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { CommandDeps } from '../../src/commands/types.ts';
import { ARTICLES, realEngine } from './fixtures.ts';
import { tempDb } from '../store/temp-db.ts';

export const BUDGETS = { short: { items: 2, words: 60 }, medium: { items: 5, words: 120 }, long: { items: 10, words: 240 } };

/** Command deps over the articles in `dir`, with a fresh subscription store (default zone Asia/Kabul), removed afterwards. */
export async function withDeps(run: (deps: CommandDeps) => Promise<void>, dir = ARTICLES): Promise<void> {
  const db = tempDb();
  const store = await openStore({ path: db.path });
  const corpus = new LiveCorpus({ engine: realEngine(), dir, maxBytes: 1e6 });
  await corpus.reload();
  try {
    await run({ corpus, budgets: BUDGETS, subscriptions: { store, defaultTimeZone: 'Asia/Kabul', now: () => new Date('2026-11-21T10:00:00Z') } });
  } finally {
    await store.close();
    db.cleanup();
  }
}
