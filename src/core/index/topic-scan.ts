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
const phraseWord = (w: string) => /^\p{Ll}{4,}$/u.test(w) && !NOT_PHRASE_WORD.test(w) && !VERBISH.has(w);

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
}

/** A written name or phrase and the topic key it counts for. */
export interface TopicForm {
  name: string;
  kind: TopicEntry['kind'];
  /** Index into `keys`, or -1 when the form is no topic (numbers, stopword phrases). */
  key: number;
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
      compound: /^\p{Ll}{3,}-\p{Ll}{3,}$/u.test(raw),
      phraseWord: phraseWord(raw),
      compoundForm: -1,
      names: undefined,
    };
  };
  const infos = new WordTable<WordInfo>();

  // Buffers reused by every sentence and article: the scanner runs synchronously.
  const spans = wordSpans();
  const words: WordInfo[] = [];
  // The name being read is run[0..runLength): never shortened, as a cleared array loses its storage.
  const run: WordInfo[] = [];
  let runLength = 0;
  const mentions: number[] = [];
  let mentionCount = 0;
  const initials: number[] = [];
  const seenInitial = new Set<number>();

  const nameOf = (length: number) => (length === 1 ? run[0]!.name : run.slice(0, length).map((w) => w.name).join(' '));
  /** Counts the name in `run`, if any is left once trailing connectors are dropped, and empties it. */
  const flush = (initial: boolean) => {
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
    for (let i = 0; i < count; i++) {
      const start = spans.at[3 * i]!;
      const end = spans.at[3 * i + 1]!;
      const hash = spans.at[3 * i + 2]!;
      words[i] = infos.find(text, start, end, hash) ?? infos.add(text, start, end, judge(wordAt(text, start, end), infos.size), hash);
    }
    // Names: the first word of a sentence is capitalised anyway, so a run it starts counts only
    // if it is a name elsewhere too.
    let initial = false;
    for (let i = 0; i < count; i++) {
      const w = words[i]!;
      if (w.nameWord) {
        if (i === 0) initial = true;
        run[runLength++] = w;
      } else if (runLength && w.connector && i + 1 < count && words[i + 1]!.capitalised) run[runLength++] = w;
      else if (runLength) {
        flush(initial);
        initial = false;
      }
    }
    if (runLength) flush(initial);
    for (let i = 0; i < count; i++) {
      const w = words[i]!;
      if (w.compound) {
        if (w.compoundForm < 0) w.compoundForm = vocabulary.formId(w.name, 'phrase');
        mentions[mentionCount++] = w.compoundForm;
      }
      if (i + 1 < count && w.phraseWord) {
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
