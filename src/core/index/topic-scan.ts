import type { TopicEntry } from '../types.ts';
import type { Lexicon } from './lexicon.ts';
import { packTopics, type ArticleTopics } from '../packed/topic-pack.ts';
import { findWords, JOIN, wordSpans } from '../text/words.ts';
import { WordTable, wordAt } from '../text/word-table.ts';
import { PairTable } from '../packed/pair-table.ts';

// Capitalised words that are calendar or address words, not things a digest is about.
const NOT_NAMES = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october',
  'november', 'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'mr', 'mrs', 'ms', 'dr', 'gen', 'president', 'minister', 'yes', 'no', 'us',
]);
const CONNECTORS = new Set(['of', 'al', 'bin', 'de', 'la', 'von', 'van', 'der']);
// Words that, next to a name, make it the one who reports rather than what is reported: "AFP
// reported", "quoting ...", "the DPA news agency" after it; "told Reuters", "told the AFP",
// "according to ANI" before it.
const REPORTS = 1;
const NEWS = 2;
const TOLD = 3;
const THE = 4;
const TO = 5;
const ACCORDING = 6;
const CUES: ReadonlyMap<string, number> = new Map([
  ['reported', REPORTS], ['reports', REPORTS], ['reporting', REPORTS], ['quoted', REPORTS], ['quoting', REPORTS], ['agency', REPORTS],
  ['news', NEWS], ['told', TOLD], ['the', THE], ['to', TO], ['according', ACCORDING],
]);
/** What may stand between two words of one name or phrase: spaces, and an abbreviation's dot. */
const GAP = /[\s.]/u;

// Without a part-of-speech tagger, word endings and reporting verbs keep verbs and adverbs
// out of key phrases: "provincial capitals" is a topic, "source said" is not.
const NOT_PHRASE_WORD = /(?:ly|ed|ing)$/;
const VERBISH = new Set([
  'said', 'says', 'told', 'took', 'take', 'takes', 'allows', 'made', 'make', 'gave', 'give', 'came', 'come',
  'went', 'left', 'lies', 'also', 'still', 'even', 'just', 'well', 'later', 'would', 'could', 'must', 'might',
  'according', 'including', 'within', 'without', 'among', 'amid', 'since', 'while', 'whose', 'where',
]);
/** Hostile input cannot grow the word cache, nor the pairs of its word ids, past about this. */
const MAX_WORDS = 500_000;
const isCapitalised = (w: string) => /^\p{Lu}/u.test(w) && w.length > 1;
// Words that count, order or place in time what they go with ("last year", "two-thirds", "second
// city", "former minister"): a closed class, like stopwords, that makes a description or a piece
// of a longer name, never a topic.
const COUNTING: ReadonlySet<string> = new Set([
  'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'twenty', 'thirty', 'forty',
  'fifty', 'hundred', 'hundreds', 'thousand', 'thousands', 'million', 'millions', 'billion', 'billions', 'dozen', 'dozens',
  'half', 'halves', 'third', 'thirds', 'quarter', 'quarters', 'first', 'second', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth',
  'ninth', 'tenth', 'last', 'next', 'past', 'previous', 'former', 'latest', 'least', 'more', 'most', 'much', 'many', 'several',
  'other', 'another', 'such', 'same', 'whole', 'both', 'each', 'every', 'either', 'neither', 'some', 'sole', 'only', 'certain',
  'various', 'largest', 'biggest', 'early', 'late',
]);
const phraseWord = (w: string) => /^\p{Ll}{4,}$/u.test(w) && !NOT_PHRASE_WORD.test(w) && !VERBISH.has(w) && !COUNTING.has(w);
/** A lower-case hyphenated compound that is a phrase on its own: "power-sharing", not "two-thirds". */
const compoundPhrase = (w: string) => /^\p{Ll}{3,}-\p{Ll}{3,}$/u.test(w) && !w.split('-').some((part) => COUNTING.has(part));

/** What the scanner needs to know of one written word; news repeats words, so each is judged once. */
interface WordInfo {
  id: number;
  /** The word without a possessive "'s", as names are written. */
  name: string;
  /** Capitalised and not a calendar or address word: part of a name. */
  nameWord: boolean;
  capitalised: boolean;
  connector: boolean;
  /** A lower-case hyphenated compound ("power-sharing"): a key phrase on its own. */
  compound: boolean;
  phraseWord: boolean;
  /** The word's form id as a compound phrase, or -1 before the first lookup. */
  compoundForm: number;
  /** The names this word starts. */
  names: NameNode | undefined;
  /** What the word says of a name beside it: see {@link CUES}. */
  cue: number;
}

/** A written name or phrase and the topic key it counts for. */
export interface TopicForm {
  name: string;
  kind: TopicEntry['kind'];
  /** Index into `keys`, or -1 when the form is no topic (numbers, stopword phrases). */
  key: number;
  /** A name written where it credits a report ("AFP reported", "told Reuters"): an outlet's place. */
  credit?: true;
}

/**
 * The names and phrases written anywhere in the articles, as small integer ids. It only grows and
 * is shared by every snapshot built with one lexicon, so an article analysed once keeps valid ids
 * across reloads; the keys depend on the lexicon alone.
 */
export interface TopicVocabulary {
  forms: TopicForm[];
  keys: string[];
  /** Sentence-initial names: counted only when the same name appears mid-sentence somewhere. */
  initials: string[];
  formId(name: string, kind: TopicEntry['kind']): number;
  /** The id of a name's form where it credits a report: the same key, counted apart. */
  creditId(name: string): number;
  initialId(name: string): number;
  keyId(key: string): number | undefined;
  lexicon: Lexicon;
}

export { initialsOf, mentionsOf, type ArticleTopics } from '../packed/topic-pack.ts';

/** Per lexicon, like the term dictionary: form and key ids only get added, so snapshots and loads can share them. */
const vocabularies = new WeakMap<Lexicon, TopicVocabulary>();

export function topicVocabulary(lexicon: Lexicon): TopicVocabulary {
  let vocabulary = vocabularies.get(lexicon);
  if (!vocabulary) vocabularies.set(lexicon, (vocabulary = createVocabulary(lexicon)));
  return vocabulary;
}

function createVocabulary(lexicon: Lexicon): TopicVocabulary {
  const forms: TopicForm[] = [];
  const formIds = new Map<string, number>();
  const keys: string[] = [];
  const keyIds = new Map<string, number>();
  const initials: string[] = [];
  const initialIds = new Map<string, number>();
  const keyOf = (name: string, kind: TopicEntry['kind']): string | null => {
    const terms = lexicon.terms(name);
    if (terms.length === 0 || terms.every((t) => /^\d+$/.test(t))) return null;
    // A phrase made partly of stopwords ("said they") is not a topic.
    if (kind === 'phrase' && terms.length < name.split(/[\s-]+/).length) return null;
    return lexicon.expand(name).phrases[0]?.join(' ') ?? terms.join(' ');
  };
  return {
    forms,
    keys,
    initials,
    lexicon,
    formId(name, kind) {
      const memo = kind === 'entity' ? `e${name}` : `p${name}`;
      let id = formIds.get(memo);
      if (id === undefined) {
        const key = keyOf(name, kind);
        let keyId = -1;
        if (key !== null) {
          keyId = keyIds.get(key) ?? -1;
          if (keyId < 0) keyIds.set(key, (keyId = keys.push(key) - 1));
        }
        formIds.set(memo, (id = forms.push({ name, kind, key: keyId }) - 1));
      }
      return id;
    },
    creditId(name) {
      const memo = `c${name}`;
      let id = formIds.get(memo);
      if (id === undefined) formIds.set(memo, (id = forms.push({ ...forms[this.formId(name, 'entity')]!, credit: true }) - 1));
      return id;
    },
    initialId(name) {
      let id = initialIds.get(name);
      if (id === undefined) initialIds.set(name, (id = initials.push(name) - 1));
      return id;
    },
    keyId: (key) => keyIds.get(key),
  };
}

/** A name as a run of words, and the ids it has had so far: mentions repeat, so each is looked up once. */
interface NameNode {
  /** The form id mid-sentence, or -1 before the first lookup. */
  entity: number;
  /** The sentence-initial id, or -1 before the first lookup. */
  initial: number;
  /** Longer names, by the id of their next word. */
  longer: Map<number, NameNode> | undefined;
}

const nameNode = (): NameNode => ({ entity: -1, initial: -1, longer: undefined });

/**
 * Finds the topic mentions of one article's sentences in one pass over the words of each
 * sentence: runs of capitalised words ("Ashraf Ghani", "Mazar-i-Sharif") and key phrases
 * (lower-case compounds and noun-like pairs of content words).
 */
export function createTopicScanner(vocabulary: TopicVocabulary): (sentences: readonly string[]) => ArticleTopics {
  const pairs = new PairTable();
  const judge = (raw: string, id: number): WordInfo => {
    const name = raw.replace(/[’']s$/u, '');
    const capitalised = isCapitalised(name);
    const lower = name.toLowerCase();
    return {
      id,
      name,
      nameWord: capitalised && !NOT_NAMES.has(lower),
      capitalised,
      connector: CONNECTORS.has(lower),
      compound: compoundPhrase(raw),
      phraseWord: phraseWord(raw),
      compoundForm: -1,
      names: undefined,
      cue: CUES.get(lower) ?? 0,
    };
  };
  const infos = new WordTable<WordInfo>();

  // Buffers reused by every sentence and article: the scanner runs synchronously.
  const spans = wordSpans();
  const words: WordInfo[] = [];
  /** Per word of the sentence: 1 when punctuation stands between it and the word before. */
  let apart = new Uint8Array(64);
  // The name being read is run[0..runLength): never shortened, as a cleared array loses its storage.
  const run: WordInfo[] = [];
  let runLength = 0;
  const mentions: number[] = [];
  let mentionCount = 0;
  const initials: number[] = [];
  const seenInitial = new Set<number>();

  const nameOf = (length: number) => (length === 1 ? run[0]!.name : run.slice(0, length).map((w) => w.name).join(' '));
  /** Whether the words around `words[start..end)` credit it with a report. */
  const credits = (start: number, end: number, count: number) => {
    const after = end < count ? words[end]!.cue : 0;
    const next = end + 1 < count ? words[end + 1]!.cue : 0;
    const before = start > 0 ? words[start - 1]!.cue : 0;
    const earlier = start > 1 ? words[start - 2]!.cue : 0;
    return after === REPORTS || (after === NEWS && next === REPORTS) || before === TOLD || (before === THE && earlier === TOLD) || (before === TO && earlier === ACCORDING);
  };
  /**
   * Counts the name in `run` (the words before `end`), if any is left once trailing connectors are
   * dropped, and empties it.
   */
  const flush = (initial: boolean, end: number, count: number) => {
    // A sentence's first word stays even when it is a connector ("Al"): it was not joined on.
    let length = runLength;
    while (length && run[length - 1]!.connector && !(initial && length === 1)) length--;
    if (length) {
      const first = run[0]!;
      let node = first.names ?? (first.names = nameNode());
      for (let i = 1; i < length; i++) {
        const id = run[i]!.id;
        node.longer ??= new Map();
        let longer = node.longer.get(id);
        if (!longer) node.longer.set(id, (longer = nameNode()));
        node = longer;
      }
      if (initial) {
        if (node.initial < 0) node.initial = vocabulary.initialId(nameOf(length));
        if (!seenInitial.has(node.initial)) {
          seenInitial.add(node.initial);
          initials.push(node.initial);
        }
      } else if (credits(end - runLength, end - runLength + length, count)) {
        mentions[mentionCount++] = vocabulary.creditId(nameOf(length));
      } else {
        if (node.entity < 0) node.entity = vocabulary.formId(nameOf(length), 'entity');
        mentions[mentionCount++] = node.entity;
      }
    }
    runLength = 0;
  };

  const scanSentence = (text: string) => {
    // Hostile input cannot grow the cache forever. Word ids start again, so pair keys go too; only
    // between sentences, so one sentence never mixes ids from before and after.
    if (infos.size >= MAX_WORDS) {
      infos.clear();
      pairs.clear();
    }
    findWords(text, spans, JOIN);
    const count = spans.length / 3;
    if (apart.length < count) apart = new Uint8Array(2 * count);
    for (let i = 0; i < count; i++) {
      const start = spans.at[3 * i]!;
      const end = spans.at[3 * i + 1]!;
      const hash = spans.at[3 * i + 2]!;
      words[i] = infos.find(text, start, end, hash) ?? infos.add(text, start, end, judge(wordAt(text, start, end), infos.size), hash);
      // Punctuation between two words ends a name or a phrase: "seized Herat, Afghanistan's
      // third-largest city" names two places, and '"took control," spokesman' is no phrase. An
      // abbreviation's dot does not.
      let split = false;
      for (let c = i > 0 ? spans.at[3 * i - 2]! : start; c < start && !split; c++) split = !GAP.test(text[c]!);
      apart[i] = split ? 1 : 0;
    }
    // Names: the first word of a sentence is capitalised anyway, so a run it starts counts only
    // if it is a name elsewhere too.
    let initial = false;
    for (let i = 0; i < count; i++) {
      const w = words[i]!;
      if (runLength && apart[i]) {
        flush(initial, i, count);
        initial = false;
      }
      if (w.nameWord) {
        if (i === 0) initial = true;
        run[runLength++] = w;
      } else if (runLength && w.connector && i + 1 < count && words[i + 1]!.capitalised && !apart[i + 1]) run[runLength++] = w;
      else if (runLength) {
        flush(initial, i, count);
        initial = false;
      }
    }
    if (runLength) flush(initial, count, count);
    for (let i = 0; i < count; i++) {
      const w = words[i]!;
      if (w.compound) {
        if (w.compoundForm < 0) w.compoundForm = vocabulary.formId(w.name, 'phrase');
        mentions[mentionCount++] = w.compoundForm;
      }
      if (i + 1 < count && w.phraseWord && !apart[i + 1]) {
        const next = words[i + 1]!;
        if (!next.phraseWord) continue;
        let id = pairs.get(w.id, next.id);
        if (id < 0) pairs.set(w.id, next.id, (id = vocabulary.formId(`${w.name} ${next.name}`, 'phrase')));
        mentions[mentionCount++] = id;
      }
    }
  };

  return (sentences) => {
    mentionCount = 0;
    initials.length = 0;
    seenInitial.clear();
    for (const text of sentences) scanSentence(text);
    return packTopics(mentions, mentionCount, initials);
  };
}
