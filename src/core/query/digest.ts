import type { Budget, Digest, DigestItem, DigestSince, Disagreement, Sentence, SourceRef } from '../types.ts';
import type { Corpus } from '../index/snapshot.ts';
import { idf } from '../index/snapshot.ts';
import { selectTopic } from './select-topic.ts';
import { selectItems } from '../summarize/select.ts';
import type { Candidate, Group, SelectMode } from '../summarize/contract.ts';
import type { TextTools } from '../summarize/figures.ts';
import type { GenericTuning } from '../summarize/tuning.ts';
import { disagreementFinder } from '../summarize/disagreements.ts';
import { suggestTopics } from './suggest.ts';
import { sameFactAnywhere, sameFactElsewhere } from '../summarize/same-fact.ts';
import type { Weigh } from '../summarize/similarity.ts';
import { citations, sourceRef } from './citations.ts';
import type { QueryScratch } from '../index/query-scratch.ts';
import { publishedTimes } from '../index/published.ts';
import { recencyOf } from './recency.ts';
import { readingOrder } from './reading-order.ts';

/** In a topic digest, what one outlet alone reports counts at this share of what several report. */
const SINGLE_SOURCE_WEIGHT = 0.2;

export const DEFAULT_BUDGET: Budget = { items: 5, words: 120 };

/**
 * One per lexicon, so what is memoised per tools (bigrams.ts) lasts from corpus to corpus. A pure
 * memo of the lexicon, which never changes: the tools hold no query's state.
 */
const toolsOf = new WeakMap<Corpus['lexicon'], TextTools>();
function textTools(corpus: Corpus): TextTools {
  let tools = toolsOf.get(corpus.lexicon);
  if (!tools) {
    const { analyzer } = corpus.lexicon;
    toolsOf.set(corpus.lexicon, (tools = { words: (t) => analyzer.words(t), stem: (w) => analyzer.stem(w), stopwords: analyzer.stopwords }));
  }
  return tools;
}

/** A group's leader and the ids of every sentence that tells its fact, the leader's first, once each. */
interface Tellers {
  leader: Sentence;
  ids: number[];
}

/**
 * Who tells the fact of a group: its own sentences, then any elsewhere in the corpus. A topic
 * digest probes for the latter (the corpus may be large); a generic summary of a collection, which
 * does not group sentences itself, looks exhaustively.
 */
function tellersOf(corpus: Corpus, scratch: QueryScratch, group: Group, weigh: Weigh, options: SummarizeOptions): Tellers {
  const elsewhere =
    options.mode === 'topic' ? sameFactElsewhere(corpus, scratch, group.leader, weigh) : sameFactAnywhere(corpus, scratch, group.leader, weigh);
  // A group has a few sentences; elsewhere may be thousands, each once already.
  const own = new Set([group.leader.id]);
  for (const s of group.members) own.add(s.id);
  // Elsewhere's own array, less the group, then one copy of the right size: pushing thousands of
  // ids one by one copied the array each time it grew, much of what a common topic's query allocated.
  // An article the digest leaves out (published before `since`) does not tell the fact either.
  const { keep } = options;
  let n = 0;
  for (const id of elsewhere) if (!own.has(id) && (!keep || keep(corpus.articleOf[id]!))) elsewhere[n++] = id;
  elsewhere.length = n;
  return { leader: group.leader, ids: [...own].concat(elsewhere) };
}

function toItem(tellers: Tellers, sources: SourceRef[], sourceCount: number, disagreement: Disagreement | undefined): DigestItem {
  const item: DigestItem = { text: tellers.leader.text, sources, sourceCount };
  if (disagreement) item.disagreement = disagreement;
  return item;
}

interface SummarizeOptions {
  mode: SelectMode;
  budget: Budget;
  singleSourceWeight: number;
  /**
   * Items to leave out after selection, by the text of any sentence that tells them: what a
   * channel already received, in these words or (from another outlet) in others.
   */
  omit?: (text: string) => boolean;
  /** The articles the digest may use (all without it); the candidates come from these only. */
  keep?: (articleId: number) => boolean;
  /** How much a sentence counts for how new its article is (`SelectOptions.recency`). */
  recency?: (articleId: number) => number;
  /** Generic mode's tuned constants, for the benchmark to vary (`SelectOptions.tuning`). */
  tuning?: Partial<GenericTuning>;
}

export interface TopicOptions extends Pick<SummarizeOptions, 'omit'> {
  /** Only articles published at or after this instant (a day without a time: any moment of it). */
  since?: Date;
}

function summarize(
  corpus: Corpus,
  scratch: QueryScratch,
  topic: string | null,
  candidates: Candidate[],
  options: SummarizeOptions,
  articlesMatched: number,
  started: number,
): Digest {
  const tools = textTools(corpus);
  const weigh = idf(corpus);
  const selection = selectItems(candidates, { ...options, weigh, tools, scratch });
  // A line may name an article that tells the item's figure in passing, not its fact: the header
  // counts it too, found by the reference the line was given.
  const namedBy = new Map<SourceRef, number>();
  const lineRef = (id: number) => {
    const ref = sourceRef(corpus.articles[id]!);
    namedBy.set(ref, id);
    return ref;
  };
  const disagreementOf = disagreementFinder(corpus, tools, lineRef, options.keep);
  const ordered = readingOrder(corpus, selection);
  const all = ordered.map((g) => tellersOf(corpus, scratch, g, weigh, options));
  // Left out before sources are counted, so the counts describe the items that are shown. By every
  // teller, not the leader alone: yesterday's item comes back today led by another outlet's
  // wording (a newer article leads its group), and it is still the fact the channel received.
  const { omit } = options;
  const tellers = omit ? all.filter((t) => !t.ids.some((id) => omit(corpus.sentences.at(id).text))) : all;
  const lines = tellers.map((t) => disagreementOf(t.leader, t.ids));
  const named = lines.map((d) => d?.claims.flatMap((c) => c.sources.map((s) => namedBy.get(s)!)) ?? []);
  const cites = citations(corpus, scratch, tellers.map((t) => t.ids), named);
  const items = tellers.map((t, i) => toItem(t, cites.sources[i]!, cites.counts[i]!, lines[i]));
  return {
    topic,
    items,
    articles: cites.articles,
    stats: {
      articlesInCorpus: corpus.articles.length,
      articlesMatched,
      sentencesConsidered: candidates.length,
      sentencesMerged: selection.merged ?? tellers.reduce((n, t) => n + t.ids.length - 1, 0),
      articlesCited: cites.articlesCited,
      outlets: cites.outlets,
      itemsOmitted: all.length - tellers.length,
      words: items.reduce((n, i) => n + i.text.split(/\s+/).filter(Boolean).length, 0),
      elapsedMs: Math.round((performance.now() - started) * 10) / 10,
    },
  };
}

/** The topic as the articles write it ("ghazni" -> "Ghazni"), when it is one of the corpus topics. */
function displayName(corpus: Corpus, topic: string): string {
  const key = (name: string) => corpus.lexicon.expand(name).phrases[0]?.join(' ') ?? '';
  // Keyed once per snapshot, not on every /summary.
  const names = (corpus.workspace.topicNames ??= new Map([...corpus.topics].reverse().map((t) => [key(t.name), t.name])));
  return names.get(key(topic)) ?? topic;
}

/**
 * The digest of what the corpus says about a topic; for an unknown topic, no items and suggestions.
 * Runs on the snapshot's scratch, so it throws if called while another query on the same snapshot
 * is running (from an `omit` filter, say).
 */
export function digestTopic(corpus: Corpus, topic: string, budget: Budget = DEFAULT_BUDGET, options: TopicOptions = {}): Digest {
  const started = performance.now();
  return corpus.workspace.run('digestTopic', (scratch) => {
    const times = publishedTimes(corpus);
    const from = options.since?.getTime();
    // NaN (a date that cannot be read) is never at or after the window's start: left out.
    const keep = from === undefined ? undefined : (articleId: number) => times.latest(articleId) >= from;
    const match = selectTopic(corpus, topic, keep);
    const summarizeOptions: SummarizeOptions = {
      mode: 'topic',
      budget,
      singleSourceWeight: SINGLE_SOURCE_WEIGHT,
      omit: options.omit,
      keep,
      recency: recencyOf(corpus, match.candidates),
    };
    const digest = summarize(corpus, scratch, displayName(corpus, match.canonical), match.candidates, summarizeOptions, match.articlesMatched, started);
    if (options.since) digest.since = sinceOf(options.since, match.leftOut, corpus);
    // Nothing since then on a topic the articles know is no typo: no suggestions.
    if (digest.items.length === 0 && digest.stats.itemsOmitted === 0 && match.leftOut.length === 0) digest.suggestions = suggestTopics(corpus, topic);
    return digest;
  });
}

/** A date as it is; a date-time in UTC, whatever zone it was written in. */
const inUtc = (published: string, at: number) => (published.length === 10 || Number.isNaN(at) ? published : new Date(at).toISOString());

/** What a `since` window left out: how many articles on the topic, and when the newest of them came out. */
function sinceOf(since: Date, leftOut: Int32Array, corpus: Corpus): DigestSince {
  const times = publishedTimes(corpus);
  let newest = -1;
  for (const id of leftOut) if (newest < 0 || times.at(id) > times.at(newest)) newest = id;
  return {
    from: since.toISOString(),
    articlesBefore: leftOut.length,
    ...(newest >= 0 ? { newestBefore: inUtc(corpus.articles[newest]!.published, times.at(newest)) } : {}),
  };
}

/**
 * A digest of the whole corpus, with no topic: what every article together is about (generic mode).
 * Runs as `digestTopic` does. `tuning` is for the benchmark (summarize/tuning.ts); the bot leaves it out.
 */
export function digestAll(corpus: Corpus, budget: Budget = DEFAULT_BUDGET, tuning?: Partial<GenericTuning>): Digest {
  const started = performance.now();
  return corpus.workspace.run('digestAll', (scratch) => {
    const candidates = corpus.sentences.slice().map((sentence) => ({ sentence, relevance: 1 }));
    return summarize(corpus, scratch, null, candidates, { mode: 'generic', budget, singleSourceWeight: 0, ...(tuning ? { tuning } : {}) }, corpus.articles.length, started);
  });
}
