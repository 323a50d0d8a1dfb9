import type { TopicEntry } from '../types.ts';
import type { Corpus } from './snapshot.ts';
import { sentencesOf } from './snapshot.ts';
import { createTopicScanner, initialsOf, mentionsOf, topicVocabulary, type ArticleTopics, type TopicVocabulary } from './topic-scan.ts';

const MAX_TOPICS = 200;
const KINDS: TopicEntry['kind'][] = ['entity', 'phrase'];

/**
 * Per-key counts over one snapshot, in flat arrays indexed by the vocabulary's key ids: the
 * articles come in order, so "is this article counted yet" is a comparison with the last one.
 */
class Tallies {
  readonly kind: Int8Array;
  readonly lastArticle: Int32Array;
  readonly articles: Int32Array;
  readonly mentions: Int32Array;
  readonly formCount: Int32Array;
  private readonly listed: Uint8Array;
  /** Forms of each key in the order first met: the first names the topic, ties go to the earlier. */
  readonly forms = new Map<number, number[]>();

  constructor(readonly vocabulary: TopicVocabulary) {
    const keys = vocabulary.keys.length;
    this.kind = new Int8Array(keys).fill(-1);
    this.lastArticle = new Int32Array(keys).fill(-1);
    this.articles = new Int32Array(keys);
    this.mentions = new Int32Array(keys);
    this.formCount = new Int32Array(vocabulary.forms.length);
    this.listed = new Uint8Array(vocabulary.forms.length);
  }

  /**
   * Counts a mention; a form met for the first time is listed last among its key's, unless
   * `unlisted` (a sentence-initial name), which {@link list} lists later.
   */
  count(formId: number, article: number, unlisted = false): void {
    const key = this.vocabulary.forms[formId]!.key;
    if (key < 0) return;
    this.formCount[formId]!++;
    if (!unlisted) this.list(formId);
    if (this.lastArticle[key] !== article) {
      this.lastArticle[key] = article;
      this.articles[key]!++;
    }
    this.mentions[key]!++;
  }

  /** Lists a counted form after the forms its key has, unless it is listed; the first gives the key its kind. */
  list(formId: number): void {
    if (this.listed[formId] || this.formCount[formId] === 0) return;
    this.listed[formId] = 1;
    const form = this.vocabulary.forms[formId]!;
    const forms = this.forms.get(form.key);
    if (forms) forms.push(formId);
    else {
      this.forms.set(form.key, [formId]);
      this.kind[form.key] = form.kind === 'entity' ? 0 : 1;
    }
  }
}

function scanArticles(corpus: Corpus, vocabulary: TopicVocabulary): ArticleTopics[] {
  const scan = createTopicScanner(vocabulary);
  return corpus.articles.map((a) => scan(sentencesOf(corpus, a.id).map((s) => s.text)));
}

/**
 * The salient topics of a corpus: names (places, people, organisations) and key phrases,
 * with how many articles mention each. Chat adapters use the list for autocomplete.
 * Linear in the mentions: the text was scanned once per article when it was analysed.
 */
export function extractTopics(corpus: Corpus): TopicEntry[] {
  const vocabulary = topicVocabulary(corpus.lexicon);
  const perArticle = corpus.articleTopics ?? scanArticles(corpus, vocabulary);
  let t = new Tallies(vocabulary);
  // Sentence-initial names in the order first met.
  const initials: number[] = [];
  const metInitial = new Uint8Array(vocabulary.initials.length);
  perArticle.forEach((topics, article) => {
    for (const formId of mentionsOf(topics)) t.count(formId, article);
    for (const id of initialsOf(topics)) {
      if (metInitial[id]) continue;
      metInitial[id] = 1;
      initials.push(id);
    }
  });

  // A sentence-initial run is a name when the same run appears mid-sentence somewhere.
  const initialKey = (id: number): number | undefined => {
    const key = corpus.lexicon.expand(vocabulary.initials[id]!).phrases[0]?.join(' ');
    const keyId = key ? vocabulary.keyId(key) : undefined;
    return keyId !== undefined && keyId < t.kind.length && t.kind[keyId] !== -1 ? keyId : undefined;
  };
  const named = initials.filter((id) => initialKey(id) !== undefined);
  if (named.length > 0) {
    // Forming the names may grow the vocabulary: count again, names with the mentions of their
    // article, so every count stays in article order. A name's form is listed after the forms
    // met mid-sentence, as a name met first at the start of a sentence is the less usual spelling.
    const formOf = new Int32Array(vocabulary.initials.length).fill(-1);
    for (const id of named) formOf[id] = vocabulary.formId(vocabulary.initials[id]!, 'entity');
    t = new Tallies(vocabulary);
    perArticle.forEach((topics, article) => {
      for (const formId of mentionsOf(topics)) t.count(formId, article);
      for (const id of initialsOf(topics)) if (formOf[id]! >= 0) t.count(formOf[id]!, article, true);
    });
    for (const id of named) t.list(formOf[id]!);
  }
  return ranked(t, corpus);
}

function ranked(t: Tallies, corpus: Corpus): TopicEntry[] {
  const kept: number[] = [];
  for (const key of t.forms.keys()) {
    if (t.kind[key] === 0 ? t.mentions[key]! >= 2 || t.articles[key]! >= 2 : t.articles[key]! >= 2) kept.push(key);
  }
  const byCounts = (a: number, b: number) =>
    t.articles[b]! - t.articles[a]! || t.kind[a]! - t.kind[b]! || t.mentions[b]! - t.mentions[a]!;
  kept.sort(byCounts);
  // Names break ties only: those tied with the last place are named and sorted in full.
  let end = Math.min(kept.length, MAX_TOPICS);
  while (end > 0 && end < kept.length && byCounts(kept[end - 1]!, kept[end]!) === 0) end++;
  const { forms } = t.vocabulary;
  return kept
    .slice(0, end)
    .map((key) => {
      const formIds = t.forms.get(key)!;
      const canonical = corpus.lexicon.expand(forms[formIds[0]!]!.name).canonical;
      return { name: displayForm(formIds.map((f) => [forms[f]!.name, t.formCount[f]!] as const), canonical), kind: KINDS[t.kind[key]!]!, articles: t.articles[key]!, mentions: t.mentions[key]! };
    })
    .sort((a, b) => b.articles - a.articles || (a.kind === b.kind ? 0 : a.kind === 'entity' ? -1 : 1) || b.mentions - a.mentions || a.name.localeCompare(b.name))
    .slice(0, MAX_TOPICS);
}

function displayForm(forms: readonly (readonly [string, number])[], canonical: string | undefined): string {
  const named = canonical && forms.find(([f]) => f.toLowerCase() === canonical.toLowerCase());
  if (named) return named[0];
  return [...forms].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length || a[0].localeCompare(b[0]))[0]![0];
}
