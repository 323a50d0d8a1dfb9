import type { Article, SourceRef } from '../types.ts';
import type { Corpus } from '../index/snapshot.ts';
import { UNKNOWN_OUTLET } from '../index/metadata.ts';
import type { OutletNumbers } from '../index/query-workspace.ts';
import type { QueryScratch } from '../index/query-scratch.ts';

/**
 * An item lists at most this many of the articles that report it and counts the rest. A fact a
 * wire story spread is in thousands of articles: listing them all made a source line of thousands
 * of links (mostly the same few outlets), and their references were the largest allocation of a
 * /summary at 100,000 articles.
 */
export const SOURCES_LISTED = 6;

const LABEL_WORDS = 8;

/**
 * Who reported an article, as a reader is shown it: its outlet, or when none is known its title in
 * quotes, cut to its first words: a hash file name (001_22de3a7143e72ed7.txt) tells a reader nothing.
 */
export function sourceName(article: Article): string {
  if (article.source !== UNKNOWN_OUTLET) return article.source;
  const words = article.title.split(' ');
  if (words.length <= LABEL_WORDS) return `“${article.title}”`;
  return `“${words.slice(0, LABEL_WORDS).join(' ').replace(/[\s,;:.…—–-]+$/u, '')}…”`;
}

export function sourceRef(article: Article): SourceRef {
  // No spread of a conditional object: that made a second object per source.
  const ref: SourceRef = { title: article.title, source: sourceName(article), file: article.file };
  if (article.url) ref.url = article.url;
  return ref;
}

/**
 * Each article's outlet as a number, once per snapshot: a wire story's fact is in thousands of
 * articles, and reading each article's outlet name into a Set was most of the time a /summary spent citing.
 * Outlets are told apart as a reader sees them named (`sourceName`): two articles of no known outlet
 * are named by their titles, so the count of outlets names each of them.
 */
function outletsOf(corpus: Corpus): OutletNumbers {
  let outlets = corpus.workspace.outlets;
  if (!outlets) {
    const numbers = new Map<string, number>();
    const of = Int32Array.from(corpus.articles, (article) => {
      const source = sourceName(article);
      if (!numbers.has(source)) numbers.set(source, numbers.size);
      return numbers.get(source)!;
    });
    corpus.workspace.outlets = outlets = { of, count: numbers.size };
  }
  return outlets;
}

export interface Citations {
  /** Per item, the articles it lists: one per outlet first, in the order its sentences come. */
  sources: SourceRef[][];
  /** Per item, how many articles report it. */
  counts: number[];
  /** Every article some item lists, once, first listed first; each shares its reference with the items. */
  articles: SourceRef[];
  /** Articles that report any item, listed or not, or that a line under an item names, and their outlets. */
  articlesCited: number;
  outlets: number;
}

/** The articles, once each, of sentence `ids` in order, written into `order`; returns how many. `countedBy` marks them with `item` + 1. */
function articlesOf(corpus: Corpus, countedBy: Int32Array, order: Int32Array, ids: readonly number[], item: number): number {
  let n = 0;
  for (const id of ids) {
    const a = corpus.articleOf[id]!;
    if (countedBy[a] === item + 1) continue;
    countedBy[a] = item + 1;
    order[n++] = a;
  }
  return n;
}

/** Which of an item's `n` articles in `order` it lists: a new outlet first; others, in order, while room is left. */
function listed(outletOf: Int32Array, order: Int32Array, n: number): number[] {
  const places: number[] = [];
  const outletAt = (i: number) => outletOf[order[i]!];
  for (let i = 0; i < n && places.length < SOURCES_LISTED; i++) {
    if (!places.some((p) => outletAt(p) === outletAt(i))) places.push(i);
  }
  for (let i = 0; i < n && places.length < SOURCES_LISTED; i++) {
    if (!places.includes(i)) places.push(i);
  }
  return places.sort((x, y) => x - y).map((i) => order[i]!);
}

/**
 * The citations of each item, from the ids of the sentences that tell it (the quoted one first).
 * Each listed article has one reference, shared by every item that lists it and by `articles`.
 * `named` are the articles a line under each item names (a disagreement may quote an article that
 * tells the item's figure in passing, not its fact): counted with the rest, listed by none, so the
 * header counts every article and outlet a reader sees named.
 * Counts in the query's scratch (`CitingScratch`), zeroed again before it returns.
 */
export function citations(corpus: Corpus, scratch: QueryScratch, tellers: readonly (readonly number[])[], named: readonly (readonly number[])[] = []): Citations {
  const citing = scratch.citing;
  const count = corpus.articles.length;
  if (citing.countedBy.length < count) {
    citing.countedBy = new Int32Array(count);
    citing.cited = new Uint8Array(count);
    citing.order = new Int32Array(count);
    citing.touched = new Int32Array(count);
  }
  const { of: outletOf, count: outletCount } = outletsOf(corpus);
  if (citing.outletCounted.length < outletCount) citing.outletCounted = new Uint8Array(outletCount);
  const { countedBy, cited, order, touched, outletCounted } = citing;
  const refs = new Map<number, SourceRef>();
  const outlets: number[] = [];
  let touchedCount = 0;
  const cite = (a: number) => {
    if (cited[a]) return;
    cited[a] = 1;
    touched[touchedCount++] = a;
    if (outletCounted[outletOf[a]!]) return;
    outletCounted[outletOf[a]!] = 1;
    outlets.push(outletOf[a]!);
  };
  try {
    const counts: number[] = [];
    const sources = tellers.map((ids, item) => {
      const n = articlesOf(corpus, countedBy, order, ids, item);
      counts.push(n);
      for (let k = 0; k < n; k++) cite(order[k]!);
      return listed(outletOf, order, n).map((a) => {
        let ref = refs.get(a);
        if (!ref) refs.set(a, (ref = sourceRef(corpus.articles[a]!)));
        return ref;
      });
    });
    for (const articles of named) for (const a of articles) cite(a);
    return { sources, counts, articles: [...refs.values()], articlesCited: touchedCount, outlets: outlets.length };
  } finally {
    for (let k = 0; k < touchedCount; k++) countedBy[touched[k]!] = cited[touched[k]!] = 0;
    for (const o of outlets) outletCounted[o] = 0;
  }
}
