import type { Lexicon } from '../index/lexicon.ts';

/**
 * Every index term ever seen with one lexicon, as a dense integer id. It only grows and is shared
 * by every snapshot of that lexicon, so an article analysed once keeps valid ids across reloads.
 */
export interface TermDictionary {
  /** Term of each id. */
  readonly terms: string[];
  idOf(term: string): number;
  /** The id of a known term, without adding it. */
  find(term: string): number | undefined;
}

/** Per lexicon, not per snapshot: ids only get added and never change, so sharing them is what keeps them valid across reloads. */
const dictionaries = new WeakMap<Lexicon, TermDictionary>();

export function termDictionary(lexicon: Lexicon): TermDictionary {
  let dictionary = dictionaries.get(lexicon);
  if (!dictionary) {
    const ids = new Map<string, number>();
    const terms: string[] = [];
    dictionary = {
      terms,
      idOf(term) {
        let id = ids.get(term);
        if (id === undefined) ids.set(term, (id = terms.push(term) - 1));
        return id;
      },
      find: (term) => ids.get(term),
    };
    dictionaries.set(lexicon, dictionary);
  }
  return dictionary;
}
