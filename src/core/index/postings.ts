import type { TermDictionary } from '../packed/term-dictionary.ts';
import { termEndAt, termStartAt, type ArticleText } from '../packed/stored-sentence.ts';

/** Term -> ids of the sentences that contain it, ascending. */
export interface Postings {
  /** A list the caller must not change: recently asked lists are shared. */
  get(term: string): Int32Array | undefined;
}

/** Term -> number of articles that contain it. */
export interface ArticleFrequencies {
  get(term: string): number | undefined;
}

export interface TermIndex {
  postings: Postings;
  articleFreq: ArticleFrequencies;
}

/**
 * Decoded lists kept for the next queries, in sentence ids: at most 32 MB. At 100,000 articles a
 * common term lists hundreds of thousands of sentences and takes milliseconds to decode; a query
 * asks for dozens of lists (figures, same-fact probes), so a small cache cost /summary a third.
 */
const CACHE_IDS = 1 << 23;

/**
 * Decoded postings lists kept for the next queries (at most CACHE_IDS ids), most recently used
 * last. Not part of a snapshot's data: a list it no longer holds is decoded again, the same, when
 * next asked for, so clearing it changes no answer, only how long a query takes. One per term
 * index (keyed by term id); whoever builds a snapshot may hand one in and keep it, to let go of
 * the lists without touching the snapshot.
 */
export class DecodedLists {
  readonly #lists = new Map<number, Int32Array>();
  #ids = 0;

  get(term: number): Int32Array | undefined {
    const list = this.#lists.get(term);
    if (list) {
      this.#lists.delete(term);
      this.#lists.set(term, list);
    }
    return list;
  }

  /** Keeps `list`, dropping the least recently used lists to make room; a list over the limit is not kept. */
  add(term: number, list: Int32Array): void {
    if (list.length > CACHE_IDS) return;
    for (const [key, old] of this.#lists) {
      if (this.#ids + list.length <= CACHE_IDS) break;
      this.#lists.delete(key);
      this.#ids -= old.length;
    }
    this.#lists.set(term, list);
    this.#ids += list.length;
  }

  clear(): void {
    this.#lists.clear();
    this.#ids = 0;
  }
}

/** Calls `each(sentenceId, articleId, termId)` for every term of every sentence, in order. */
function eachTerm(texts: readonly ArticleText[], each: (sentence: number, article: number, term: number) => void): void {
  let id = 0;
  for (let a = 0; a < texts.length; a++) {
    const t = texts[a]!;
    const ids = t.table;
    for (let p = 0; p < t.sentences; p++, id++) {
      for (let i = termStartAt(t, p), end = termEndAt(t, p); i < end; i++) each(id, a, ids[i]!);
    }
  }
}

const varintBytes = (v: number): number => (v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : 5);

/**
 * Inverts the articles' term ids into one byte array: per term, the ascending ids of the
 * sentences that hold it as gaps in 7-bit varints, mostly one byte each where a plain Int32Array
 * took four. Three passes (count, size, fill), no garbage while building. `get` decodes a list
 * when asked and keeps the most recent few in `lists`, so a query that asks for the same term
 * again is free.
 */
export function indexTerms(texts: readonly ArticleText[], dictionary: TermDictionary, lists = new DecodedLists()): TermIndex {
  const size = dictionary.terms.length;
  const counts = new Int32Array(size);
  const bytes = new Int32Array(size);
  const lastSentence = new Int32Array(size).fill(-1);
  const lastArticle = new Int32Array(size).fill(-1);
  const articles = new Int32Array(size);
  eachTerm(texts, (id, a, term) => {
    if (lastSentence[term] !== id) {
      bytes[term]! += varintBytes(id - lastSentence[term]! - 1);
      lastSentence[term] = id;
      counts[term]!++;
    }
    if (lastArticle[term] !== a) {
      lastArticle[term] = a;
      articles[term]!++;
    }
  });
  const start = new Int32Array(size + 1);
  for (let i = 0; i < size; i++) start[i + 1] = start[i]! + bytes[i]!;
  const all = new Uint8Array(start[size]!);
  const fill = start.slice(0, size);
  lastSentence.fill(-1);
  eachTerm(texts, (id, _a, term) => {
    if (lastSentence[term] === id) return;
    let gap = id - lastSentence[term]! - 1;
    lastSentence[term] = id;
    let at = fill[term]!;
    while (gap >= 0x80) {
      all[at++] = (gap & 0x7f) | 0x80;
      gap >>>= 7;
    }
    all[at++] = gap;
    fill[term] = at;
  });
  const known = (term: string): number | undefined => {
    const id = dictionary.find(term);
    return id !== undefined && id < size && articles[id]! > 0 ? id : undefined;
  };
  const decode = (term: number): Int32Array => {
    let list = lists.get(term);
    if (list) return list;
    list = new Int32Array(counts[term]!);
    let prev = -1;
    let at = start[term]!;
    for (let k = 0; k < list.length; k++) {
      let gap = 0;
      let shift = 0;
      let b = all[at++]!;
      while (b >= 0x80) {
        gap += (b & 0x7f) * 2 ** shift;
        shift += 7;
        b = all[at++]!;
      }
      prev += gap + b * 2 ** shift + 1;
      list[k] = prev;
    }
    lists.add(term, list);
    return list;
  };
  return {
    postings: {
      get(term) {
        const id = known(term);
        return id === undefined ? undefined : decode(id);
      },
    },
    articleFreq: {
      get(term) {
        const id = known(term);
        return id === undefined ? undefined : articles[id];
      },
    },
  };
}
