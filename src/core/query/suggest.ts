import type { Corpus } from '../index/snapshot.ts';

/** Edit distance with transpositions, giving up once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prevPrev[j - 2]! + 1);
      row.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > limit) return limit + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length]!;
}

const normalise = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * Topics of the corpus that are spelled close to what the user typed ("ghazny" -> Ghazni),
 * or that contain it ("kandah" -> Kandahar), best first.
 */
export function suggestTopics(corpus: Corpus, query: string, max = 3): string[] {
  const q = normalise(query);
  if (!q) return [];
  const limit = q.length <= 4 ? 1 : q.length <= 8 ? 2 : 3;
  const scored: { name: string; score: number; articles: number }[] = [];
  for (const topic of corpus.topics) {
    const name = normalise(topic.name);
    const whole = editDistance(q, name, limit);
    // Compare word by word too, so "kandhar prison" finds "Kandahar".
    const parts = name.split(' ').map((part) => editDistance(q, part, limit));
    const best = Math.min(whole, ...parts);
    const prefix = q.length >= 3 && name.startsWith(q) ? 0.5 : Infinity;
    const score = Math.min(best <= limit ? best : Infinity, prefix);
    if (score !== Infinity) scored.push({ name: topic.name, score, articles: topic.articles });
  }
  return scored
    .sort((a, b) => a.score - b.score || b.articles - a.articles || a.name.localeCompare(b.name))
    .slice(0, max)
    .map((s) => s.name);
}
