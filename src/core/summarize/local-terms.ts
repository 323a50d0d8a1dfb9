import type { Sentence } from '../types.ts';
import { StoredSentence } from '../stored-sentence.ts';

/**
 * The content terms of some sentences as small ids of their own, numbered in order of first
 * occurrence: what a query compares and weighs, read once. Stored sentences are read by their
 * corpus term ids, so no term string is made and no string is hashed; other sentences by text.
 */
export interface LocalTerms {
  /** Per sentence, the local id of each of its terms, in order, repeats kept. */
  ids: Int32Array[];
  /** The term of each local id. */
  terms: string[];
}

export function localTerms(sentences: readonly Sentence[]): LocalTerms {
  const dictionary = sentences.length > 0 ? StoredSentence.dictionaryOf(sentences[0]!) : undefined;
  if (dictionary && sentences.every((s) => StoredSentence.dictionaryOf(s) === dictionary)) return byCorpusIds(sentences, dictionary);
  const local = new Map<string, number>();
  const terms: string[] = [];
  const ids = sentences.map((s) =>
    Int32Array.from(s.terms, (term) => {
      let id = local.get(term);
      if (id === undefined) local.set(term, (id = terms.push(term) - 1));
      return id;
    }),
  );
  return { ids, terms };
}

/** Local id + 1 of each corpus term id, 0 when unseen; reset after each use. Queries run one at a time. */
let localOf = new Int32Array(0);

function byCorpusIds(sentences: readonly Sentence[], dictionary: readonly string[]): LocalTerms {
  if (localOf.length < dictionary.length) localOf = new Int32Array(Math.max(dictionary.length, 2 * localOf.length));
  const corpusIds: number[] = [];
  try {
    const ids = sentences.map((s) => {
      const table = StoredSentence.termTable(s)!;
      const start = StoredSentence.termStart(s);
      const out = new Int32Array(StoredSentence.termEnd(s) - start);
      for (let k = 0; k < out.length; k++) {
        const id = table[start + k]!;
        let local = localOf[id]! - 1;
        if (local < 0) localOf[id] = (local = corpusIds.push(id) - 1) + 1;
        out[k] = local;
      }
      return out;
    });
    return { ids, terms: corpusIds.map((id) => dictionary[id]!) };
  } finally {
    for (const id of corpusIds) localOf[id] = 0;
  }
}
