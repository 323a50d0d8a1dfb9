/**
 * Reader checks: what a reader of a summary notices that ROUGE does not, measured without a human
 * and without references, on any list of items (one sentence each) and, where it helps, the
 * articles they came from. Each check is a small rule stated where it is defined, so a figure can
 * be explained item by item; none of them uses a language model or a tagger.
 *
 * - unresolved openers (`unresolvedOpeners`): items whose first words point to something the digest
 *   never introduced ("He added", "The move", ", the department said", "But");
 * - words over budget (`budgetUse`): words as a user counts them, past the budget;
 * - repeated events (`repeatedEvents`): pairs of items that tell the same event;
 * - main event first (`mainEvent`, `namesMainEvent`): whether the first item names what most of the
 *   articles lead with.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './eval-data.ts';
import { cosineSimilarity, similarPairs, stemmedUnigrams, type NearDuplicatePair } from './near-duplicates.ts';
import { rougePorterStem } from './rouge-porter.ts';
import { splitLine } from './sentences.ts';

/** Straight quotes for every quotation mark (DUC's `` and '', curly ones) and single spaces. */
export function normalizeText(text: string): string {
  return text
    .replace(/``|''|[“”]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** Words as a user counts them: whitespace-separated tokens, punctuation-only ones included. */
export function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

// ---------------------------------------------------------------------------------------------
// Unresolved openers
// ---------------------------------------------------------------------------------------------

/**
 * Nouns that, after "The", refer back to something a reader must already know ("The move", "The
 * group", "The two"): events, decisions, organisations and people named only by their role. A noun
 * outside this list ("The astronauts", "The fire") is not counted: a reader usually finds what it
 * means from the topic alone.
 */
export const REFERRING_NOUNS: ReadonlySet<string> = new Set([
  // what someone did or said
  'move', 'decision', 'step', 'action', 'measure', 'plan', 'proposal', 'deal', 'agreement', 'accord',
  'offer', 'announcement', 'statement', 'report', 'letter', 'request', 'ruling', 'verdict', 'vote',
  'visit', 'trip', 'meeting', 'talks', 'incident', 'attack', 'operation', 'effort', 'bill', 'remarks',
  // who did it
  'group', 'department', 'ministry', 'agency', 'company', 'firm', 'organization', 'newspaper', 'paper',
  'official', 'officials', 'spokesman', 'spokeswoman', 'source', 'sources', 'man', 'woman', 'men',
  'women', 'couple', 'pair', 'suspect', 'suspects', 'victim', 'victims', 'two', 'three', 'four', 'latter',
]);

/**
 * After "The <noun>", these words make the noun phrase say what it is ("The talks between ...", "The
 * victims Peter Kennedy and ..."); so does a capitalised word (a name in apposition).
 */
const SPECIFIERS = new Set([
  'of', 'between', 'with', 'by', 'for', 'on', 'to', 'from', 'in', 'at', 'over', 'against', 'that',
  'which', 'who', 'whose', 'about', 'among',
]);

const FIRST_PERSON = new Set(['i', 'we', 'my', 'our', 'me', 'us']);
const PRONOUNS = new Set(['he', 'she', 'it', 'they', 'his', 'her', 'its', 'their', 'him', 'them', ...FIRST_PERSON]);
const DEMONSTRATIVES = new Set(['this', 'these', 'those', 'that', 'such', 'both']);
/** Adverbials that may come before the subject: "Instead, she ...", "On Monday, he ...". */
const FRONTED = /^(?:on|in|at|last|later|earlier|meanwhile|however|instead|still|yet|now|then|also|since|after|before|despite|moreover|nonetheless|nevertheless|afterwards|today|yesterday)\b[^,]{0,40}, /i;
/** "It" that stands for nothing: "It is not clear whether", "It was the first time". */
const EXPLETIVE_IT =
  /^it (?:is|was|'s|has been|had been|will be|would be|seems|seemed|appears|appeared|remains|remained) (?:not |now |still |also )?(?:unclear|clear|likely|unlikely|possible|impossible|expected|believed|thought|feared|estimated|known|unknown|the first|too early|hard|difficult|important|necessary|crucial|essential|time)\b/i;
/**
 * Words that answer or continue the sentence before: "But ...", "After all, ...", "In the other,
 * ...", "The party, however, ...", and a time counted from the event it told: "A day earlier, ...",
 * "Later, ...", "The next day, ...". Only that sentence itself resolves them.
 */
const CONNECTIVE =
  /^(?:(?:but|and|yet|so(?! far)|still|instead|also|however|nevertheless|nonetheless|moreover|meanwhile|after all|in the other|on the other hand|even so|by contrast|in contrast)(?=[ ,])|[^,"]{1,60}, however,|(?:(?:(?:a|an|one|two|three|four|five|six|several|a few|\d+) )?(?:minutes?|hours?|days?|weeks?|months?|years?) (?:earlier|later|before|after)|earlier|later|the (?:next|following|previous) (?:day|morning|afternoon|evening|night|week)|the day (?:before|after)),)/i;
const SAYING =
  'said|says|added|adds|told|explained|noted|stressed|insisted|argued|warned|wrote|declared|continued|replied|acknowledged|reported|announced|asked|recalled|stated|conceded|predicted|promised|complained|vowed';
/**
 * `..., he said` / `...," she added` / `..., the ministry said` / `..., said the ministry.`: a speaker
 * the item does not name. Case-sensitive: ", the Foreign Ministry said" names one.
 */
const ATTRIBUTION = new RegExp(
  `[,"]\\s*(?:(he|she|they|we|it|I)|the (?:[a-z-]+ )?([a-z]+)) (?:${SAYING})\\b|[,"]\\s*(?:${SAYING}) the (?:[a-z-]+ )?([a-z]+)[.,;]`,
);
/** Someone named says something in the item: `," said Wang's wife`, `Virtue leader Recai Kutan said`. */
const NAMED_SPEAKER = new RegExp(`\\b(?:${SAYING}) [A-Z]|\\b[A-Z][a-z]+ (?:${SAYING})\\b`);

export type OpenerKind = 'pronoun' | 'demonstrative' | 'definite' | 'attribution' | 'connective';

/** An item's anaphoric opening: its kind, the words that make it, and for a noun, which. */
export interface Opener {
  kind: OpenerKind;
  words: string;
  /** For `definite` and noun attributions: the referring noun ("group"), which an earlier item may name. */
  noun?: string;
  /** I, we, my, our ...: the speaker of a quotation, whom only the item itself or its article's sequence can name. */
  firstPerson?: boolean;
}

const firstWords = (text: string, n: number) => text.split(' ').slice(0, n);
const bare = (word: string | undefined) => (word ?? '').replace(/^["'(]+|[,.;:!?"')]+$/g, '');

/**
 * The opening of an item that points outside it, or undefined. An item opens with a reference when
 * (after an optional fronted adverbial such as "Instead," or "On Monday,", and opening quotation marks):
 * 1. its first word is a personal or possessive pronoun (he, she, it, they, his, her, its, their,
 *    him, them; first person: I, we, my, our, me, us), except an "It" of a fixed list of empty
 *    openings ("It is unclear whether"), and a first person that opens a quotation whose speaker the
 *    item names (`"I don't know," said Wang's wife`);
 * 2. or a demonstrative (this, these, those, that, such, both), except "those who/that" and
 *    "both" before a name;
 * 3. or it is "The" + at most one lowercase word + a noun of REFERRING_NOUNS, not followed by a word
 *    that says which (of, between, that, ..., or a name): "The move was", "The rebel group said";
 * 4. or, anywhere in the item, words are attributed to a pronoun or to such a noun right after a
 *    comma or a quotation mark: ", he said", `," she added`, ", the department said";
 * 5. or it opens with a connective that answers the sentence before it (CONNECTIVE: "But", "After
 *    all,", "In the other,", "X, however, ...", "A day earlier,", "The next day,").
 * Lowercase modifiers only in 3: "The Defense Department" is a name, not a reference.
 */
export function anaphoricOpener(item: string): Opener | undefined {
  const text = normalizeText(item);
  const quoted = /^["'(]/.test(text);
  const fronted = FRONTED.exec(text.replace(/^["'(]+/, ''));
  const rest = text.replace(/^["'(]+/, '').slice(fronted ? fronted[0].length : 0);
  const lead = fronted ? fronted[0] : '';
  const [w1, w2, w3, w4] = firstWords(rest, 4).map(bare);
  const first = w1!.toLowerCase();
  if (PRONOUNS.has(first) && !(first === 'it' && EXPLETIVE_IT.test(rest))) {
    const firstPerson = FIRST_PERSON.has(first);
    if (!(firstPerson && quoted && NAMED_SPEAKER.test(text))) return { kind: 'pronoun', words: `${lead}${w1}`, ...(firstPerson ? { firstPerson } : {}) };
  }
  // "Those who ..." says who; "Both Ranariddh and Sam Rainsy" names them.
  if (DEMONSTRATIVES.has(first) && !(first === 'those' && /^(?:who|that)$/i.test(w2 ?? '')) && !(first === 'both' && /^[A-Z]/.test(w2 ?? ''))) {
    return { kind: 'demonstrative', words: `${lead}${w1} ${w2 ?? ''}`.trim() };
  }
  const connective = CONNECTIVE.exec(text.replace(/^["'(]+/, ''));
  if (connective) return { kind: 'connective', words: connective[0].replace(/,$/, '') };
  if (!fronted && w1 === 'The') {
    for (const [noun, next, words] of [[w2, w3, 2], [w3, w4, 3]] as const) {
      if (noun === undefined || !/^[a-z]/.test(noun)) break;
      if (REFERRING_NOUNS.has(noun) && !SPECIFIERS.has(next ?? '') && !/^[A-Z]/.test(next ?? '')) {
        return { kind: 'definite', words: firstWords(rest, words).join(' '), noun };
      }
    }
  }
  const said = ATTRIBUTION.exec(text);
  if (said) {
    const words = said[0].replace(/^[,"]\s*/, '').replace(/[.,;]$/, '');
    if (said[1]) return { kind: 'attribution', words, ...(FIRST_PERSON.has(said[1].toLowerCase()) ? { firstPerson: true } : {}) };
    const noun = said[2] ?? said[3];
    if (noun && REFERRING_NOUNS.has(noun)) return { kind: 'attribution', words, noun };
  }
  return undefined;
}

/** Capitalised words that name no one: days, months, titles, and words that open sentences. */
const NOT_NAMES = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february',
  'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'jan', 'feb', 'aug', 'sept', 'oct', 'nov', 'dec', 'mr', 'mrs', 'ms', 'dr', 'president', 'prime',
  'minister', 'sen', 'rep', 'gov', 'gen', 'premier', 'the', 'a', 'an', 'in', 'on', 'at', 'but', 'and',
  ...PRONOUNS, ...DEMONSTRATIVES,
]);

const capitalised = (text: string) =>
  normalizeText(text)
    .split(/[^A-Za-z'-]+/)
    .map((token) => token.replace(/'s?$/, ''))
    .filter((word) => /^[A-Z]/.test(word) && !NOT_NAMES.has(word.toLowerCase()));

/**
 * The articles of a cluster, split into sentences, to find where an item comes from and what its
 * article says right before it: what a reference at its start most likely points to.
 */
export class SourceArticles {
  private readonly articles: { text: string; sentences: string[]; ends: number[] }[];
  private readonly vectors: { article: number; index: number; vector: Map<string, number> }[] = [];
  /** Words the articles write capitalised inside a sentence and never in lowercase: names, not sentence openers. */
  private readonly names = new Set<string>();

  constructor(docs: readonly string[]) {
    const lowercase = new Set<string>();
    this.articles = docs.map((doc, article) => {
      const text = normalizeText(doc);
      for (const token of text.split(/[^A-Za-z'-]+/)) {
        const word = token.replace(/'s?$/, '');
        if (/^[a-z]/.test(word)) lowercase.add(word);
      }
      const sentences = splitLine(text);
      const ends: number[] = [];
      let at = 0;
      sentences.forEach((s, index) => {
        // Capitalised after the sentence's first word: "Specifically," opening sentences is no name.
        for (const word of capitalised(s.replace(/^\W*\w+/, ''))) this.names.add(word.toLowerCase());
        at = text.indexOf(s, at) + s.length;
        ends.push(at);
        this.vectors.push({ article, index, vector: stemmedUnigrams(s) });
      });
      return { text, sentences, ends };
    });
    for (const word of lowercase) this.names.delete(word);
  }

  /**
   * The sentences before `item` in its article, nearest first, at most `count`: empty when the
   * item opens its article, undefined when it is in no article. Found verbatim (after
   * normalizeText) or, for a system that shortens sentences, as the article sentence with the
   * highest word cosine, at least 0.6.
   */
  sentencesBefore(item: string, count = 3): string[] | undefined {
    return this.contextsOf(item, count)?.[0];
  }

  /**
   * `sentencesBefore` in every article that has the item verbatim: one outlet's story is often
   * carried whole inside another's page, each with its own sentence before the item.
   */
  contextsOf(item: string, count = 3): string[][] | undefined {
    const text = normalizeText(item);
    const found: string[][] = [];
    for (const a of this.articles) {
      const at = a.text.indexOf(text);
      if (at < 0) continue;
      let n = 0;
      while (n < a.ends.length && a.ends[n]! <= at) n++;
      found.push(a.sentences.slice(Math.max(0, n - count), n).reverse());
    }
    if (found.length > 0) return found;
    const vector = stemmedUnigrams(text);
    let best: (typeof this.vectors)[number] | undefined;
    let bestSimilarity = 0.6;
    for (const v of this.vectors) {
      const similarity = cosineSimilarity(vector, v.vector);
      if (similarity >= bestSimilarity) [best, bestSimilarity] = [v, similarity + 1e-12];
    }
    if (!best) return undefined;
    return [this.articles[best.article]!.sentences.slice(Math.max(0, best.index - count), best.index).reverse()];
  }

  /**
   * The first name of a text, lowercased: its first run of consecutive capitalised words that the
   * articles never write in lowercase ("Bob Livingston" -> bob, livingston), or empty.
   */
  firstName(text: string): string[] {
    const run: string[] = [];
    for (const token of normalizeText(text).split(/\s+/)) {
      const word = token.replace(/^["'(]+/, '').replace(/'s?$|[,.;:!?"')]+$/g, '').replace(/'s$/, '');
      const name = /^[A-Z]/.test(word) && this.names.has(word.toLowerCase());
      if (name) run.push(word.toLowerCase());
      if (run.length > 0 && (!name || /[,.;:!?"')]$/.test(token))) break;
    }
    return run;
  }

  /** The distinct names of a text, lowercased: its capitalised words that the articles never write in lowercase. */
  namesIn(text: string): Set<string> {
    return new Set(capitalised(text).map((w) => w.toLowerCase()).filter((w) => this.names.has(w)));
  }

  /** Whether a text names any word of `name`. */
  mentions(text: string, name: readonly string[]): boolean {
    const words = new Set(capitalised(text).map((w) => w.toLowerCase()));
    return name.some((w) => words.has(w));
  }

  /** Each article's first sentence: what the outlets lead with. */
  leads(): string[] {
    return this.articles.flatMap((a) => a.sentences.slice(0, 1));
  }
}

/** Same first five letters (the whole word when shorter): "agreement" and "agreed", "attacks" and "attack". */
function nounIn(noun: string, text: string): boolean {
  const stem = noun.slice(0, 5);
  return normalizeText(text)
    .toLowerCase()
    .split(/[^a-z]+/)
    .some((w) => (w.length < 5 || noun.length < 5 ? w === noun : w.startsWith(stem)));
}

/** An item whose opening points outside it, and to nothing an earlier item gives. */
export interface UnresolvedOpener {
  /** The item's index in the summary. */
  index: number;
  opener: Opener;
}

/**
 * Items that open with a reference (`anaphoricOpener`) to nothing the digest has told before them.
 * A reference is resolved when one of these holds, else it is counted:
 * (a) the item right before it is the sentence its article has before it (found with `articles`;
 *     word cosine 0.8 or more for a system that shortens sentences; in any article that carries
 *     the item word for word): the outlet's own sequence;
 * (b) for a noun ("The group", ", the ministry said"): an earlier item, or the item itself before
 *     the attribution, has a word with the noun's first five letters ("an agreement", "agreed");
 * (c) for a third-person reference (not a connective): the item right before it names the one
 *     the article named last, i.e. a word of the first name (`SourceArticles.firstName`) of the
 *     nearest of the three article sentences before it that names anyone: a reader looking one
 *     item back finds the referent.
 * The first item's reference is never resolved. Without `articles`, (a) and (c) cannot hold: only
 * nouns can be resolved.
 */
export function unresolvedOpeners(items: readonly string[], articles?: SourceArticles): UnresolvedOpener[] {
  const found: UnresolvedOpener[] = [];
  items.forEach((item, index) => {
    const opener = anaphoricOpener(item);
    if (!opener) return;
    if (index > 0 && resolved(items, index, opener, articles)) return;
    found.push({ index, opener });
  });
  return found;
}

function resolved(items: readonly string[], index: number, opener: Opener, articles?: SourceArticles): boolean {
  const item = items[index]!;
  const previous = items[index - 1]!;
  if (opener.noun) {
    const own = normalizeText(item);
    const before = opener.kind === 'attribution' ? own.slice(0, own.indexOf(opener.words)) : '';
    if (nounIn(opener.noun, before) || items.slice(0, index).some((earlier) => nounIn(opener.noun!, earlier))) return true;
  }
  // Any article that carries the item may be the one the digest follows.
  return (articles?.contextsOf(item) ?? []).some((context) => {
    if (!context.length) return false;
    const nearest = context[0]!;
    if (normalizeText(previous) === nearest || cosineSimilarity(stemmedUnigrams(previous), stemmedUnigrams(nearest)) >= 0.8) return true;
    if (opener.firstPerson || opener.kind === 'connective') return false;
    const referent = context.map((s) => articles!.firstName(s)).find((name) => name.length > 0);
    return referent !== undefined && articles!.mentions(previous, referent);
  });
}

// ---------------------------------------------------------------------------------------------
// Words over budget
// ---------------------------------------------------------------------------------------------

/** How a summary uses its word budget, in words as a user counts them. */
export interface BudgetUse {
  words: number;
  /** Words past the budget, 0 when within it. */
  over: number;
  /** Items that end past the budget (the reader is shown them whole). */
  itemsPast: number;
}

export function budgetUse(items: readonly string[], budget: number): BudgetUse {
  let words = 0;
  let itemsPast = 0;
  for (const item of items) {
    words += countWords(item);
    if (words > budget) itemsPast++;
  }
  return { words, over: Math.max(0, words - budget), itemsPast };
}

// ---------------------------------------------------------------------------------------------
// Repeated events
// ---------------------------------------------------------------------------------------------

/**
 * Words that carry no event: the project's stopwords (config/stopwords.txt, NLTK's list) and, here,
 * saying verbs, modal and time words, which any two news sentences share.
 */
const NO_EVENT = [
  'said', 'say', 'says', 'told', 'tell', 'added', 'add', 'according', 'reported', 'report', 'would',
  'could', 'also', 'last', 'week', 'year', 'years', 'month', 'day', 'today', 'yesterday', 'monday',
  'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'new', 'one', 'mr', 'mrs',
];
let stopwords: Set<string> | undefined;
function eventStopwords(): Set<string> {
  if (!stopwords) {
    const file = readFileSync(join(PROJECT_ROOT, 'config', 'stopwords.txt'), 'utf8');
    const listed = file.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    stopwords = new Set([...listed, ...NO_EVENT]);
  }
  return stopwords;
}

/**
 * The words of a sentence that say what happened and to whom: its content words and numbers,
 * stemmed (ROUGE's Porter for words of more than three letters), without stopwords, saying verbs
 * and time words. "180,000" is one number.
 */
export function eventWords(sentence: string): Set<string> {
  const stop = eventStopwords();
  const words = new Set<string>();
  const text = normalizeText(sentence).replace(/(\d),(?=\d{3})/g, '$1');
  for (const token of text.toLowerCase().split(/[^a-z0-9]+/)) {
    if (token.length < 2 || stop.has(token)) continue;
    words.add(token.length > 3 && !/\d/.test(token) ? rougePorterStem(token) : token);
  }
  return words;
}

/** Event words two items must share at least, whatever their share: two words are a topic, not an event. */
export const MIN_SHARED_EVENT_WORDS = 3;
/**
 * Jaccard similarity of event words (shared / all distinct) at or above which two items tell one
 * event twice. Calibrated on 71 item pairs of the published systems' DUC 2004 dev summaries, read
 * and labelled by hand (bench/repeat-labels.ts): of the thresholds from 0.20 to 0.48, 0.34
 * misclassified the fewest (13): it flags 11 of the 23 repeats and 1 of the 48 other pairs. So a
 * flagged pair is almost always a repeat, and half of the partial repeats ("fired after they
 * differed on policy" / "they had differed on policy") go unflagged; 0.26 would catch 17 of 23 but
 * flag 9 others.
 */
export const REPEATED_EVENT = 0.34;

/** Jaccard similarity of two event-word sets; 0 when they share fewer than MIN_SHARED_EVENT_WORDS. */
export function eventOverlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared < MIN_SHARED_EVENT_WORDS ? 0 : shared / (a.size + b.size - shared);
}

/** A pair of items (i < j) that tell one event, and their event overlap (`similarity`). */
export type RepeatedPair = NearDuplicatePair;

/** Every pair of items whose event overlap is at least `threshold`. */
export function repeatedEvents(items: readonly string[], threshold = REPEATED_EVENT): RepeatedPair[] {
  return similarPairs(items.map(eventWords), eventOverlap, threshold);
}

// ---------------------------------------------------------------------------------------------
// Main event first
// ---------------------------------------------------------------------------------------------

/** What a set of sentences reports most: the names and the other event words carried by the most of them. */
export interface MainEvent {
  /** The names (lowercased) that the most sentences carry, all of them when tied. */
  names: string[];
  /** The event words (stemmed, not names or numbers) that the most sentences carry, all of them when tied. */
  words: string[];
}

function mostCarried(counts: ReadonlyMap<string, number>): string[] {
  const most = Math.max(0, ...counts.values());
  return most === 0 ? [] : [...counts].filter(([, n]) => n === most).map(([w]) => w).sort();
}

/**
 * The main event of a cluster as the proxy sees it: the name and the event word that the most of
 * `sentences` carry (each sentence counts once per word). Given the articles' leads, that is what
 * most outlets open with (no human needed); given the references' first sentences, what the
 * humans who summarised the cluster put first.
 */
export function mainEvent(sentences: readonly string[], articles: SourceArticles): MainEvent {
  const names = new Map<string, number>();
  const words = new Map<string, number>();
  for (const sentence of sentences) {
    const own = articles.namesIn(sentence);
    const nameStems = new Set([...own].flatMap((n) => [...eventWords(n)]));
    for (const n of own) names.set(n, (names.get(n) ?? 0) + 1);
    for (const w of eventWords(sentence)) if (!nameStems.has(w) && !/\d/.test(w)) words.set(w, (words.get(w) ?? 0) + 1);
  }
  return { names: mostCarried(names), words: mostCarried(words) };
}

/**
 * Whether an item names the main event: it carries one of its top names and one of its top event
 * words. A proxy with known blind spots: a name written another way ("AOL" for "America Online")
 * or an event word the item paraphrases does not count, and in a cluster that follows a story over
 * weeks the leads' most common words are the story's, not one development's.
 */
export function namesMainEvent(item: string, event: MainEvent, articles: SourceArticles): boolean {
  const names = articles.namesIn(item);
  const words = eventWords(item);
  return event.names.some((n) => names.has(n)) && event.words.some((w) => words.has(w));
}

/** How the repeated-events check sorts hand-labelled pairs. */
export interface RepeatCalibration {
  threshold: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
}

/** The check at `threshold` on labelled pairs: which repeats it catches and which others it flags. */
export function calibrateRepeats(pairs: readonly { a: string; b: string; repeat: boolean }[], threshold = REPEATED_EVENT): RepeatCalibration {
  const c: RepeatCalibration = { threshold, truePositives: 0, falsePositives: 0, falseNegatives: 0, trueNegatives: 0 };
  for (const p of pairs) {
    const flagged = eventOverlap(eventWords(p.a), eventWords(p.b)) >= threshold;
    if (flagged && p.repeat) c.truePositives++;
    else if (flagged) c.falsePositives++;
    else if (p.repeat) c.falseNegatives++;
    else c.trueNegatives++;
  }
  return c;
}
