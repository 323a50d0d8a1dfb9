import type { Sentence } from '../types.ts';
import { StoredSentence } from '../packed/stored-sentence.ts';
import type { LocalIdScratch, QueryScratch } from '../index/query-scratch.ts';

/**
 * The content terms of some sentences as small ids of their own, numbered in order of first
 * occurrence: what a query compares and weighs, read once. Stored sentences are read by their
 * corpus term ids, so no term string is made and no string is hashed; other sentences by text.
 *
 * One flat array for all sentences rather than one per sentence: a common topic's thousand
 * sentences each had their own, and those arrays were most of what its query kept alive long
 * enough to be promoted into the old generation, bringing on full collections.
 */
export interface LocalTerms {
  /** The local id of each term of every sentence, sentence after sentence, repeats kept. */
  ids: Int32Array;
  /** Sentence i's ids are `ids[start[i]]` up to `ids[start[i + 1]]`; one entry more than sentences. */
  start: Int32Array;
  /** The term of each local id. */
  terms: string[];
}

/** Stored sentences are numbered in the query's `scratch`, left as it was found. */
export function localTerms(sentences: readonly Sentence[], scratch: QueryScratch): LocalTerms {
  const dictionary = sentences.length > 0 ? StoredSentence.dictionaryOf(sentences[0]!) : undefined;
  if (dictionary && sentences.every((s) => StoredSentence.dictionaryOf(s) === dictionary)) return byCorpusIds(sentences, dictionary, scratch.localIds);
  const start = new Int32Array(sentences.length + 1);
  sentences.forEach((s, i) => (start[i + 1] = start[i]! + s.terms.length));
  const ids = new Int32Array(start[sentences.length]!);
  const local = new Map<string, number>();
  const terms: string[] = [];
  let k = 0;
  for (const s of sentences) {
    for (const term of s.terms) {
      let id = local.get(term);
      if (id === undefined) local.set(term, (id = terms.push(term) - 1));
      ids[k++] = id;
    }
  }
  return { ids, start, terms };
}

function byCorpusIds(sentences: readonly Sentence[], dictionary: readonly string[], scratch: LocalIdScratch): LocalTerms {
  if (scratch.localOf.length < dictionary.length) scratch.localOf = new Int32Array(Math.max(dictionary.length, 2 * scratch.localOf.length));
  const localOf = scratch.localOf;
  const start = new Int32Array(sentences.length + 1);
  sentences.forEach((s, i) => (start[i + 1] = start[i]! + StoredSentence.termEnd(s) - StoredSentence.termStart(s)));
  const ids = new Int32Array(start[sentences.length]!);
  const corpusIds: number[] = [];
  try {
    let k = 0;
    for (const s of sentences) {
      const table = StoredSentence.termTable(s)!;
      for (let t = StoredSentence.termStart(s), end = StoredSentence.termEnd(s); t < end; t++) {
        const id = table[t]!;
        let local = localOf[id]! - 1;
        if (local < 0) localOf[id] = (local = corpusIds.push(id) - 1) + 1;
        ids[k++] = local;
      }
    }
    return { ids, start, terms: corpusIds.map((id) => dictionary[id]!) };
  } finally {
    for (const id of corpusIds) localOf[id] = 0;
  }
}
