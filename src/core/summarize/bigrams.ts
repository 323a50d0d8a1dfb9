import type { Sentence } from '../types.ts';
import type { TextTools } from './figures.ts';
import { PairTable } from '../pair-table.ts';
import { isWordChar } from '../text/tokens.ts';

/**
 * Concepts of a summary of a whole collection, after Gillick and Favre's ICSI summarizer: pairs of
 * adjacent stemmed words, stopwords included unless both words are stopwords. A pair keeps the
 * small words that pin a claim down ("of Cambodia", "the coalition"), which bags of content words
 * lose, and it is what a reader's own summary of the same events repeats.
 */
export interface BigramConcepts {
  /** Per sentence: distinct concept ids, in order of first occurrence. */
  ids: Int32Array[];
  /** Per sentence, per concept: where the pair ends, as a share of the sentence's words (0..1]. */
  ends: Float64Array[];
  /** Worth of each concept: the documents that report it, each counting more the earlier it does. */
  weights: Float64Array;
  /** Number of documents that report each concept independently. */
  documents: Int32Array;
  /** How many documents must report a concept for it to count, to begin with: ICSI's 3 when it can. */
  bar: number;
  /** Per sentence: the stem id of every word, stopwords included, in order. */
  stems: Int32Array[];
}

/** ICSI's threshold: what fewer documents report is too often one writer's detail. */
const MIN_DOCUMENTS = 3;

/**
 * Reads the concepts of `sentences` and weighs each by the documents that report it, each
 * counting more the earlier it reports it (news puts what matters first): a document whose first
 * mention is its lead counts 2, a late mention counts a little over 1. Concepts fewer than `bar`
 * documents report are left for the selection to ignore.
 */
export function documentBigrams(sentences: readonly Sentence[], tools: TextTools): BigramConcepts {
  const coder = coderFor(tools);
  const words = sentences.map((s) => coder.read(s.text));
  const idOf = new PairTable();
  const lastIn: number[] = [];
  const ids: Int32Array[] = [];
  const ends: Float64Array[] = [];
  words.forEach((codes, s) => {
    const own: number[] = [];
    const at: number[] = [];
    for (let i = 1; i < codes.length; i++) {
      const a = codes[i - 1]!;
      const b = codes[i]!;
      if (a & b & 1) continue; // two stopwords
      let id = idOf.get(a >> 1, b >> 1);
      if (id < 0) {
        idOf.set(a >> 1, b >> 1, (id = idOf.size));
        lastIn.push(-1);
      }
      if (lastIn[id] === s) continue;
      lastIn[id] = s;
      own.push(id);
      at.push((i + 1) / codes.length);
    }
    ids.push(Int32Array.from(own));
    ends.push(Float64Array.from(at));
  });
  const stems = words.map((codes) => codes.map((code) => code >> 1));
  return { ids, ends, stems, ...weigh(sentences, ids, idOf.size) };
}

/** Words as written, split at anything that is not a letter or digit. */
const WORD = /[\p{L}\p{N}]+/gu;
const NOT_ASCII = /[^\x00-\x7f]/;

/**
 * `text.match(WORD)` for lowercased text. Most news text is ASCII, where a letter or digit is
 * a-z or 0-9: scanning the codes is several times faster than the Unicode pattern.
 */
export function splitWords(lower: string): string[] {
  if (NOT_ASCII.test(lower)) return lower.match(WORD) ?? [];
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 0;
    const inWord = isWordChar(c);
    if (inWord) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      words.push(lower.slice(start, i));
      start = -1;
    }
  }
  return words;
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

/** Reads texts into word codes: the id of the word's stem, doubled, plus 1 for a stopword. */
function wordCoder(tools: TextTools): { read(text: string): Int32Array; size(): number } {
  const stemIds = new Map<string, number>();
  const codes = new Map<string, number>();
  const codeOf = (word: string) => {
    let code = codes.get(word);
    if (code === undefined) {
      const stem = tools.stem(word);
      let id = stemIds.get(stem);
      if (id === undefined) stemIds.set(stem, (id = stemIds.size));
      codes.set(word, (code = 2 * id + (tools.stopwords.has(word) ? 1 : 0)));
    }
    return code;
  };
  const read = (text: string) => {
    const words = splitWords(text.toLowerCase());
    const out = new Int32Array(words.length);
    for (let i = 0; i < words.length; i++) out[i] = codeOf(words[i]!);
    return out;
  };
  return { read, size: () => codes.size };
}

function weigh(sentences: readonly Sentence[], ids: readonly Int32Array[], size: number): Pick<BigramConcepts, 'weights' | 'documents' | 'bar'> {
  const reported = independentReports(sentences);
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
      for (const c of ids[i]!) {
        if (seenIn[c] === article) continue;
        seenIn[c] = article;
        documents[c] = documents[c]! + 1;
        worth[c] = worth[c]! + 1 + 1 / (1 + sentences[i]!.position);
      }
    }
  }
  // Fewer than three documents can only all agree; and a bar no concept reaches is lowered, not kept.
  let bar = Math.min(MIN_DOCUMENTS, byArticle.size);
  while (bar > 1 && !documents.some((d) => d >= bar)) bar--;
  return { weights: worth, documents, bar };
}

/**
 * A sentence copied word for word from another document (the same wire story run twice, an
 * update that repeats its earlier version) is one report, not a second: only its first
 * occurrence is evidence of what the collection is about.
 */
function independentReports(sentences: readonly Sentence[]): Uint8Array {
  const seen = new Set<string>();
  const first = new Uint8Array(sentences.length);
  sentences.forEach((s, i) => {
    if (seen.has(s.text)) return;
    seen.add(s.text);
    first[i] = 1;
  });
  return first;
}
