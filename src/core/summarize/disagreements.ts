import { sentencesOf, type Corpus } from '../index/snapshot.ts';
import { publishedTimes } from '../index/published.ts';
import { termEndAt, termStartAt, type Table } from '../packed/stored-sentence.ts';
import { termDictionary } from '../packed/term-dictionary.ts';
import type { Disagreement, SourceRef, Sentence } from '../types.ts';
import { findDisagreement, fullName, mayCount, NUMBER_WORDS, sameQuantity, scanFigures, type Figure, type FigureMention, type Published, type TextTools } from './figures.ts';

const DAY_MS = 86_400_000;

/**
 * Sentences read for a figure told in passing: a common name's postings run to thousands, and a
 * one-word name ("Anwar, 51,") is resolved by reading its whole article. At 5,000, `/summary` p99
 * at 100,000 articles went from 59 to 104 ms (bench:speed); at 500 it stays at 59.
 */
const MAX_IN_PASSING = 500;
/**
 * An age told in passing is compared only with reports at most this far from the leader's (when
 * both are dated): a person has a birthday.
 */
const IN_PASSING_MS = 30 * DAY_MS;

/**
 * Checks the figures of an item's quoted sentence against the other sentences that tell its fact
 * (its tellers): only they are about the same subject. But a person's age is told in passing, and
 * compared wherever the articles `keep` allows tell it (the digest counts the articles a line names).
 */
export function disagreementFinder(
  corpus: Corpus,
  tools: TextTools,
  sourceOf: (articleId: number) => SourceRef,
  keep?: (articleId: number) => boolean,
): (leader: Sentence, tellers: readonly number[]) => Disagreement | undefined {
  // A fact a wire story spread has thousands of tellers, most of them copies, and reading a
  // sentence's text may inflate its article: its term ids (no text) tell whether it has a number
  // at all, and copies (the same terms and words) are read once.
  const dictionary = termDictionary(corpus.lexicon).terms;
  const numberWords = numberTerms(tools);
  const numeric = new Map<number, boolean>();
  const isNumeric = (id: number) => {
    let yes = numeric.get(id);
    if (yes === undefined) numeric.set(id, (yes = numberWords.has(dictionary[id]!) || /\d/.test(dictionary[id]!)));
    return yes;
  };
  // Copies by a hash of their term ids, each checked in full: a string key per teller was most of the cost.
  const copies = new Map<number, { table: Table; start: number; end: number; words: number; scanned: Scanned }[]>();
  const { texts, firstSentence } = corpus.sentences;
  const scannedText = (id: number): Scanned => {
    const article = corpus.articleOf[id]!;
    const stored = texts[article]!;
    const position = id - firstSentence[article]!;
    const [table, start, end] = [stored.table, termStartAt(stored, position), termEndAt(stored, position)];
    let hash = 0x811c9dc5;
    let any = false;
    for (let i = start; i < end; i++) {
      any ||= isNumeric(table[i]!);
      hash = Math.imul(hash ^ table[i]!, 0x01000193);
    }
    if (!any) return NONE;
    const sentence = corpus.sentences.at(id);
    const words = sentence.words;
    const bucket = copies.get(hash) ?? [];
    const copy = bucket.find((c) => c.words === words && c.end - c.start === end - start && sameIds(c.table, c.start, table, start, end - start));
    if (copy) return copy.scanned;
    const text = sentence.text;
    const all = mayCount(text) ? scanFigures(text, tools) : [];
    const scanned = all.length === 0 ? NONE : { all, figures: unambiguous(all), frame: frameOf(text) };
    bucket.push({ table, start, end, words, scanned });
    copies.set(hash, bucket);
    return scanned;
  };
  // "Wang, 31," is the age of the one Wang its article names in full ("Wang Youcai"); a copy of the
  // sentence in another article may mean another Wang, so this is per sentence, not per copy.
  const named = new Map<number, Scanned>();
  const scannedOf = (id: number): Scanned => {
    const scanned = scannedText(id);
    if (!scanned.all.some((f) => f.kind === 'age' && !f.names[0]!.includes(' '))) return scanned;
    let resolved = named.get(id);
    if (!resolved) {
      const texts = sentencesOf(corpus, corpus.articleOf[id]!).map((s) => s.text);
      const all = scanned.all.map((f) => {
        const full = f.kind === 'age' && !f.names[0]!.includes(' ') ? fullName(f.nearest!, texts, tools.stopwords) : undefined;
        return full ? { ...f, unit: full.toLowerCase(), names: [full.toLowerCase()], nearest: full, unitText: `age of ${full}` } : f;
      });
      named.set(id, (resolved = { all, figures: unambiguous(all), frame: scanned.frame }));
    }
    return resolved;
  };
  const figuresOf = (id: number): Figure[] => scannedOf(id).figures;
  const times = publishedTimes(corpus);
  const published = (article: number): Published | undefined => {
    if (corpus.articles[article]!.undated) return undefined;
    const latest = times.latest(article);
    if (Number.isNaN(latest)) return undefined;
    // A date alone stands for its whole day; a time, for itself.
    return { earliest: times.at(article) === latest ? latest : latest - DAY_MS + 1, latest };
  };
  /**
   * A figure's values in the revisions of its sentence: other articles' sentences that are its words
   * but for their numbers ("trailing by 10 points in some polls and 18 in others", later "by 15 ...
   * and 20"), one version of a wire story sent again with new figures. Their figures stand in the
   * same order, so the k-th is the k-th's new value, though the sentence gives two values of it.
   */
  const revised = (leader: Sentence, scanned: Scanned, figure: Figure, tellers: readonly number[]): FigureMention[] => {
    const at = scanned.all.indexOf(figure);
    const mentions: FigureMention[] = [{ figure, article: leader.articleId }];
    for (const id of tellers) {
      const article = corpus.articleOf[id]!;
      if (article === leader.articleId) continue;
      const other = scannedOf(id);
      if (other.frame !== scanned.frame || other.all.length !== scanned.all.length || !other.all.every((f, k) => sameQuantity(f, scanned.all[k]!))) continue;
      mentions.push({ figure: other.all[at]!, article });
    }
    return mentions;
  };
  /**
   * A person's age is told in passing, in sentences about other facts ("The trial of Qin Yongmin,
   * 45, went on"): it is compared with that person's age in any other sentence of the articles the
   * digest may use, found through the postings of the name's words. Not a named thing's size ("the
   * 21-nation Asia-Pacific Economic Cooperation forum"): it changes at the very events a story is
   * about (three members joined APEC at the summit that cluster covers; 18 and 21 were both right).
   */
  const agesInPassing = (figure: Figure, leader: number, skip: ReadonlySet<number>): FigureMention[] => {
    const when = published(leader);
    const near = (article: number) => {
      const other = published(article);
      return !when || !other || Math.abs(other.latest - when.latest) <= IN_PASSING_MS;
    };
    const read = new Set(skip);
    const mentions: FigureMention[] = [];
    for (const term of corpus.lexicon.terms(figure.unit)) {
      const list = corpus.postings.get(term) ?? [];
      for (let k = 0; k < list.length && read.size < skip.size + MAX_IN_PASSING; k++) {
        const id = list[k]!;
        const article = corpus.articleOf[id]!;
        if (read.has(id) || (keep && !keep(article)) || !near(article)) continue;
        read.add(id);
        for (const f of figuresOf(id)) if (sameQuantity(f, figure)) mentions.push({ figure: f, article });
      }
    }
    return mentions;
  };
  return (leader, tellers) => {
    const scanned = scannedOf(leader.id);
    const own = scanned.figures;
    if (scanned.all.length === 0) return undefined;
    const mentions: FigureMention[] = own.map((figure) => ({ figure, article: leader.articleId }));
    for (const id of tellers) {
      if (id === leader.id) continue;
      const article = corpus.articleOf[id]!;
      for (const figure of figuresOf(id)) mentions.push({ figure, article });
    }
    // In text order: a figure the leader gives with another value of its quantity is compared only
    // with the same place in revisions of its sentence.
    for (const figure of scanned.all) {
      const disagreement = !own.includes(figure)
        ? findDisagreement(figure, leader.articleId, revised(leader, scanned, figure, tellers), published, sourceOf)
        : figure.kind === 'age'
          ? findDisagreement(figure, leader.articleId, [...mentions, ...agesInPassing(figure, leader.articleId, new Set(tellers).add(leader.id))], published, sourceOf)
          : findDisagreement(figure, leader.articleId, mentions, published, sourceOf);
      if (disagreement) return disagreement;
    }
    return undefined;
  };
}

/** A sentence's figures, those of any quantity it gives one value for, and its words with every number masked. */
interface Scanned {
  all: Figure[];
  figures: Figure[];
  frame: string;
}
const NONE: Scanned = { all: [], figures: [], frame: '' };

const NUMBER = new RegExp(`\\d+(?:[.,]\\d+)*|\\b(?:${NUMBER_WORDS.join('|')})\\b`, 'gi');
/** The words of a sentence but its numbers: two versions of one sentence with other figures have one frame. */
const frameOf = (text: string): string => text.toLowerCase().replace(NUMBER, '#').replace(/\s+/g, ' ').trim();

function sameIds(a: Table, from: number, b: Table, start: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (a[from + i] !== b[start + i]) return false;
  return true;
}

/** The terms number words become ("sixti", "ninth"): a sentence with none of them and no digit has no figure. */
function numberTerms(tools: TextTools): Set<string> {
  return new Set(NUMBER_WORDS.map((w) => tools.stem(w)));
}

/**
 * A sentence's figures less those of any quantity it gives two values for ("59 bodies were found
 * and six others died later"): which of them another sentence's value stands against is not known.
 */
function unambiguous(figures: Figure[]): Figure[] {
  return figures.filter((f) => !figures.some((g) => g !== f && sameQuantity(f, g) && g.value !== f.value));
}
