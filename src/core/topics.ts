import type { TopicEntry } from './types.ts';
import type { Corpus } from './corpus.ts';

// Capitalised words that are calendar or address words, not things a digest is about.
const NOT_NAMES = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october',
  'november', 'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'mr', 'mrs', 'ms', 'dr', 'gen', 'president', 'minister', 'yes', 'no', 'us',
]);
const CONNECTORS = new Set(['of', 'al', 'bin', 'de', 'la', 'von', 'van', 'der']);
const WORD = /[\p{L}\p{N}][\p{L}\p{N}’'-]*/gu;
const MAX_TOPICS = 200;

interface Tally {
  key: string;
  kind: TopicEntry['kind'];
  forms: Map<string, number>;
  articles: Set<number>;
  mentions: number;
}

const isCapitalised = (w: string) => /^\p{Lu}/u.test(w) && w.length > 1;

/** Runs of capitalised words, e.g. "Ashraf Ghani", "Mazar-i-Sharif", "Taliban". */
function nameRuns(text: string): string[] {
  const words = [...text.matchAll(WORD)].map((m) => ({ w: m[0].replace(/[’']s$/u, ''), at: m.index! }));
  const runs: string[] = [];
  let run: string[] = [];
  const flush = () => {
    while (run.length && CONNECTORS.has(run[run.length - 1]!.toLowerCase())) run.pop();
    if (run.length) runs.push(run.join(' '));
    run = [];
  };
  words.forEach(({ w }, i) => {
    const lower = w.toLowerCase();
    if (isCapitalised(w) && !NOT_NAMES.has(lower)) {
      // The first word of a sentence is capitalised anyway: it counts only if it is a name elsewhere too.
      if (i === 0 && run.length === 0) run.push(`\u0000${w}`);
      else run.push(w);
    } else if (run.length && CONNECTORS.has(lower) && i + 1 < words.length && isCapitalised(words[i + 1]!.w)) {
      run.push(w);
    } else flush();
  });
  flush();
  return runs;
}

/**
 * The salient topics of a corpus: names (places, people, organisations) and key phrases,
 * with how many articles mention each. Chat adapters use the list for autocomplete.
 */
export function extractTopics(corpus: Corpus): TopicEntry[] {
  const tallies = new Map<string, Tally>();
  const sentenceInitial = new Map<string, Set<number>>();
  // The same few thousand names recur in every article: stem each written form once.
  const keys = new Map<string, string | null>();
  const keyOf = (name: string, kind: Tally['kind']): string | null => {
    const terms = corpus.lexicon.terms(name);
    if (terms.length === 0 || terms.every((t) => /^\d+$/.test(t))) return null;
    // A phrase made partly of stopwords ("said they") is not a topic.
    if (kind === 'phrase' && terms.length < name.split(/[\s-]+/).length) return null;
    return corpus.lexicon.expand(name).phrases[0]?.join(' ') ?? terms.join(' ');
  };
  const count = (name: string, kind: Tally['kind'], article: number) => {
    const memo = `${kind}:${name}`;
    let key = keys.get(memo);
    if (key === undefined) keys.set(memo, (key = keyOf(name, kind)));
    if (key === null) return;
    let t = tallies.get(key);
    if (!t) tallies.set(key, (t = { key, kind, forms: new Map(), articles: new Set(), mentions: 0 }));
    t.forms.set(name, (t.forms.get(name) ?? 0) + 1);
    t.articles.add(article);
    t.mentions++;
  };
  for (const s of corpus.sentences) {
    for (const run of nameRuns(s.text)) {
      if (run.startsWith('\u0000')) {
        const name = run.slice(1);
        const set = sentenceInitial.get(name) ?? new Set<number>();
        set.add(s.articleId);
        sentenceInitial.set(name, set);
      } else count(run, 'entity', s.articleId);
    }
    for (const phrase of keyPhrases(s.text)) count(phrase, 'phrase', s.articleId);
  }
  // A sentence-initial run is a name when the same run appears mid-sentence somewhere.
  for (const [name, articles] of sentenceInitial) {
    const key = corpus.lexicon.expand(name).phrases[0]?.join(' ');
    if (key && tallies.has(key)) for (const a of articles) count(name, 'entity', a);
  }
  return [...tallies.values()]
    .filter((t) => (t.kind === 'entity' ? t.mentions >= 2 || t.articles.size >= 2 : t.articles.size >= 2))
    .map((t) => ({ name: displayForm(t, corpus.lexicon.expand([...t.forms.keys()][0]!).canonical), kind: t.kind, articles: t.articles.size, mentions: t.mentions }))
    .sort((a, b) => b.articles - a.articles || (a.kind === b.kind ? 0 : a.kind === 'entity' ? -1 : 1) || b.mentions - a.mentions || a.name.localeCompare(b.name))
    .slice(0, MAX_TOPICS);
}

// Without a part-of-speech tagger, word endings and reporting verbs keep verbs and adverbs
// out of key phrases: "provincial capitals" is a topic, "source said" is not.
const NOT_PHRASE_WORD = /(?:ly|ed|ing)$/;
const VERBISH = new Set([
  'said', 'says', 'told', 'took', 'take', 'takes', 'allows', 'made', 'make', 'gave', 'give', 'came', 'come',
  'went', 'left', 'lies', 'also', 'still', 'even', 'just', 'well', 'later', 'would', 'could', 'must', 'might',
  'according', 'including', 'within', 'without', 'among', 'amid', 'since', 'while', 'whose', 'where',
]);
const phraseWord = (w: string) => /^\p{Ll}{4,}$/u.test(w) && !NOT_PHRASE_WORD.test(w) && !VERBISH.has(w);

/** Lower-case compounds and noun-like pairs of content words ("power-sharing", "provincial capitals"). */
function keyPhrases(text: string): string[] {
  const words = [...text.matchAll(WORD)].map((m) => m[0]);
  const phrases: string[] = [];
  words.forEach((w, i) => {
    if (/^\p{Ll}{3,}-\p{Ll}{3,}$/u.test(w)) phrases.push(w);
    const next = words[i + 1];
    if (next && phraseWord(w) && phraseWord(next)) phrases.push(`${w} ${next}`);
  });
  return phrases;
}

function displayForm(t: Tally, canonical: string | undefined): string {
  const named = canonical && [...t.forms.keys()].find((f) => f.toLowerCase() === canonical.toLowerCase());
  if (named) return named;
  return [...t.forms.entries()].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length || a[0].localeCompare(b[0]))[0]![0];
}
