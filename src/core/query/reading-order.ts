import type { Sentence } from '../types.ts';
import type { Corpus } from '../index/snapshot.ts';
import type { Group, Selection } from '../summarize/contract.ts';
import { byCodeUnits } from '../text/code-order.ts';

/**
 * Items in reading order. The first chosen item leads: a selector picks first what states the
 * main development (contract.ts). The others follow as articles tell them, what articles say first
 * coming first, earlier reports before later ones. Two items that are consecutive sentences of one
 * article stay together in their order, so that "The move ..." comes right after the move.
 */
export function readingOrder(corpus: Corpus, selection: Selection): Group[] {
  const { items } = selection;
  if (items.length === 0) return [];
  const date = (s: Sentence) => corpus.articles[s.articleId]!.published.slice(0, 10);
  const [first, ...rest] = items;
  rest.sort((a, b) => a.leader.position - b.leader.position || byCodeUnits(date(a.leader), date(b.leader)) || a.leader.id - b.leader.id);
  return keepSequencesTogether([first!, ...rest]);
}

/** Moves each item that is the next sentence of another item's article right after it; the first item keeps its place. */
function keepSequencesTogether(ordered: Group[]): Group[] {
  const out = [...ordered];
  for (const item of ordered) {
    const { articleId, position } = item.leader;
    const before = out.find((g) => g.leader.articleId === articleId && g.leader.position === position - 1);
    // The first item leads the digest.
    if (!before || item === out[0]) continue;
    out.splice(out.indexOf(item), 1);
    out.splice(out.indexOf(before) + 1, 0, item);
  }
  return out;
}
