import type { Candidate, Selection, SelectOptions } from './contract.ts';
import type { Sentence } from '../types.ts';
import { usablePool } from './pool.ts';
import { SAME_FACT } from './similarity.ts';
import { conceptTable } from './concepts.ts';
import { termSpace } from './term-space.ts';
import { localTerms } from './local-terms.ts';
import { groupByLeader } from './group.ts';
import { leansOnContext, OPENS_WITH_QUOTE, whole } from './stands-alone.ts';
import { eventsIn } from './same-event.ts';

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
  const alone = readsAlone(sentences, leaders, ranked, groupOf);
  const sameEvent = eventsIn(space, local.terms, (i) => sentences[i]!.text, options.tools.stem);
  while (chosen.length < options.budget.items && openCount > 0) {
    // Groups in the order they were opened, so the first of equal scores wins.
    let best = -1;
    let bestScore = 0;
    for (let g = 0; g < leaders.length; g++) {
      if (!open[g] || alone.waits(g, chosen.length === 0)) continue;
      const leader = leaders[g]!;
      const w = sentences[leader]!.words;
      if (words + w > options.budget.words) continue;
      const score = (value(leader) * breadth[g]!) / Math.pow(w, LENGTH_EXPONENT);
      if (score > bestScore) {
        best = g;
        bestScore = score;
      }
    }
    if (best < 0) {
      // A digest of nothing but quotations and sentences that lean on others still shows them.
      if (chosen.length === 0 && alone.relax()) continue;
      break;
    }
    if (!alone.settle(best, chosen.map((g) => leaders[g]!))) continue;
    open[best] = 0;
    openCount--;
    chosen.push(best);
    const leader = leaders[best]!;
    words += sentences[leader]!.words;
    for (let k = start[leader]!; k < start[leader + 1]!; k++) covered[concepts[k]!] = 1;
    alone.release(chosen.map((g) => leaders[g]!));
    // Drop what now says nothing new: a group that repeats a chosen one is not a second item.
    for (let g = 0; g < leaders.length; g++) {
      if (open[g] && (space.overlap(leaders[g]!, leader) >= SAME_FACT || sameEvent(leader, leaders[g]!))) {
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

/**
 * Which groups' leaders read on their own. A leader that leans on the sentence before it in its
 * article ("The move ...", "He added ...", `"We will ..."`) gives way to a member that tells the fact
 * standing alone; with none, the group waits until that sentence leads a chosen group, and is read
 * right after it (reading-order.ts). A leader that is a piece of a quotation gives way to a member
 * that is whole; with none, the group is not shown. The first item states the development in an
 * outlet's own words: a quotation gives way to a member that is none, and with none the group does
 * not lead. Looked at only when a group is about to be picked: reading a stored sentence's text
 * inflates its article.
 */
function readsAlone(sentences: readonly Sentence[], leaders: Int32Array, ranked: Int32Array, groupOf: Int32Array) {
  // 0: not looked at yet; 1: reads alone; 2: waits for the sentence before it; 3: a piece of a
  // quotation or a parenthesis (stands-alone.ts, `whole`), which no order mends.
  const state = new Uint8Array(leaders.length);
  const quoted = new Uint8Array(leaders.length);
  // 0: every rule holds; 1: a quotation may lead; 2: anything may, as a last resort.
  let relaxed = 0;
  const follows = (g: number, chosenLeaders: readonly number[]) => {
    const { articleId, position } = sentences[leaders[g]!]!;
    return chosenLeaders.some((l) => sentences[l]!.articleId === articleId && sentences[l]!.position === position - 1);
  };
  const leans = (i: number) => leansOnContext(sentences[i]!.text);
  const broken = (i: number) => !whole(sentences[i]!.text);
  const opensQuote = (i: number) => OPENS_WITH_QUOTE.test(sentences[i]!.text);
  /** Gives group `g` the first member (in ranked order) that passes `ok`, if any. */
  const standIn = (g: number, ok: (i: number) => boolean): boolean => {
    const member = ranked.find((i) => groupOf[i] === g && ok(i));
    if (member !== undefined) leaders[g] = member;
    return member !== undefined;
  };
  return {
    waits: (g: number, first: boolean) => relaxed < 2 && (state[g]! >= 2 || (first && relaxed === 0 && quoted[g] === 1)),
    /**
     * Lets a quotation lead, and failing that any group, leaning or broken; true if that changed
     * anything. A quotation with its speaker named reads on its own, a piece of one does not.
     */
    relax: () => relaxed < 2 && ++relaxed > 0,
    /** Whether group `g` can be picked now, as it is; false when its leader changed or it cannot. */
    settle(g: number, chosenLeaders: readonly number[]): boolean {
      if (relaxed === 2) return true;
      if (state[g] === 0) {
        const leader = leaders[g]!;
        if (!broken(leader) && (!leans(leader) || follows(g, chosenLeaders))) state[g] = 1;
        else {
          state[g] = standIn(g, (i) => !leans(i) && !broken(i)) ? 1 : broken(leader) ? 3 : 2;
          return false;
        }
      }
      if (chosenLeaders.length > 0 || relaxed === 1 || !opensQuote(leaders[g]!)) return true;
      if (!standIn(g, (i) => !leans(i) && !broken(i) && !opensQuote(i))) quoted[g] = 1;
      return false;
    },
    /** After a pick: the waiting groups whose leader follows the chosen one can be picked now. */
    release(chosenLeaders: readonly number[]) {
      for (let g = 0; g < state.length; g++) if (state[g] === 2 && follows(g, chosenLeaders)) state[g] = 1;
    },
  };
}
