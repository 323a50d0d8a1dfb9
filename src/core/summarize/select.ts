import type { Budget, Sentence } from '../types.ts';
import { conceptsOf, weighConcepts } from './concepts.ts';
import { weightedOverlap, type Weigh } from './similarity.ts';

/** A sentence that may go into a digest, with how much it is about the topic (0..1]. */
export interface Candidate {
  sentence: Sentence;
  relevance: number;
}

export interface SelectOptions {
  budget: Budget;
  /** Let the last item run past the word budget (a scorer that cuts at N words wants the text). */
  overshoot: boolean;
  weigh: Weigh;
  /**
   * How much what only one article says counts, 0..1. A topic digest wants some of it (the
   * one outlet that reported the prison break); a summary of a whole cluster is better without.
   */
  singleSourceWeight: number;
}

/** One fact: the sentence that tells it best, and every sentence that tells it too. */
export interface Group {
  leader: Sentence;
  members: Sentence[];
}

export interface Selection {
  items: Group[];
  /** Sentences that said the same as another and were folded into its item. */
  merged: number;
}

/** Two sentences this close tell one fact, whatever words each outlet chose. */
export const SAME_FACT = 0.6;
const MIN_WORDS = 6;
const MAX_WORDS = 60;
/** Cost exponent: below 1 so a long sentence that covers a lot is not unfairly punished. */
const LENGTH_EXPONENT = 0.6;

interface Scored {
  candidate: Candidate;
  terms: Set<string>;
  concepts: string[];
  prior: number;
}

function prior(c: Candidate): number {
  // News puts what matters first; the first sentences of an article get a gentle lift.
  return (0.2 + 0.8 * c.relevance) * (1 + 0.25 / (1 + c.sentence.position));
}

function usable(c: Candidate): boolean {
  const { words, text } = c.sentence;
  return words >= MIN_WORDS && words <= MAX_WORDS && !text.endsWith('?');
}

function value(s: Scored, weights: Map<string, number>, covered: Set<string>): number {
  let v = 0;
  for (const c of s.concepts) if (!covered.has(c)) v += weights.get(c) ?? 0;
  return v * s.prior;
}

/**
 * Groups near-duplicate sentences across outlets, then greedily picks the groups that
 * cover the most not-yet-covered concepts per word, within the budget.
 */
export function selectItems(candidates: readonly Candidate[], options: SelectOptions): Selection {
  const pool = candidates.filter(usable).length >= 3 ? candidates.filter(usable) : [...candidates];
  const scored: Scored[] = pool.map((candidate) => ({
    candidate,
    terms: new Set(candidate.sentence.terms),
    concepts: conceptsOf(candidate.sentence.terms),
    prior: prior(candidate),
  }));
  const articleCount = new Set(pool.map((c) => c.sentence.articleId)).size;
  const weights = weighConcepts(
    scored.map((s) => ({ article: s.candidate.sentence.articleId, relevance: s.candidate.relevance, concepts: s.concepts })),
    articleCount < 4 ? 1 : options.singleSourceWeight,
  );
  const groups = groupSameFacts(scored, weights, options.weigh);
  const covered = new Set<string>();
  const chosen: { group: ScoredGroup; leader: Scored }[] = [];
  let words = 0;
  const open = new Set(groups);
  while (chosen.length < options.budget.items && open.size > 0) {
    let best: ScoredGroup | undefined;
    let bestScore = 0;
    for (const g of open) {
      const w = g.leader.candidate.sentence.words;
      if (words + w > options.budget.words && !(options.overshoot && words < options.budget.words)) continue;
      // A fact many outlets carry is more likely to matter: reward the group's breadth gently.
      const score = (value(g.leader, weights, covered) * (1 + 0.1 * Math.log2(g.articles))) / Math.pow(w, LENGTH_EXPONENT);
      if (score > bestScore || (score === bestScore && best && g.order < best.order)) {
        best = g;
        bestScore = score;
      }
    }
    if (!best) break;
    open.delete(best);
    chosen.push({ group: best, leader: best.leader });
    words += best.leader.candidate.sentence.words;
    for (const c of best.leader.concepts) covered.add(c);
    // Drop what now says nothing new: a group that repeats a chosen one is not a second item.
    for (const g of open) {
      if (weightedOverlap(g.leader.terms, best.leader.terms, options.weigh) >= SAME_FACT) open.delete(g);
    }
    if (words >= options.budget.words) break;
  }
  return {
    items: chosen.map(({ group }) => ({ leader: group.leader.candidate.sentence, members: group.members.map((m) => m.candidate.sentence) })),
    merged: groups.reduce((n, g) => n + g.members.length - 1, 0),
  };
}

interface ScoredGroup {
  leader: Scored;
  members: Scored[];
  articles: number;
  order: number;
}

/** Leader clustering: most valuable sentence first, each later one joins the first leader it repeats. */
function groupSameFacts(scored: Scored[], weights: Map<string, number>, weigh: Weigh): ScoredGroup[] {
  const empty = new Set<string>();
  const ranked = scored
    .map((s, i) => ({ s, i, v: value(s, weights, empty) }))
    .sort((a, b) => b.v - a.v || a.i - b.i);
  const groups: ScoredGroup[] = [];
  for (const { s } of ranked) {
    const home = groups.find((g) => weightedOverlap(g.leader.terms, s.terms, weigh) >= SAME_FACT);
    if (home) home.members.push(s);
    else groups.push({ leader: s, members: [s], articles: 0, order: groups.length });
  }
  for (const g of groups) g.articles = new Set(g.members.map((m) => m.candidate.sentence.articleId)).size;
  return groups;
}
