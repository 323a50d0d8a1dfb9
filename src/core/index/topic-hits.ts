import type { Corpus } from './snapshot.ts';

export const EMPTY = new Int32Array(0);

/**
 * The sentences that name a topic, ascending ids: those holding every term of one of its phrases
 * (`Lexicon.expand`), in any order. What `/summary` reads and what `/topics` counts, so the two
 * agree on how many articles name a topic.
 */
export function topicHits(corpus: Corpus, phrases: readonly (readonly string[])[]): Int32Array {
  return unionOf(phrases.map((phrase) => phraseHits(corpus, phrase)));
}

/** How many articles name a topic (have a sentence among its `topicHits`). */
export function articlesNaming(corpus: Corpus, phrases: readonly (readonly string[])[]): number {
  // One word: its article frequency, kept by the index, says as much without reading its postings.
  if (phrases.length === 1 && phrases[0]!.length === 1) return corpus.articleFreq.get(phrases[0]![0]!) ?? 0;
  return articlesOf(corpus, topicHits(corpus, phrases));
}

/** How many articles have a sentence among `hits` (ascending sentence ids). */
export function articlesOf(corpus: Corpus, hits: Int32Array): number {
  let n = 0;
  let last = -1;
  for (let i = 0; i < hits.length; i++) {
    const a = corpus.articleOf[hits[i]!]!;
    if (a !== last) n++;
    last = a;
  }
  return n;
}

/** Sentence ids containing every term of the phrase, ascending: a merge of the sorted postings. */
function phraseHits(corpus: Corpus, terms: readonly string[]): Int32Array {
  const lists = terms.map((t) => corpus.postings.get(t) ?? EMPTY).sort((a, b) => a.length - b.length);
  let hits = lists[0] ?? EMPTY;
  for (const list of lists.slice(1)) {
    const out = new Int32Array(hits.length);
    let n = 0;
    let j = 0;
    // Indexed: a for-of over a typed array made a result object per id wherever this ran unoptimized.
    for (let k = 0; k < hits.length; k++) {
      const id = hits[k]!;
      while (j < list.length && list[j]! < id) j++;
      if (j === list.length) break;
      if (list[j] === id) out[n++] = id;
    }
    hits = out.subarray(0, n);
  }
  return hits;
}

/** Ascending ids in any of the sorted lists, each once: pairwise merges, linear in their length. */
function unionOf(lists: Int32Array[]): Int32Array {
  let all = lists[0] ?? EMPTY;
  for (const list of lists.slice(1)) {
    const out = new Int32Array(all.length + list.length);
    let n = 0;
    let i = 0;
    let j = 0;
    while (i < all.length || j < list.length) {
      const a = i < all.length ? all[i]! : Infinity;
      const b = j < list.length ? list[j]! : Infinity;
      out[n++] = a <= b ? a : b;
      if (a <= b) i++;
      if (b <= a) j++;
    }
    all = out.subarray(0, n);
  }
  return all;
}

