import type { Corpus } from '../index/snapshot.ts';
import { publishedTimes } from '../index/published.ts';
import type { Candidate } from '../summarize/contract.ts';

const HOUR_MS = 3_600_000;
/**
 * The most a sentence's value is lowered for coming from older reporting: a fact from last month
 * still wins over today's if it says clearly more, but two tellings of one fact, or two facts of
 * about the same worth, go to the newer. (docs/summarizer.md, section 6, has what this changed.)
 */
const RECENCY_WEIGHT = 0.3;
/** The age, behind the topic's newest article, at which half of `RECENCY_WEIGHT` is lost: two days. */
const RECENCY_HALF_AGE_MS = 48 * HOUR_MS;

/**
 * 1 for the newest reporting, falling off smoothly with age to `1 - RECENCY_WEIGHT`: a few hours
 * apart is a tie-break, a day is a tenth, a week and a month differ little from each other.
 */
export function recencyFactor(ageMs: number): number {
  const age = Math.max(0, ageMs);
  return 1 - (RECENCY_WEIGHT * age) / (age + RECENCY_HALF_AGE_MS);
}

/**
 * How much each candidate article's sentences count for being new, measured from the newest of them
 * (not from now, so a topic's news from last week still ranks as it did). Only stated dates are
 * compared: an article dated by its file's time alone (`Article.undated`: a checkout or a copy
 * sets that time, not the news) or by nothing readable is not aged, and counts as the newest.
 * Undefined when no two stated dates differ, so a digest of same-day or undated articles ranks
 * exactly as it would without dates.
 */
export function recencyOf(corpus: Corpus, candidates: readonly Candidate[]): ((articleId: number) => number) | undefined {
  const times = publishedTimes(corpus);
  const dated = new Map<number, number>();
  let newest = -Infinity;
  let oldest = Infinity;
  for (const { sentence } of candidates) {
    const id = sentence.articleId;
    if (dated.has(id) || corpus.articles[id]!.undated || Number.isNaN(times.at(id))) continue;
    const at = times.at(id);
    dated.set(id, at);
    newest = Math.max(newest, at);
    oldest = Math.min(oldest, at);
  }
  if (!(newest > oldest)) return undefined;
  const factors = new Map<number, number>();
  for (const [id, time] of dated) factors.set(id, recencyFactor(newest - time));
  return (articleId) => factors.get(articleId) ?? 1;
}
