import type { Candidate, Selection, SelectOptions } from './select.ts';
import { usablePool } from './pool.ts';
import { SAME_FACT } from './similarity.ts';
import { conceptTable } from './concepts.ts';
import { termSpace } from './term-space.ts';
import { localTerms } from './local-terms.ts';
import { groupByLeader } from './group.ts';

const MIN_WORDS = 6;
/** Cost exponent: below 1 so a long sentence that covers a lot is not unfairly punished. */
const LENGTH_EXPONENT = 0.6;

function prior(c: Candidate): number {
  // News puts what matters first; the first sentences of an article get a gentle lift.
  return (0.2 + 0.8 * c.relevance) * (1 + 0.25 / (1 + c.sentence.position));
}

/**
 * Topic digests: groups near-duplicate sentences across outlets, then greedily picks the groups
 * that cover the most not-yet-covered concepts per word, within the budget. Concepts are content
 * words and pairs weighted by the relevance of the articles carrying them (see concepts.ts).
 */
export function selectTopicItems(candidates: readonly Candidate[], options: SelectOptions): Selection {
  const pool = usablePool(candidates, (c) => c.sentence.words >= MIN_WORDS).map((i) => candidates[i]!);
  const articleCount = new Set(pool.map((c) => c.sentence.articleId)).size;
  const local = localTerms(pool.map((c) => c.sentence));
  const { concepts, weights } = conceptTable(
    pool.map((c, i) => ({ article: c.sentence.articleId, relevance: c.relevance, terms: local.ids[i]! })),
    local.terms.length,
    articleCount < 4 ? 1 : options.singleSourceWeight,
  );
  const priors = pool.map(prior);
  const covered = new Uint8Array(weights.length);
  const value = (i: number) => {
    let v = 0;
    for (const c of concepts[i]!) if (!covered[c]) v += weights[c]!;
    return v * priors[i]!;
  };

  const space = termSpace(local, options.weigh);
  const ranked = pool.map((_, i) => ({ i, v: value(i) })).sort((a, b) => b.v - a.v || a.i - b.i).map((r) => r.i);
  const groups = groupByLeader(ranked, space, SAME_FACT).map((g, order) => ({
    ...g,
    order,
    // A fact many outlets carry is more likely to matter: the group's breadth is rewarded gently.
    breadth: 1 + 0.1 * Math.log2(new Set(g.members.map((m) => pool[m]!.sentence.articleId)).size),
  }));

  const chosen: typeof groups = [];
  const open = new Set(groups);
  let words = 0;
  while (chosen.length < options.budget.items && open.size > 0) {
    let best: (typeof groups)[number] | undefined;
    let bestScore = 0;
    for (const g of open) {
      const w = pool[g.leader]!.sentence.words;
      if (words + w > options.budget.words && !(options.overshoot && words < options.budget.words)) continue;
      const score = (value(g.leader) * g.breadth) / Math.pow(w, LENGTH_EXPONENT);
      if (score > bestScore || (score === bestScore && best && g.order < best.order)) {
        best = g;
        bestScore = score;
      }
    }
    if (!best) break;
    open.delete(best);
    chosen.push(best);
    words += pool[best.leader]!.sentence.words;
    for (const c of concepts[best.leader]!) covered[c] = 1;
    // Drop what now says nothing new: a group that repeats a chosen one is not a second item.
    for (const g of open) if (space.overlap(g.leader, best.leader) >= SAME_FACT) open.delete(g);
    if (words >= options.budget.words) break;
  }
  const last = chosen[chosen.length - 1];
  return {
    items: chosen.map((g) => ({ leader: pool[g.leader]!.sentence, members: g.members.map((m) => pool[m]!.sentence) })),
    merged: groups.reduce((n, g) => n + g.members.length - 1, 0),
    runsPast: last !== undefined && words > options.budget.words,
  };
}
