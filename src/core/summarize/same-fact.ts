import type { Corpus } from '../corpus.ts';
import type { Sentence } from '../types.ts';
import { SAME_FACT, weightedOverlap, type Weigh } from './similarity.ts';
import { overlapWithLeader } from './id-overlap.ts';

const PROBE_TERMS = 4;
const MAX_PROBED = 5000;

/**
 * Every sentence in the corpus that tells the same fact as `leader`, wherever it stands:
 * an outlet that reported the fact in a paragraph the topic search did not reach still
 * counts as a source. Probes only the postings of the leader's rarest terms, so the cost
 * stays small on a large corpus.
 */
export function sameFactElsewhere(corpus: Corpus, leader: Sentence, weigh: Weigh): Sentence[] {
  const terms = new Set(leader.terms);
  const probes = [...terms].sort((a, b) => weigh(b) - weigh(a) || a.localeCompare(b)).slice(0, PROBE_TERMS);
  const hits = new Map<number, number>();
  for (const term of probes) {
    for (const id of corpus.postings.get(term) ?? []) {
      if (hits.size >= MAX_PROBED && !hits.has(id)) break;
      hits.set(id, (hits.get(id) ?? 0) + 1);
    }
  }
  return confirmed(corpus, leader, terms, hits, 2, weigh);
}

/**
 * Every sentence in the corpus that tells the same fact as `leader`, found exhaustively: each
 * sentence sharing three of its terms (the least `weightedOverlap` counts) is compared. Dearer than
 * `sameFactElsewhere` on a large corpus, but it misses no outlet, not even one that told the fact
 * in a few common words; a summary of a whole collection has a handful of items to check.
 */
export function sameFactAnywhere(corpus: Corpus, leader: Sentence, weigh: Weigh): Sentence[] {
  const terms = new Set(leader.terms);
  const shared = new Map<number, number>();
  for (const term of terms) for (const id of corpus.postings.get(term) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
  return confirmed(corpus, leader, terms, shared, 3, weigh);
}

/** The probed sentences that share enough terms and, compared in full, tell the same fact. */
function confirmed(corpus: Corpus, leader: Sentence, terms: Set<string>, shared: Map<number, number>, minShared: number, weigh: Weigh): Sentence[] {
  const found: Sentence[] = [];
  const overlap = overlapWithLeader(corpus, leader, weigh);
  for (const [id, n] of shared) {
    if (n < minShared || id === leader.id) continue;
    // Compared by id: most candidates are not the same fact, and need no sentence made.
    const score = overlap ? overlap.byId(id) : weightedOverlap(terms, new Set(corpus.sentences.at(id).terms), weigh);
    if (score >= SAME_FACT) found.push(corpus.sentences.at(id));
  }
  return found.sort((a, b) => a.id - b.id);
}
