import type { Sentence } from '../types.ts';
import type { TextTools } from './figures.ts';
import { PairTable } from '../packed/pair-table.ts';
import { WordTable, wordAt } from '../text/word-table.ts';
import { findWords, SPLIT, wordSpans } from '../text/words.ts';
import { GENERIC_TUNING, type GenericTuning } from './tuning.ts';

/**
 * Concepts of a summary of a whole collection, after Gillick and Favre's ICSI summarizer: pairs of
 * adjacent stemmed words, stopwords included unless both words are stopwords. A pair keeps the
 * small words that pin a claim down ("of Cambodia", "the coalition"), which bags of content words
 * lose, and it is what a reader's own summary of the same events repeats.
 */
export interface BigramConcepts {
  /** Per sentence: distinct concept ids, in order of first occurrence. */
  ids: Int32Array[];
  /** Worth of each concept: the documents that report it, each counting more the earlier it does. */
  weights: Float64Array;
  /** Number of documents that report each concept independently. */
  documents: Int32Array;
  /** How many documents must report a concept for it to count, to begin with: ICSI's 3 when it can. */
  bar: number;
  /** Per sentence: every word's code, stopwords included, in order (see `wordCoder`). */
  codes: Int32Array[];
}


/**
 * Reads the concepts of `sentences` and weighs each by the documents that report it, each
 * counting more the earlier it reports it (news puts what matters first): a document whose first
 * mention is its lead counts 1 + `leadWeight` (2), a late mention a little over 1. Concepts fewer
 * than `bar` documents report are left for the selection to ignore; `bar` starts at
 * `minDocuments`, ICSI's 3: what fewer documents report is too often one writer's detail.
 */
export function documentBigrams(
  sentences: readonly Sentence[],
  tools: TextTools,
  tuning: Pick<GenericTuning, 'minDocuments' | 'leadWeight'> = GENERIC_TUNING,
): BigramConcepts {
  const coder = coderFor(tools);
  // Loops rather than `.map`: the arrays `.map` made differed in kind from call to call, and each
  // new kind threw away this function's optimized code, four times on a cold start of 25 summaries.
  // Read once: a stored sentence's text is decoded anew at each read.
  const texts: string[] = [];
  const codes: Int32Array[] = [];
  for (const sentence of sentences) {
    const text = sentence.text;
    texts.push(text);
    codes.push(coder.read(text));
  }
  const { ids, size } = pairsOf(codes);
  return { ids, codes, ...weigh(sentences, texts, ids, size, tuning) };
}

/** The distinct pairs of each sentence's word codes, numbered. */
function pairsOf(codes: readonly Int32Array[]): { ids: Int32Array[]; size: number } {
  let total = 0;
  let longest = 0;
  for (let s = 0; s < codes.length; s++) {
    total += codes[s]!.length;
    longest = Math.max(longest, codes[s]!.length);
  }
  // A sentence has fewer pairs than words: sized so that nothing grows.
  const idOf = new PairTable(total);
  const lastIn = new Int32Array(total).fill(-1);
  const own = new Int32Array(longest);
  const ids: Int32Array[] = [];
  for (let s = 0; s < codes.length; s++) {
    const words = codes[s]!;
    let n = 0;
    for (let i = 1; i < words.length; i++) {
      const a = words[i - 1]!;
      const b = words[i]!;
      if (a & b & 1) continue; // two stopwords
      let id = idOf.get(a >> 1, b >> 1);
      if (id < 0) idOf.set(a >> 1, b >> 1, (id = idOf.size));
      if (lastIn[id] === s) continue;
      lastIn[id] = s;
      own[n++] = id;
    }
    ids.push(own.slice(0, n));
  }
  return { ids, size: idOf.size };
}

/** Enough for any real vocabulary; past it the codes start again, so hostile text cannot grow them forever. */
const MAX_CODES = 200_000;
const coders = new WeakMap<TextTools, ReturnType<typeof wordCoder>>();

/** The coder of `tools`, kept from call to call: a collection's words were mostly met before. */
function coderFor(tools: TextTools): ReturnType<typeof wordCoder> {
  let coder = coders.get(tools);
  // Only between calls, so one collection never mixes codes from before and after.
  if (!coder || coder.size() > MAX_CODES) coders.set(tools, (coder = wordCoder(tools)));
  return coder;
}

/**
 * Reads texts into word codes: the id of the word's stem, doubled, plus 1 for a stopword, for each
 * word of the lowercased text (`SPLIT`: split at anything not a letter or digit). A word met before
 * is found by its place in the text, with no substring made (see WordTable).
 */
function wordCoder(tools: TextTools): { read(text: string): Int32Array; size(): number } {
  const stemIds = new Map<string, number>();
  const table = new WordTable<number>();
  const codeOf = (text: string, start: number, end: number, hash: number): number => {
    const known = table.find(text, start, end, hash);
    if (known !== undefined) return known;
    const word = wordAt(text, start, end);
    const stem = tools.stem(word);
    let id = stemIds.get(stem);
    if (id === undefined) stemIds.set(stem, (id = stemIds.size));
    return table.add(text, start, end, 2 * id + (tools.stopwords.has(word) ? 1 : 0), hash);
  };
  const spans = wordSpans();
  const read = (text: string) => {
    const lower = text.toLowerCase();
    findWords(lower, spans, SPLIT);
    const { at, length } = spans;
    const out = new Int32Array(length / 3);
    for (let k = 0, w = 0; k < length; k += 3) out[w++] = codeOf(lower, at[k]!, at[k + 1]!, at[k + 2]!);
    return out;
  };
  return { read, size: () => table.size };
}

function weigh(
  sentences: readonly Sentence[],
  texts: readonly string[],
  ids: readonly Int32Array[],
  size: number,
  { minDocuments, leadWeight }: Pick<GenericTuning, 'minDocuments' | 'leadWeight'>,
): Pick<BigramConcepts, 'weights' | 'documents' | 'bar'> {
  const reported = independentReports(texts);
  const byArticle = new Map<number, number[]>();
  sentences.forEach((s, i) => {
    if (!reported[i]) return;
    const list = byArticle.get(s.articleId);
    if (list) list.push(i);
    else byArticle.set(s.articleId, [i]);
  });
  const documents = new Int32Array(size);
  const worth = new Float64Array(size);
  const seenIn = new Int32Array(size).fill(-1);
  for (const [article, list] of byArticle) {
    list.sort((a, b) => sentences[a]!.position - sentences[b]!.position);
    for (const i of list) {
      const own = ids[i]!;
      for (let k = 0; k < own.length; k++) {
        const c = own[k]!;
        if (seenIn[c] === article) continue;
        seenIn[c] = article;
        documents[c] = documents[c]! + 1;
        worth[c] = worth[c]! + 1 + leadWeight / (1 + sentences[i]!.position);
      }
    }
  }
  // Fewer than three documents can only all agree; and a bar no concept reaches is lowered, not kept.
  let bar = Math.min(minDocuments, byArticle.size);
  while (bar > 1 && !documents.some((d) => d >= bar)) bar--;
  return { weights: worth, documents, bar };
}

/**
 * A sentence copied word for word from another document (the same wire story run twice, an
 * update that repeats its earlier version) is one report, not a second: only its first
 * occurrence is evidence of what the collection is about.
 */
function independentReports(texts: readonly string[]): Uint8Array {
  const seen = new Set<string>();
  const first = new Uint8Array(texts.length);
  texts.forEach((text, i) => {
    if (seen.has(text)) return;
    seen.add(text);
    first[i] = 1;
  });
  return first;
}
