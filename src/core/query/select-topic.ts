import type { Corpus } from '../index/snapshot.ts';
import { sentencesOf } from '../index/snapshot.ts';
import type { Candidate } from '../summarize/contract.ts';
import { EMPTY, topicHits } from '../index/topic-hits.ts';

/** How far a thread is followed past a sentence that names the topic. */
const CONTINUATION = [0.6, 0.36];
/** Articles read for one digest at most; the best matches first. Keeps /summary fast on big corpora. */
const MAX_ARTICLES = 40;
const FOCUS_SHORTLIST = 5 * MAX_ARTICLES;

/** The passage a paragraph belongs to: its own, but the lead's first two paragraphs are one. */
const passageOf = (paragraph: number) => (paragraph <= 1 ? 0 : paragraph);

/**
 * Whether a sentence that holds every term of one of the topic's phrases names the topic other
 * than glued into a hyphenated compound: "the Kabul-Kandahar highway" names a road, not the city.
 * A compound that is one of the topic's own names ("Mazar-i-Sharif", "power-sharing") names it.
 */
function namedApart(corpus: Corpus, phrases: readonly string[][]): (text: string) => boolean {
  const isName = (compound: string) => {
    const terms = new Set(corpus.lexicon.terms(compound));
    return phrases.some((p) => p.length === terms.size && p.every((t) => terms.has(t)));
  };
  const compound = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)+/gu;
  return (text) => {
    if (!text.includes('-')) return true;
    const terms = new Set(corpus.lexicon.terms(text.replace(compound, (c) => (isName(c) ? c : ' '))));
    return phrases.some((p) => p.every((t) => terms.has(t)));
  };
}

export interface TopicMatch {
  canonical: string;
  candidates: Candidate[];
  /** Articles that mention the topic at all (of those `keep` keeps). */
  articlesMatched: number;
  /** Ids of the articles that mention the topic but `keep` left out, ascending. */
  leftOut: Int32Array;
}

/**
 * The sentences that are about a topic: those that name it, and the one or two after each of them
 * in the same passage, up to the next that names it (a paragraph is the writer's unit of one
 * subject: "Heart is 11th Afghan provincial capital..." after "...seized Herat"; an article's first
 * two paragraphs, its lead, are one passage). Nothing else, not
 * even in an article about the topic as a whole: a sentence that neither names the topic nor
 * carries on a paragraph that does is about something else (the Qatar power-sharing quote in a
 * story on the fall of Ghazni; "An official in Lashkar Gah said..." in the paragraph after one that
 * names Herat among other cities). Focus only ranks the articles. Only articles `keep` keeps are
 * read (all without it): what is left out is not there at all for the digest, not even as a
 * topic's focus.
 */
export function selectTopic(corpus: Corpus, topic: string, keep?: (articleId: number) => boolean): TopicMatch {
  const { canonical, phrases } = corpus.lexicon.expand(topic);
  const hits = topicHits(corpus, phrases);
  const { matched, from, counts, leftOut } = articlesHit(corpus, hits, keep);
  const focused = (k: number) => {
    const articleId = matched[k]!;
    const title = titleTerms(corpus, articleId);
    const inTitle = phrases.some((p) => p.every((t) => title.has(t)));
    const own = hits.subarray(from[k]!, from[k]! + counts[k]!);
    const inLead = own.some((id) => corpus.sentences.paragraphOf(id) === 0);
    return inTitle || inLead || counts[k]! >= 0.25 * articleLength(corpus, articleId);
  };
  // Focus costs a look at the title: judge it only for the articles that mention the topic most.
  // One loop making one shape of object: a chain of .map calls here had V8 drop the compiled
  // function in every query on a large corpus ("wrong map" on the array the first .map made).
  const ranked: { k: number; articleId: number; focused: boolean; score: number }[] = [];
  for (const k of mostMentions(counts, FOCUS_SHORTLIST)) {
    const isFocused = focused(k);
    ranked.push({ k, articleId: matched[k]!, focused: isFocused, score: counts[k]! / (counts[k]! + 1.2) + (isFocused ? 1 : 0) });
  }
  ranked.sort((a, b) => b.score - a.score || a.articleId - b.articleId);

  const apart = namedApart(corpus, phrases);
  const candidates: Candidate[] = [];
  for (const { k, articleId } of ranked.slice(0, MAX_ARTICLES)) {
    const sentences = sentencesOf(corpus, articleId);
    const own = new Set(hits.subarray(from[k]!, from[k]! + counts[k]!));
    const named = sentences.map((s) => own.has(s.id) && apart(s.text));
    const relevance: number[] = named.map((n) => (n ? 1 : 0));
    sentences.forEach((s, i) => {
      if (!named[i]) return;
      for (let k = 0; k < CONTINUATION.length; k++) {
        const next = sentences[i + 1 + k];
        if (!next || named[i + 1 + k]) break;
        // A phrase topic is narrow: its thread goes on only through sentences that keep part of it.
        if (phrases[0]!.length > 1 && !phrases.some((p) => p.some((t) => next.terms.includes(t)))) break;
        // A new paragraph is the writer moving on, even when every sentence is one: wire copy's next
        // paragraph after "...as well as Herat in the west" is about Lashkar Gah. The lead is the
        // exception: its second paragraph goes on telling what the first one names.
        if (passageOf(next.paragraph) !== passageOf(s.paragraph)) break;
        relevance[i + 1 + k] = Math.max(relevance[i + 1 + k]!, CONTINUATION[k]!);
      }
    });
    sentences.forEach((s, i) => {
      if (relevance[i]! > 0) candidates.push({ sentence: s, relevance: relevance[i]! });
    });
  }
  return { canonical, candidates, articlesMatched: matched.length, leftOut };
}

/**
 * The articles the hits are in, in order, with where their hits start and how many there are, and
 * the articles `keep` leaves out. Sized for the worst case (one hit per article), so a common topic
 * allocates these arrays once.
 */
function articlesHit(
  corpus: Corpus,
  hits: Int32Array,
  keep: ((articleId: number) => boolean) | undefined,
): { matched: Int32Array; from: Int32Array; counts: Int32Array; leftOut: Int32Array } {
  let n = 0;
  let out = 0;
  const matched = new Int32Array(hits.length);
  const from = new Int32Array(hits.length);
  const counts = new Int32Array(hits.length);
  const leftOut = keep ? new Int32Array(hits.length) : EMPTY;
  let last = -1;
  for (let i = 0; i < hits.length; i++) {
    const a = corpus.articleOf[hits[i]!]!;
    if (a === last) {
      if (n > 0 && matched[n - 1] === a) counts[n - 1]!++;
      continue;
    }
    last = a;
    if (keep && !keep(a)) leftOut[out++] = a;
    else {
      matched[n] = a;
      from[n] = i;
      counts[n++] = 1;
    }
  }
  return { matched: matched.subarray(0, n), from: from.subarray(0, n), counts: counts.subarray(0, n), leftOut: leftOut.subarray(0, out) };
}

/**
 * Indexes of the `max` largest counts, largest first and in index order among equals. A
 * counting sort: a topic in most articles has tens of thousands of them to rank.
 */
function mostMentions(counts: Int32Array, max: number): number[] {
  let top = 0;
  for (const c of counts) if (c > top) top = c;
  // How many articles have each count, then where each count's run starts in the output order.
  const start = new Int32Array(top + 2);
  for (const c of counts) start[top - c + 1]!++;
  for (let c = 1; c <= top + 1; c++) start[c]! += start[c - 1]!;
  const order = new Int32Array(counts.length);
  counts.forEach((c, k) => {
    order[start[top - c]!++] = k;
  });
  return Array.from(order.subarray(0, Math.min(max, order.length)));
}

function articleLength(corpus: Corpus, articleId: number): number {
  return (corpus.firstSentence[articleId + 1] ?? corpus.sentences.length) - corpus.firstSentence[articleId]!;
}

/** Title terms of an article, judged once per article and snapshot rather than once per query. */
function titleTerms(corpus: Corpus, articleId: number): Set<string> {
  const memo = corpus.workspace.titleTerms;
  let terms = memo.get(articleId);
  if (!terms) memo.set(articleId, (terms = new Set(corpus.lexicon.terms(corpus.articles[articleId]!.title))));
  return terms;
}
