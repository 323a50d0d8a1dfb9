import type { TopicEntry } from '../types.ts';
import type { Corpus } from './snapshot.ts';
import type { CleanRules } from '../text/clean-rules.ts';
import { articlesNaming } from './topic-hits.ts';
import { UNKNOWN_OUTLET } from './metadata.ts';
import { sentencesOf } from './snapshot.ts';
import { createTopicScanner, initialsOf, mentionsOf, topicVocabulary, type ArticleTopics, type TopicVocabulary } from './topic-scan.ts';

const MAX_TOPICS = 200;
/** A one-word name that more than this many times as many articles hold in any case as capitalise it is a common word. */
const COMMON_WORD = 2;
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
  /** Mentions that credit a report ("AFP reported", "told Reuters"). */
  readonly credits: Int32Array;
  /** Articles that mention the key more than once. */
  readonly dwelling: Int32Array;
  /** Mentions of the key in the article counted last. */
  private readonly inArticle: Int32Array;
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
    this.credits = new Int32Array(keys);
    this.dwelling = new Int32Array(keys);
    this.inArticle = new Int32Array(keys);
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
      this.inArticle[key] = 0;
    }
    if (++this.inArticle[key]! === 2) this.dwelling[key]!++;
    this.mentions[key]!++;
    if (this.vocabulary.forms[formId]!.credit) this.credits[key]!++;
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

/** The news agencies the cleaning rules know by name ("AFP", "associated press"), in every spelling given. */
export function knownOutlets(clean: Pick<CleanRules, 'sourceNames'>): string[] {
  const names: string[] = [];
  // An empty display name marks a generic word ("agency", "staff"), not an outlet.
  for (const [spelling, name] of clean.sourceNames) if (name !== '') names.push(spelling, name);
  return names;
}

/**
 * The salient topics of a corpus: names (places, people, organisations) and key phrases,
 * with how many articles mention each. Chat adapters use the list for autocomplete.
 * Linear in the mentions: the text was scanned once per article when it was analysed.
 * `outlets` are names that are no topic however often they come up: who reports is not what is
 * reported. The articles' own outlets are added to them.
 */
export function extractTopics(corpus: Corpus, outlets: readonly string[] = []): TopicEntry[] {
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
  return ranked(t, corpus, outletKeys(corpus, vocabulary, outlets));
}

/** The key ids of the outlets' names, and of every outlet an article names as its source. */
function outletKeys(corpus: Corpus, vocabulary: TopicVocabulary, outlets: readonly string[]): Set<number> {
  const names = new Set(outlets);
  for (const article of corpus.articles) if (article.source !== UNKNOWN_OUTLET) names.add(article.source);
  const keys = new Set<number>();
  for (const name of names) {
    const key = corpus.lexicon.expand(name).phrases[0]?.join(' ');
    const id = key === undefined ? undefined : vocabulary.keyId(key);
    if (id !== undefined) keys.add(id);
  }
  return keys;
}

function ranked(t: Tallies, corpus: Corpus, outlets: ReadonlySet<number>): TopicEntry[] {
  const kept: number[] = [];
  for (const key of t.forms.keys()) {
    // Who reports is not what is reported: a known outlet, or a name that mostly credits a report.
    if (outlets.has(key) || 2 * t.credits[key]! >= t.mentions[key]!) continue;
    // A name is specific by itself. A phrase ("local media", "important gain") may be what a
    // writer passes by on the way to something else: it is a topic when articles dwell on it, two
    // of them mentioning it more than once.
    if (t.kind[key] === 0 ? t.mentions[key]! >= 2 || t.articles[key]! >= 2 : t.dwelling[key]! >= 2) kept.push(key);
  }
  const byCounts = (a: number, b: number) =>
    t.articles[b]! - t.articles[a]! || t.kind[a]! - t.kind[b]! || t.mentions[b]! - t.mentions[a]!;
  kept.sort(byCounts);
  const { forms } = t.vocabulary;
  const listed: TopicEntry[] = [];
  // Names break ties only: those tied with the last place looked at are named and sorted in full.
  for (let i = 0; i < kept.length && (listed.length < MAX_TOPICS || byCounts(kept[i - 1]!, kept[i]!) === 0); i++) {
    const key = kept[i]!;
    const formIds = t.forms.get(key)!;
    const { canonical, phrases } = corpus.lexicon.expand(forms[formIds[0]!]!.name);
    const name = displayForm(formIds.map((f) => [forms[f]!.name, t.formCount[f]!] as const), canonical);
    // The count shown is of the articles /summary answers from, so the two never disagree. A
    // one-word name that many more articles write in any case than capitalise ("One", "Prime") is
    // a common word. Not for longer names: their words are found anywhere in a sentence.
    const articles = articlesNaming(corpus, phrases);
    const oneWord = corpus.lexicon.terms(name).length === 1;
    if (t.kind[key] === 0 && oneWord && articles > COMMON_WORD * t.articles[key]!) continue;
    listed.push({ name, kind: KINDS[t.kind[key]!]!, articles, mentions: t.mentions[key]! });
  }
  return listed
    .sort((a, b) => b.articles - a.articles || (a.kind === b.kind ? 0 : a.kind === 'entity' ? -1 : 1) || b.mentions - a.mentions || a.name.localeCompare(b.name))
    .slice(0, MAX_TOPICS);
}

function displayForm(forms: readonly (readonly [string, number])[], canonical: string | undefined): string {
  const named = canonical && forms.find(([f]) => f.toLowerCase() === canonical.toLowerCase());
  if (named) return named[0];
  return [...forms].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length || a[0].localeCompare(b[0]))[0]![0];
}
