/**
 * The /summary queries the speed benchmark times, in four kinds whose cost differs: a topic in
 * most articles (the most candidate sentences), a rare one, a two-word phrase (postings are
 * intersected) and an unknown topic (no digest, spelling suggestions instead).
 */
import { DESIGNED_TOPICS } from './speed-sources.ts';

export type QueryKind = 'common' | 'rare' | 'phrase' | 'unknown';
export const QUERY_KINDS: readonly QueryKind[] = ['common', 'rare', 'phrase', 'unknown'];

/** Several spellings per kind, as users type them; aliases from config/aliases.json included. */
export const QUERIES: Record<QueryKind, readonly string[]> = {
  common: [DESIGNED_TOPICS.common.name, 'taliban', 'Taleban'],
  rare: [DESIGNED_TOPICS.rare.name, 'kandahar', 'Qandahar'],
  // From the DUC stories: the first is in about a quarter of the articles, the last in about 3 %.
  phrase: ['Hun Sen', 'human rights', 'Anwar Ibrahim', 'space station'],
  // Misspellings of corpus topics: nothing matches, and the suggestions must find the topic.
  unknown: ['talibon', 'cambodja', 'pinochett', 'hun senn'],
};

/** `perKind` queries of each kind, kinds interleaved so that no kind runs on a warmer cache than another. */
export function querySchedule(perKind: number): { kind: QueryKind; topic: string }[] {
  const schedule: { kind: QueryKind; topic: string }[] = [];
  for (let i = 0; i < perKind; i++) {
    for (const kind of QUERY_KINDS) schedule.push({ kind, topic: QUERIES[kind][i % QUERIES[kind].length]! });
  }
  return schedule;
}
