/**
 * The synthetic corpus for the speed benchmark: real sentences recombined into articles with
 * titles, outlets and dates, in a mix of formats, with topics of designed frequency. Everything
 * is drawn from a seeded generator, so a seed and a size always give the same files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRandom, mixSeed, zipfCumulative, type Random } from './speed-random.ts';
import { DESIGNED_KINDS, DESIGNED_TOPICS, type DesignedKind, type SentencePools } from './speed-sources.ts';
import { endsDangling } from '../src/core/text/clean-units.ts';
import { FORMAT_SHARES, renderArticle, type ArticleContent, type Format, type Outlet } from './speed-formats.ts';

export const DEFAULT_SEED = 20040601;

export interface CorpusSpec {
  articles: number;
  seed: number;
}

/** What is fixed about an article whatever its variant: where it lives, its format, its story and designed topics. */
export interface PlannedArticle {
  index: number;
  /** Relative path, forward slashes; 1,000 files a folder, as big archives are laid out. */
  path: string;
  format: Format;
  /** Index into `SentencePools.stories`: the story most of its sentences come from. */
  story: number;
  designed: DesignedKind[];
}

export interface CorpusManifest {
  dir: string;
  spec: CorpusSpec;
  articles: PlannedArticle[];
  /** Bytes of all files as written. */
  bytes: number;
  formats: Record<Format, number>;
  /** Articles planned to name each designed topic. */
  designed: Record<DesignedKind, number>;
}

const OUTLETS: Outlet[] = [
  { name: 'Reuters', domain: 'reuters.com', wire: true },
  { name: 'AP', domain: 'apnews.com', wire: true },
  { name: 'Harbour Daily', domain: 'harbourdaily.example', wire: false },
  { name: 'AFP', domain: 'afp.com', wire: true },
  { name: 'The Morning Ledger', domain: 'morningledger.example', wire: false },
  { name: 'Northern Courier', domain: 'northerncourier.example', wire: false },
  { name: 'Xinhua', domain: 'xinhuanet.com', wire: true },
  { name: 'Capital Observer', domain: 'capitalobserver.example', wire: false },
  { name: 'Evening Standard Review', domain: 'eveningreview.example', wire: false },
  { name: 'Metro Wire Online', domain: 'metrowire.example', wire: false },
  { name: 'The Frontier Post', domain: 'frontierpost.example', wire: false },
  { name: 'Valley Times', domain: 'valleytimes.example', wire: false },
  { name: 'Coastal Herald', domain: 'coastalherald.example', wire: false },
  { name: 'Global Affairs Digest', domain: 'globalaffairs.example', wire: false },
  { name: 'Riverside Gazette', domain: 'riversidegazette.example', wire: false },
  { name: 'The Daily Compass', domain: 'dailycompass.example', wire: false },
];
const FIRST_NAMES = ['Amina', 'Daniel', 'Priya', 'Tomas', 'Mei', 'Omar', 'Sarah', 'Kwame', 'Elena', 'Rahul', 'Lucia', 'Hiroshi'];
const LAST_NAMES = ['Haddad', 'Fischer', 'Raman', 'Novak', 'Chen', 'Farouk', 'Miller', 'Mensah', 'Petrova', 'Iyer', 'Ortiz', 'Sato'];
const PLACES = ['WASHINGTON', 'LONDON', 'PARIS', 'BEIJING', 'NEW DELHI', 'JAKARTA', 'MOSCOW', 'ANKARA', 'JERUSALEM', 'TOKYO', 'BERLIN', 'CAIRO', 'SEOUL', 'BEIRUT'];
const FIRST_DAY = Date.UTC(2019, 0, 1);
const DAYS = 3 * 365;
/** Share of an article's sentences that come from its own story; the rest from any story. */
const OWN_STORY = 0.85;

/** Salts so that each kind of draw has its own stream. */
const SALT = { formats: 1, designed: 2, story: 3, article: 4, change: 5 } as const;

/** Exact counts per format (every format present from 4 articles on), txt taking the remainder. */
function formatCounts(n: number): Record<Format, number> {
  const at = (share: number) => (n >= 4 ? Math.max(1, Math.round(n * share)) : 0);
  const counts = { txt: 0, md: at(FORMAT_SHARES.md), html: at(FORMAT_SHARES.html), json: at(FORMAT_SHARES.json) };
  counts.txt = n - counts.md - counts.html - counts.json;
  return counts;
}

/** How many articles name each designed topic: a share of the corpus, or a fixed handful. */
export function designedCounts(n: number): Record<DesignedKind, number> {
  return {
    common: Math.round(n * DESIGNED_TOPICS.common.share),
    medium: Math.min(n, Math.max(1, Math.round(n * DESIGNED_TOPICS.medium.share))),
    rare: Math.min(n, DESIGNED_TOPICS.rare.articles),
  };
}

const extension: Record<Format, string> = { txt: 'txt', md: 'md', html: 'html', json: 'json' };
const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** Which article gets which format, story and designed topics; fixed by the spec alone. */
export function planCorpus(spec: CorpusSpec, pools: SentencePools): PlannedArticle[] {
  const n = spec.articles;
  const formats: Format[] = [];
  for (const [format, count] of Object.entries(formatCounts(n)) as [Format, number][]) for (let i = 0; i < count; i++) formats.push(format);
  createRandom(mixSeed(spec.seed, SALT.formats)).shuffle(formats);

  const designed: DesignedKind[][] = Array.from({ length: n }, () => []);
  const counts = designedCounts(n);
  DESIGNED_KINDS.forEach((kind, k) => {
    const order = createRandom(mixSeed(spec.seed, SALT.designed, k)).shuffle(Array.from({ length: n }, (_, i) => i));
    for (const i of order.slice(0, counts[kind])) designed[i]!.push(kind);
  });

  // Stories by Zipf rank: the first cluster's names ("Hun Sen") are in a quarter of the articles, the last few in 1 to 2 %.
  const zipf = zipfCumulative(pools.stories.length);
  const digits = Math.max(6, String(n - 1).length);
  return formats.map((format, index) => ({
    index,
    path: `${pad(Math.floor(index / 1000), Math.max(3, digits - 3))}/${pad(index, digits)}.${extension[format]}`,
    format,
    story: createRandom(mixSeed(spec.seed, SALT.story, index)).weighted(zipf),
    designed: designed[index]!,
  }));
}

/** A headline from the lead's opening words, shaped so the cleaner takes it for one (no dangling "the"). */
function titleFrom(sentence: string, rng: Random): string {
  const plain = sentence.replace(/``|''|["“”‘’]/g, '');
  const clause = plain.split(/[,;:]/)[0]!.split(/\s+/).filter(Boolean);
  // A short opening clause ("In 1997,") makes no headline; then the commas just go.
  const words = (clause.length >= 5 ? clause : plain.replace(/[,;:]/g, '').split(/\s+/).filter(Boolean)).slice(0, rng.int(6, 10));
  const title = () => words.join(' ').replace(/[^\p{L}\p{N})]+$/u, '');
  while (words.length > 3 && endsDangling(title())) words.pop();
  return title();
}

/** The text of one article; `variant` > 0 gives the same article rewritten (for reload figures). */
export function composeArticle(spec: CorpusSpec, pools: SentencePools, planned: PlannedArticle, variant = 0): string {
  const rng = createRandom(mixSeed(spec.seed, SALT.article, planned.index, variant));
  const zipf = zipfCumulative(pools.stories.length);
  const own = pools.stories[planned.story]!;
  const used = new Set<string>();
  const draw = (): string | undefined => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const story = rng.next() < OWN_STORY ? own : pools.stories[rng.weighted(zipf)]!;
      const sentence = rng.pick(story.sentences);
      if (!used.has(sentence)) return sentence;
    }
    return undefined; // a story this small is exhausted; the paragraph is a sentence shorter
  };
  const paragraphs: string[][] = [];
  const paragraphCount = rng.int(3, 7);
  for (let p = 0; p < paragraphCount; p++) {
    const sentences: string[] = [];
    const count = rng.int(1, 4);
    for (let s = 0; s < count; s++) {
      // The lead comes from the article's own story, as a news lead says what the story is.
      const sentence = p === 0 && s === 0 ? rng.pick(own.sentences) : draw();
      if (sentence === undefined) continue;
      used.add(sentence);
      sentences.push(sentence);
    }
    if (sentences.length > 0) paragraphs.push(sentences);
  }
  for (const kind of planned.designed) {
    const paragraph = paragraphs[rng.int(0, paragraphs.length - 1)]!;
    paragraph.splice(rng.int(0, paragraph.length), 0, rng.pick(pools.designed[kind]));
  }
  const title = titleFrom(paragraphs[0]![0]!, rng);
  const content: ArticleContent = {
    title,
    outlet: OUTLETS[rng.weighted(zipfCumulative(OUTLETS.length))]!,
    author: `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`,
    place: rng.pick(PLACES),
    published: new Date(FIRST_DAY + rng.int(0, DAYS - 1) * 86_400_000).toISOString().slice(0, 10),
    slug: title.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean).slice(0, 6).join('-'),
    paragraphs: paragraphs.map((sentences) => sentences.join(' ')),
  };
  return renderArticle(planned.format, content);
}

function writeArticle(dir: string, path: string, text: string): number {
  const bytes = Buffer.from(text, 'utf8');
  writeFileSync(join(dir, path), bytes);
  return bytes.length;
}

/** Writes a whole corpus into `dir` (which should be empty) and says what it holds. */
export function writeCorpus(dir: string, spec: CorpusSpec, pools: SentencePools): CorpusManifest {
  const articles = planCorpus(spec, pools);
  const folders = new Set(articles.map((a) => a.path.slice(0, a.path.lastIndexOf('/'))));
  for (const folder of folders) mkdirSync(join(dir, folder), { recursive: true });
  let bytes = 0;
  for (const planned of articles) bytes += writeArticle(dir, planned.path, composeArticle(spec, pools, planned));
  const formats = { txt: 0, md: 0, html: 0, json: 0 };
  for (const a of articles) formats[a.format]++;
  return { dir, spec, articles, bytes, formats, designed: designedCounts(spec.articles) };
}

/**
 * Rewrites a share of the articles in place (same path, format, story and designed topics, other
 * sentences), as a day of corrections and updates would. Returns the changed paths.
 */
export function changeArticles(manifest: Pick<CorpusManifest, 'dir' | 'spec' | 'articles'>, pools: SentencePools, share: number, variant = 1): string[] {
  const count = Math.max(1, Math.round(manifest.articles.length * share));
  const order = createRandom(mixSeed(manifest.spec.seed, SALT.change, variant)).shuffle([...manifest.articles]);
  const chosen = order.slice(0, count);
  for (const planned of chosen) writeArticle(manifest.dir, planned.path, composeArticle(manifest.spec, pools, planned, variant));
  return chosen.map((p) => p.path);
}
