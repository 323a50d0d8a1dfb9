import type { TopicEntry } from '../core/types.ts';

const fold = (s: string) => s.normalize('NFKC').toLowerCase();

/**
 * Topics to offer while a user types a topic: names that start with what was typed first, then
 * names with a word that does, each group by article count. Nothing typed gives the biggest topics.
 */
export function topicChoices(topics: readonly TopicEntry[], typed: string, limit = 25): TopicEntry[] {
  const q = fold(typed).replace(/\s+/g, ' ').trim();
  const rank = (t: TopicEntry): number => {
    if (!q) return 0;
    const name = fold(t.name);
    if (name.startsWith(q)) return 0;
    if (name.includes(` ${q}`) || name.includes(`-${q}`)) return 1;
    return -1;
  };
  return topics
    .map((t) => ({ t, r: rank(t) }))
    .filter((x) => x.r >= 0)
    .sort((a, b) => a.r - b.r || b.t.articles - a.t.articles || a.t.name.localeCompare(b.t.name))
    .slice(0, limit)
    .map((x) => x.t);
}
