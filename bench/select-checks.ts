/**
 * Reader checks of the item choice and order of generic summaries, simple enough to state in a line
 * each. Their word lists and tokenizer are their own, except the nouns that stand for something told
 * before, which are the engine's (stands-alone.ts): what "the move" is has one definition.
 *
 * - **Unresolved opener**: an item that leans on something said before it (`leansOn` below: it opens
 *   with a pronoun, a demonstrative or a connective; with "another", "the other" or "the two"; with
 *   "the move" or "the proposed deal" (a noun of REFERRING_NOUNS right after "the", or after a word of
 *   UNSPECIFIC, and no "of" after it); it sets "however" or "instead" off by commas; it credits its
 *   words to "it", "they" or "the source"; or it says "he" or "she" before any capitalized word),
 *   unless the item right before it is the sentence right before it in its own article (or, for
 *   "the move" and the like, an earlier item uses that noun).
 * - **Repeated event**: two items whose content words (lowercased, Porter-stemmed, without stopwords,
 *   reporting verbs, days and months) share at least 3 words and half of the shorter item's.
 * - **Main event first**: a word's weight is the number of articles that use it in their first two
 *   sentences (words only one article's lead uses weigh nothing); the first item must carry at least
 *   half the weight of the lead sentence, of any article, that carries the most (a lead sentence
 *   that articles repeat word for word counts once).
 *
 * Usage: `--help` (COMMAND below).
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { stemmer } from 'stemmer';
import { loadEngine } from '../src/config/load-engine.ts';
import { corpusFrom } from '../src/core/index/corpus.ts';
import { summarizeTexts } from '../src/core/query/summarize-texts.ts';
import type { RawArticle } from '../src/core/types.ts';
// The engine's list of nouns that stand for something told before: what "the move" is is one definition.
import { REFERRING_NOUNS, SPECIFIERS } from '../src/core/summarize/stands-alone.ts';
import { DEFAULT_DATA_DIR, PROJECT_ROOT, listClusterIds, readCluster, readSystemSummary, type EvalCluster } from './eval-data.ts';
import { splitSummarySentences } from './sentences.ts';
import { dataDirFlag, parseCli, usageError } from './cli.ts';
import type { Engine } from '../src/core/index/engine.ts';
import { fileURLToPath } from 'node:url';

const PRONOUN_OPENERS = new Set(['he', 'she', 'it', 'they', 'we', 'i', 'you', 'him', 'her', 'his', 'its', 'their', 'them', 'this', 'these', 'those', 'that', 'such']);
const CONNECTIVES = [
  'but', 'and', 'so', 'or', 'nor', 'yet', 'also', 'still', 'however', 'instead', 'meanwhile', 'moreover', 'furthermore',
  'besides', 'nevertheless', 'nonetheless', 'thus', 'therefore', 'then', 'otherwise', 'likewise', 'similarly', 'indeed',
  'after all', 'in addition', 'as a result', 'in the other', 'in the first', 'on the other hand', 'even so', 'by contrast',
  'in contrast', 'at the same time', 'for his part', 'for her part', 'for their part', 'in turn', 'again', 'too',
];
const RELATIVE_OPENERS = /^(?:another|both|neither|the other|the latter|the same|the two|the three|the four|a second|a third|a fourth|a fifth)\b/i;
// "it added", "they said", "the source said": words credited to someone the sentence does not name.
const PRONOUN_SPEAKER =
  /\b(?:they|it|the (?:source|sources|official|officials|spokesman|spokeswoman|statement|newspaper|paper|agency|department|ministry|report|group)) (?:said|says|added|told|noted|stressed|reported)\b|, (?:said|says|added) (?:they|it)\b/i;
const COMMA_ADVERB = /, (?:however|though|instead|meanwhile|in turn|too|nevertheless|nonetheless|therefore|thus|for (?:his|her|its|their) part),/i;
const REPORTING = new Set(['said', 'say', 'says', 'told', 'tell', 'report', 'reported', 'added', 'ad', 'accord', 'according']);
const TIME_WORDS = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'today', 'yesterday',
  'jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'january', 'february', 'march',
  'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'week', 'month', 'year', 'day', 'last', 'next']);

const stopwords = new Set(
  readFileSync(join(PROJECT_ROOT, 'config', 'stopwords.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#')),
);

const wordsOf = (text: string) => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];

/** Content words of a sentence, stemmed: what a repeated event would share. */
function contentOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of wordsOf(text)) {
    if (stopwords.has(w) || REPORTING.has(w) || TIME_WORDS.has(w) || (w.length < 2 && !/\d/.test(w))) continue;
    out.add(stemmer(w));
  }
  return out;
}

/** Why a sentence leans on what came before it, or undefined when it reads on its own. */
export function leansOn(text: string): { why: string; noun?: string } | undefined {
  const lower = text.replace(/^[\s_\-–—`'"“‘(]+/, '').toLowerCase();
  const first = lower.match(/^[a-z]+/)?.[0] ?? '';
  if (PRONOUN_OPENERS.has(first)) return { why: `opens with "${first}"` };
  for (const c of CONNECTIVES) if (lower.startsWith(c) && /^[\s,]/.test(lower.slice(c.length))) return { why: `opens with "${c}"` };
  if (RELATIVE_OPENERS.test(lower)) return { why: `opens with "${lower.match(RELATIVE_OPENERS)![0]}"` };
  // "the move", "the proposed deal": the noun right after "the" or after a word that does not say which one.
  const [the, second, third, fourth] = text.replace(/^[\s_\-–—`'"“‘(]+/, '').split(/\s+/, 4).map((w) => w.replace(/'s$|[^A-Za-z]+$/, ''));
  if (the?.toLowerCase() === 'the' && second) {
    if (REFERRING_NOUNS.has(second) && third !== 'of') return { why: `opens with "the ${second}"`, noun: second };
    if (/^[a-z]/.test(second ?? '') && REFERRING_NOUNS.has(third ?? '') && !SPECIFIERS.has(fourth ?? '')) return { why: `opens with "the ${second} ${third}"`, noun: third };
  }
  if (COMMA_ADVERB.test(text)) return { why: `sets "${text.match(COMMA_ADVERB)![0]}" off` };
  if (PRONOUN_SPEAKER.test(text)) return { why: `credits "${text.match(PRONOUN_SPEAKER)![0]}"` };
  // "he" or "she" before any capitalized word but the first (and the first only if it is no function word).
  const tokens = text.split(/\s+/);
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!.replace(/^[^A-Za-z]+|[^A-Za-z']+$/g, '');
    if (/^(?:he|she|him)$/.test(t)) return { why: `"${t}" before anyone is named` };
    if (/^[A-Z]/.test(t) && (k > 0 || !stopwords.has(t.toLowerCase()))) break;
  }
  return undefined;
}

interface Located {
  text: string;
  /** The texts that come right before it in an article (a wire story run twice has it in both). */
  after: ReadonlySet<string>;
}

export interface ClusterCheck {
  id: string;
  openers: { item: number; text: string; why: string }[];
  repeats: { a: number; b: number; shared: string[] }[];
  firstStatesEvent: boolean;
  eventWords: string[];
}

export function checkSummary(id: string, items: readonly Located[], leads: readonly string[][]): ClusterCheck {
  const openers: ClusterCheck['openers'] = [];
  items.forEach((item, i) => {
    const lean = leansOn(item.text);
    if (!lean) return;
    const before = items[i - 1];
    if (before && item.after.has(before.text)) return;
    if (lean.noun) {
      const stem = stemmer(lean.noun);
      if (items.slice(0, i).some((e) => wordsOf(e.text).some((w) => stemmer(w) === stem))) return;
    }
    openers.push({ item: i, text: item.text, why: lean.why });
  });
  const content = items.map((i) => contentOf(i.text));
  const repeats: ClusterCheck['repeats'] = [];
  for (let b = 1; b < items.length; b++) {
    for (let a = 0; a < b; a++) {
      const shared = [...content[b]!].filter((w) => content[a]!.has(w));
      if (shared.length >= 3 && shared.length >= Number(process.env.RATIO ?? 0.5) * Math.min(content[a]!.size, content[b]!.size)) repeats.push({ a, b, shared });
    }
  }
  // What the articles' leads share: a word weighs the number of articles using it in their first two sentences.
  // A wire story run twice is one report: a lead sentence counts once, however many articles repeat it.
  const counts = new Map<string, number>();
  const seen = new Set<string>();
  for (const lead of leads.map((l) => l.filter((s) => !seen.has(s) && seen.add(s)))) for (const w of new Set(lead.flatMap((s) => [...contentOf(s)]))) counts.set(w, (counts.get(w) ?? 0) + 1);
  const told = (text: string) => [...contentOf(text)].reduce((n, w) => n + ((counts.get(w) ?? 0) >= 2 ? counts.get(w)! : 0), 0);
  const best = Math.max(0, ...leads.flat().map(told));
  const eventWords = [...counts].filter(([, n]) => n >= leads.length / 2).map(([w]) => w);
  return { id, openers, repeats, firstStatesEvent: items.length > 0 && told(items[0]!.text) >= best / 2, eventWords };
}

/** A checker of summaries of one cluster: finds each item's article and position, and the articles' leads. */
export function clusterChecker(engine: Engine, cluster: EvalCluster): (texts: readonly string[]) => ClusterCheck {
  const raw: RawArticle[] = cluster.docs.map((d) => ({ file: d.id, format: 'txt', body: d.text, mtime: new Date(0).toISOString(), bytes: d.text.length, hash: d.id }));
  const corpus = corpusFrom(engine, { articles: raw, report: [] }, { topics: false, deflate: false });
  const after = new Map<string, Set<string>>();
  const leads: string[][] = corpus.articles.map(() => []);
  let previous: { articleId: number; text: string } | undefined;
  for (const s of corpus.sentences.slice()) {
    if (!after.has(s.text)) after.set(s.text, new Set());
    if (previous?.articleId === s.articleId) after.get(s.text)!.add(previous.text);
    previous = s;
    if (s.position < 2) leads[s.articleId]!.push(s.text);
  }
  return (texts) => checkSummary(cluster.id, texts.map((text) => ({ text, after: after.get(text) ?? new Set<string>() })), leads);
}

/** Totals over summaries, and what each check found, one line a finding. */
export function describeChecks(results: readonly ClusterCheck[]): { openers: number; repeats: number; firsts: number; lines: string[] } {
  const lines: string[] = [];
  let openers = 0;
  let repeats = 0;
  let firsts = 0;
  for (const r of results) {
    openers += r.openers.length;
    repeats += r.repeats.length;
    if (r.firstStatesEvent) firsts++;
    for (const o of r.openers) lines.push(`${r.id} opener #${o.item + 1} (${o.why}): ${o.text}`);
    for (const p of r.repeats) lines.push(`${r.id} repeat #${p.a + 1} / #${p.b + 1}: ${p.shared.join(' ')}`);
    if (!r.firstStatesEvent) lines.push(`${r.id} first item does not state the main event`);
  }
  return { openers, repeats, firsts, lines };
}

const COMMAND = {
  name: 'select-checks',
  usage: `usage: node --import tsx bench/select-checks.ts [--data DIR] [--summaries DIR | --system NAME] [--verbose]

Reader checks of generic summaries: unresolved openers, repeated-event pairs, whether the first item
states the main event (the rules: this file's header).
  --data DIR        clusters/<id>/docs/*.txt (default: ${DEFAULT_DATA_DIR})
  --summaries DIR   <id>.txt per cluster, one sentence a line (bench:quality --out writes them)
  --system NAME     a published system's output, DIR/reference-systems/NAME/<id>.txt
  --verbose         every finding, one a line
  -h, --help        this text
Without --summaries or --system it summarizes the clusters itself, as bench:quality does (100 words).`,
  options: { data: { type: 'string' }, summaries: { type: 'string' }, system: { type: 'string' }, verbose: { type: 'boolean' } },
} as const;

function main(): void {
  const values = parseCli(COMMAND);
  if (values.summaries && values.system) usageError(COMMAND.name, 'give --summaries or --system, not both');
  const dataDir = dataDirFlag(COMMAND.name, values.data);
  const engine = loadEngine(join(PROJECT_ROOT, 'config'));
  const results: ClusterCheck[] = [];
  for (const id of listClusterIds(dataDir)) {
    const cluster = readCluster(dataDir, id);
    let texts: string[] | undefined;
    if (values.system) {
      const text = readSystemSummary(join(dataDir, 'reference-systems'), values.system, id);
      texts = text === undefined ? undefined : splitSummarySentences(text);
    } else if (values.summaries) {
      const file = join(values.summaries, `${id}.txt`);
      texts = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()) : undefined;
    } else texts = summarizeTexts(engine, cluster.docs, { words: 100 });
    if (texts) results.push(clusterChecker(engine, cluster)(texts));
  }
  const { openers, repeats, firsts, lines } = describeChecks(results);
  if (values.verbose) for (const line of lines) console.log(line);
  console.log(`${results.length} summaries: ${openers} unresolved openers, ${repeats} repeated-event pairs, first item states the main event in ${firsts}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
