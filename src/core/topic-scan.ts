import type { TopicEntry } from './types.ts';
import type { Lexicon } from './lexicon.ts';

// Capitalised words that are calendar or address words, not things a digest is about.
const NOT_NAMES = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october',
  'november', 'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'mr', 'mrs', 'ms', 'dr', 'gen', 'president', 'minister', 'yes', 'no', 'us',
]);
const CONNECTORS = new Set(['of', 'al', 'bin', 'de', 'la', 'von', 'van', 'der']);
const WORD = /[\p{L}\p{N}][\p{L}\p{N}’'-]*/gu;

// Without a part-of-speech tagger, word endings and reporting verbs keep verbs and adverbs
// out of key phrases: "provincial capitals" is a topic, "source said" is not.
const NOT_PHRASE_WORD = /(?:ly|ed|ing)$/;
const VERBISH = new Set([
  'said', 'says', 'told', 'took', 'take', 'takes', 'allows', 'made', 'make', 'gave', 'give', 'came', 'come',
  'went', 'left', 'lies', 'also', 'still', 'even', 'just', 'well', 'later', 'would', 'could', 'must', 'might',
  'according', 'including', 'within', 'without', 'among', 'amid', 'since', 'while', 'whose', 'where',
]);
/** Below 2 ** 24, so two word ids pack into one exact number. */
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

/**
 * Where an article mentions topics, packed in one one-byte string of 7-bit varints: the number of
 * mentions, the form ids in reading order, then the ids of its distinct sentence-initial names.
 * Frequent forms get small ids, so most take one or two bytes where an Int32Array took four.
 */
export type ArticleTopics = string;

function packTopics(mentions: readonly number[], initials: readonly number[]): ArticleTopics {
  const bytes: number[] = [];
  const put = (value: number) => {
    let v = value;
    while (v >= 0x80) {
      bytes.push((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    bytes.push(v);
  };
  put(mentions.length);
  for (const m of mentions) put(m);
  for (const i of initials) put(i);
  return Buffer.from(bytes).toString('latin1');
}

/** Every number in `topics`, in order. */
function unpackTopics(topics: ArticleTopics): Int32Array {
  const out: number[] = [];
  for (let at = 0; at < topics.length; ) {
    let value = 0;
    let shift = 0;
    let b = topics.charCodeAt(at++);
    while (b >= 0x80) {
      value += (b & 0x7f) * 2 ** shift;
      shift += 7;
      b = topics.charCodeAt(at++);
    }
    out.push(value + b * 2 ** shift);
  }
  return Int32Array.from(out);
}

export const mentionsOf = (topics: ArticleTopics): Int32Array => {
  const all = unpackTopics(topics);
  return all.subarray(1, 1 + all[0]!);
};
export const initialsOf = (topics: ArticleTopics): Int32Array => {
  const all = unpackTopics(topics);
  return all.subarray(1 + all[0]!);
};

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

/**
 * Finds the topic mentions of one article's sentences in one pass of the word pattern per
 * sentence: runs of capitalised words ("Ashraf Ghani", "Mazar-i-Sharif") and key phrases
 * (lower-case compounds and noun-like pairs of content words).
 */
export function createTopicScanner(vocabulary: TopicVocabulary): (sentences: readonly string[]) => ArticleTopics {
  const infos = new Map<string, WordInfo>();
  const pairs = new Map<number, number>();
  const infoOf = (raw: string): WordInfo => {
    let info = infos.get(raw);
    if (info === undefined) {
      // Hostile input cannot grow the cache forever.
      if (infos.size >= MAX_WORDS) {
        infos.clear();
        pairs.clear();
        nextWordId = 0;
      }
      const name = raw.replace(/[’']s$/u, '');
      const capitalised = isCapitalised(name);
      const lower = name.toLowerCase();
      info = {
        id: nextWordId++,
        name,
        nameWord: capitalised && !NOT_NAMES.has(lower),
        capitalised,
        connector: CONNECTORS.has(lower),
        compound: /^\p{Ll}{3,}-\p{Ll}{3,}$/u.test(raw),
        phraseWord: phraseWord(raw),
      };
      infos.set(raw, info);
    }
    return info;
  };
  let nextWordId = 0;
  const words: WordInfo[] = [];
  const run: WordInfo[] = [];

  return (sentences) => {
    const mentions: number[] = [];
    const initials: number[] = [];
    const seenInitial = new Set<number>();
    for (const text of sentences) {
      words.length = 0;
      WORD.lastIndex = 0;
      for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) words.push(infoOf(m[0]));
      // Names: the first word of a sentence is capitalised anyway, so a run it starts counts only
      // if it is a name elsewhere too.
      let initial = false;
      const flush = () => {
        // A sentence's first word stays even when it is a connector ("Al"): it was not joined on.
        while (run.length && run[run.length - 1]!.connector && !(initial && run.length === 1)) run.pop();
        if (run.length) {
          const name = run.length === 1 ? run[0]!.name : run.map((w) => w.name).join(' ');
          if (initial) {
            const id = vocabulary.initialId(name);
            if (!seenInitial.has(id)) {
              seenInitial.add(id);
              initials.push(id);
            }
          } else mentions.push(vocabulary.formId(name, 'entity'));
        }
        run.length = 0;
        initial = false;
      };
      for (let i = 0; i < words.length; i++) {
        const w = words[i]!;
        if (w.nameWord) {
          if (i === 0) initial = true;
          run.push(w);
        } else if (run.length && w.connector && i + 1 < words.length && words[i + 1]!.capitalised) run.push(w);
        else flush();
      }
      flush();
      for (let i = 0; i < words.length; i++) {
        const w = words[i]!;
        if (w.compound) mentions.push(vocabulary.formId(w.name, 'phrase'));
        const next = words[i + 1];
        if (next && w.phraseWord && next.phraseWord) {
          const pair = w.id * 2 ** 24 + next.id;
          let id = pairs.get(pair);
          if (id === undefined) pairs.set(pair, (id = vocabulary.formId(`${w.name} ${next.name}`, 'phrase')));
          mentions.push(id);
        }
      }
    }
    return packTopics(mentions, initials);
  };
}
