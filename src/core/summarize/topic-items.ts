import type { Candidate, Selection, SelectOptions } from './contract.ts';
import { usablePool } from './pool.ts';
import { SAME_FACT } from './similarity.ts';
import { conceptTable } from './concepts.ts';
import { termSpace } from './term-space.ts';
import { localTerms } from './local-terms.ts';
import { groupByLeader } from './group.ts';

const MIN_WORDS = 6;
/** Cost exponent: below 1 so a long sentence that covers a lot is not unfairly punished. */
const LENGTH_EXPONENT = 0.6;

function prior(c: Candidate, recency: SelectOptions['recency']): number {
  // News puts what matters first; the first sentences of an article get a gentle lift.
  const lead = (0.2 + 0.8 * c.relevance) * (1 + 0.25 / (1 + c.sentence.position));
  // In the prior, so it decides which telling of a fact leads its group as well as which facts are picked.
  return recency ? lead * recency(c.sentence.articleId) : lead;
}

/**
 * Topic digests: groups near-duplicate sentences across outlets, then greedily picks the groups
 * that cover the most not-yet-covered concepts per word, within the budget. Concepts are content
 * words and pairs weighted by the relevance of the articles carrying them (see concepts.ts).
 */
export function selectTopicItems(candidates: readonly Candidate[], options: SelectOptions): Selection {
  // Per-sentence figures live in typed arrays indexed by pool position, not in an object per
  // sentence: a common topic has a thousand sentences, and what a query keeps alive across a
  // scavenge is promoted, which brings on full collections (see local-terms.ts).
  const pool = usablePool(candidates, (c) => c.sentence.words >= MIN_WORDS).map((i) => candidates[i]!);
  const sentences = pool.map((c) => c.sentence);
  // Filled in loops: `Float64Array.from(pool, f)` walks the array as an iterable, one result object
  // a sentence, and was the largest allocation of a common topic's query after the citations.
  // Each sentence's article as 0, 1, 2, ... in the order first met.
  const articleIndex = new Map<number, number>();
  const articleOf = new Int32Array(pool.length);
  const relevance = new Float64Array(pool.length);
  const priors = new Float64Array(pool.length);
  for (let i = 0; i < pool.length; i++) {
    const { articleId } = sentences[i]!;
    if (!articleIndex.has(articleId)) articleIndex.set(articleId, articleIndex.size);
    articleOf[i] = articleIndex.get(articleId)!;
    relevance[i] = pool[i]!.relevance;
    priors[i] = prior(pool[i]!, options.recency);
  }
  const local = localTerms(sentences, options.scratch);
  const { concepts, start, weights } = conceptTable(
    { terms: local, articles: articleOf, relevance },
    articleIndex.size < 4 ? 1 : options.singleSourceWeight,
  );
  const covered = new Uint8Array(weights.length);
  const value = (i: number) => {
    let v = 0;
    for (let k = start[i]!; k < start[i + 1]!; k++) if (!covered[concepts[k]!]) v += weights[concepts[k]!]!;
    return v * priors[i]!;
  };

  const space = termSpace(local, options.weigh);
  const values = new Float64Array(pool.length);
  const ranked = new Int32Array(pool.length);
  for (let i = 0; i < pool.length; i++) {
    values[i] = value(i);
    ranked[i] = i;
  }
  // -1, 0 or 1 rather than the difference of two values: a fraction returned by the comparator
  // was a heap number per comparison.
  ranked.sort((a, b) => (values[b]! > values[a]! ? 1 : values[b]! < values[a]! ? -1 : a - b));
  const { leaders, groupOf } = groupByLeader(ranked, space, SAME_FACT);
  // A fact many outlets carry is more likely to matter: the group's breadth is rewarded gently.
  // A mark per group and article: a topic reads at most a few dozen articles (select-topic.ts).
  const reporters = new Int32Array(leaders.length);
  const seen = new Uint8Array(leaders.length * articleIndex.size);
  for (let i = 0; i < pool.length; i++) {
    const at = groupOf[i]! * articleIndex.size + articleOf[i]!;
    if (seen[at]) continue;
    seen[at] = 1;
    reporters[groupOf[i]!]!++;
  }
  const breadth = new Float64Array(leaders.length);
  for (let g = 0; g < leaders.length; g++) breadth[g] = 1 + 0.1 * Math.log2(reporters[g]!);

  const chosen: number[] = [];
  const open = new Uint8Array(leaders.length).fill(1);
  let openCount = leaders.length;
  let words = 0;
  while (chosen.length < options.budget.items && openCount > 0) {
    // Groups in the order they were opened, so the first of equal scores wins.
    let best = -1;
    let bestScore = 0;
    for (let g = 0; g < leaders.length; g++) {
      if (!open[g]) continue;
      const leader = leaders[g]!;
      const w = sentences[leader]!.words;
      if (words + w > options.budget.words) continue;
      const score = (value(leader) * breadth[g]!) / Math.pow(w, LENGTH_EXPONENT);
      if (score > bestScore) {
        best = g;
        bestScore = score;
      }
    }
    if (best < 0) break;
    open[best] = 0;
    openCount--;
    chosen.push(best);
    const leader = leaders[best]!;
    words += sentences[leader]!.words;
    for (let k = start[leader]!; k < start[leader + 1]!; k++) covered[concepts[k]!] = 1;
    // Drop what now says nothing new: a group that repeats a chosen one is not a second item.
    for (let g = 0; g < leaders.length; g++) {
      if (open[g] && space.overlap(leaders[g]!, leader) >= SAME_FACT) {
        open[g] = 0;
        openCount--;
      }
    }
    if (words >= options.budget.words) break;
  }
  return {
    items: chosen.map((g) => ({ leader: sentences[leaders[g]!]!, members: Array.from(ranked.filter((i) => groupOf[i] === g), (i) => sentences[i]!) })),
    merged: pool.length - leaders.length,
  };
}
