import type { Corpus } from './corpus.ts';
import { sentencesOf } from './corpus.ts';
import type { Candidate } from './summarize/select.ts';

/** How far a thread is followed past a sentence that names the topic. */
const CONTINUATION = [0.6, 0.36];
/** Every sentence of an article that is about the topic as a whole says something about it. */
const FOCUS_BASELINE = 0.5;
/** Articles read for one digest at most; the best matches first. Keeps /summary fast on big corpora. */
const MAX_ARTICLES = 40;
const FOCUS_SHORTLIST = 5 * MAX_ARTICLES;

/** Sentence ids containing every term of the phrase, ascending: a merge of the sorted postings. */
function phraseHits(corpus: Corpus, terms: readonly string[]): Int32Array {
  const lists = terms.map((t) => corpus.postings.get(t) ?? EMPTY).sort((a, b) => a.length - b.length);
  let hits = lists[0] ?? EMPTY;
  for (const list of lists.slice(1)) {
    const out = new Int32Array(hits.length);
    let n = 0;
    let j = 0;
    for (const id of hits) {
      while (j < list.length && list[j]! < id) j++;
      if (j === list.length) break;
      if (list[j] === id) out[n++] = id;
    }
    hits = out.subarray(0, n);
  }
  return hits;
}
const EMPTY = new Int32Array(0);

/** Matches a one-word topic only where it is glued into a hyphenated compound. */
function compoundOnly(topic: string): ((text: string) => boolean) | undefined {
  const word = topic.trim().toLowerCase();
  if (!/^[\p{L}\p{N}]+$/u.test(word)) return undefined;
  const alone = new RegExp(`(?<![\\p{L}\\p{N}-])${word}(?![\\p{L}\\p{N}-])`, 'iu');
  const glued = new RegExp(`[\\p{L}\\p{N}]-${word}|${word}-[\\p{L}\\p{N}]`, 'iu');
  return (text) => glued.test(text) && !alone.test(text);
}

export interface TopicMatch {
  canonical: string;
  candidates: Candidate[];
  /** Articles that mention the topic at all. */
  articlesMatched: number;
}

/**
 * The sentences that speak about a topic: those that name it, the ones that carry its
 * thread on right after, and, in articles that are about the topic as a whole, the rest
 * at a lower weight. A topic that is one thread in bigger stories ("herat") gets that
 * thread, not the whole stories.
 */
export function selectTopic(corpus: Corpus, topic: string): TopicMatch {
  const { canonical, phrases } = corpus.lexicon.expand(topic);
  const hits = new Set<number>();
  for (const phrase of phrases) for (const id of phraseHits(corpus, phrase)) hits.add(id);

  // "the Kabul-Kandahar highway" names Kandahar only to say where a highway runs.
  const inCompound = compoundOnly(topic);
  const weak = new Set(inCompound ? [...hits].filter((id) => inCompound(corpus.sentences[id]!.text)) : []);
  const mentions = new Map<number, number>();
  for (const id of hits) {
    const a = corpus.sentences[id]!.articleId;
    mentions.set(a, (mentions.get(a) ?? 0) + 1);
  }
  const focused = (articleId: number) => {
    const sentences = sentencesOf(corpus, articleId);
    const title = new Set(corpus.lexicon.terms(corpus.articles[articleId]!.title));
    const inTitle = phrases.some((p) => p.every((t) => title.has(t)));
    const inLead = sentences.some((s) => s.paragraph === 0 && hits.has(s.id));
    return inTitle || inLead || (mentions.get(articleId) ?? 0) >= 0.25 * sentences.length;
  };
  // Focus costs a look at the title: judge it only for the articles that mention the topic most.
  const ranked = [...mentions.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, FOCUS_SHORTLIST)
    .map(([articleId, m]) => ({ articleId, focused: focused(articleId), score: m / (m + 1.2) }))
    .map((a) => ({ ...a, score: a.score + (a.focused ? 1 : 0) }))
    .sort((a, b) => b.score - a.score || a.articleId - b.articleId)
    .slice(0, MAX_ARTICLES);

  const candidates: Candidate[] = [];
  for (const { articleId, focused: isFocused } of ranked) {
    const sentences = sentencesOf(corpus, articleId);
    const relevance: number[] = sentences.map(() => (isFocused ? FOCUS_BASELINE : 0));
    sentences.forEach((s, i) => {
      if (!hits.has(s.id)) return;
      relevance[i] = weak.has(s.id) ? 0.3 : 1;
      if (weak.has(s.id)) return;
      for (let k = 0; k < CONTINUATION.length; k++) {
        const next = sentences[i + 1 + k];
        if (!next || hits.has(next.id)) break;
        // A phrase topic is narrow: its thread goes on only through sentences that keep part of it.
        if (phrases[0]!.length > 1 && !phrases.some((p) => p.some((t) => next.terms.includes(t)))) break;
        // Crossing into a new paragraph, the thread goes on only from a paragraph's last sentence.
        if (next.paragraph !== s.paragraph && k > 0) break;
        relevance[i + 1 + k] = Math.max(relevance[i + 1 + k]!, CONTINUATION[k]!);
      }
    });
    sentences.forEach((s, i) => {
      if (relevance[i]! > 0) candidates.push({ sentence: s, relevance: relevance[i]! });
    });
  }
  return { canonical, candidates, articlesMatched: mentions.size };
}
