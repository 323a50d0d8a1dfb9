import type { Disagreement, SourceRef } from '../types.ts';
import type { Figure } from './figure-scan.ts';

export { fullName, mayCount, scanFigures, type Figure } from './figure-scan.ts';
export { NUMBER_WORDS } from './figure-words.ts';

export interface TextTools {
  words(text: string): string[];
  stem(word: string): string;
  stopwords: ReadonlySet<string>;
}

/** The same quantity: the same kind of figure, counting the same thing (the same unit), in the same role. */
export const sameQuantity = (a: Figure, b: Figure): boolean => a.kind === b.kind && a.unit === b.unit && a.role === b.role;

/**
 * Whether two figures are about the same subject, judged by the names around them: each must have
 * one, and the nearest name of one must be among the other's. "In Herat, a bomb killed 20" and "in
 * Ghazni, a bomb killed 35" are about two cities; "the city is the tenth provincial capital" names
 * none, and could be about any. One way round is enough, as "Swedish" and "Sweden" are two words. A
 * rank is a rank of something, so ranks must name the same subject nearest to them: "the Taliban
 * captured the sixth provincial capital" ranks a city it does not name.
 */
export function sameSubject(a: Figure, b: Figure): boolean {
  const [na, nb] = [a.names[0], b.names[0]];
  if (na === undefined || nb === undefined) return false;
  if (a.kind === 'ordinal' || b.kind === 'ordinal') return na === nb;
  return b.names.includes(na) || a.names.includes(nb);
}

/** Conversions between units are rounded ("500 kilometers (300 miles)" is 483 km): lengths agree within this share. */
const LENGTH_SLACK = 0.1;
/** "About 180" stands for anything this close to 180. */
const ABOUT_SLACK = 0.1;

function range(f: Figure): [number, number] {
  const slack = f.kind === 'length' ? LENGTH_SLACK : 0;
  const v = f.value;
  switch (f.bound) {
    case 'exact':
      return [v * (1 - slack), v * (1 + slack)];
    case 'about':
      return [v * (1 - Math.max(slack, ABOUT_SLACK)), v * (1 + Math.max(slack, ABOUT_SLACK))];
    case 'atLeast':
      return [v * (1 - slack), Infinity];
    case 'atMost':
      return [0, v * (1 + slack)];
  }
}

/** Whether two values of one quantity can both be right: "at least 60" and "65" can, "60" and "65" cannot. */
export function compatible(a: Figure, b: Figure): boolean {
  const [a0, a1] = range(a);
  const [b0, b1] = range(b);
  return a0 <= b1 && b0 <= a1;
}

/** A figure and the article it is in. */
export interface FigureMention {
  figure: Figure;
  article: number;
}

/** When an article came out, as the instants it may stand for (a whole day for a date alone); undefined when unknown. */
export interface Published {
  earliest: number;
  latest: number;
}

// Case and quotes aside: "deccanherald.com" before "Reuters", a quoted title among the outlets by its words.
const OUTLET_ORDER = new Intl.Collator('en', { sensitivity: 'base', ignorePunctuation: true });
const byOutlet = (a: SourceRef, b: SourceRef): number =>
  OUTLET_ORDER.compare(a.source, b.source) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);

const ROLE_WORDS: Readonly<Record<string, string>> = { dead: 'killed', injured: 'injured', missing: 'missing', arrested: 'arrested', displaced: 'displaced' };

/** What the line says the figures are about, in words a reader can follow. */
function aboutOf(f: Figure): string {
  switch (f.kind) {
    case 'count':
      return `number of ${f.unitText}${f.role ? ` ${ROLE_WORDS[f.role] ?? f.role}` : ''}`;
    case 'ordinal':
      return `rank among ${plural(f.unitText)}`;
    case 'percent':
      return f.unitText;
    case 'money':
      return 'amount';
    case 'length':
      return 'distance';
    case 'age':
      return f.unitText;
  }
}

/** "provincial capital" -> "provincial capitals": enough for the nouns ranks are given in. */
const plural = (noun: string): string =>
  /[^aeiou]y$/.test(noun) ? `${noun.slice(0, -1)}ies` : /(?:s|x|ch|sh)$/.test(noun) ? `${noun}es` : `${noun}s`;

interface Claim {
  value: number;
  /** The values it can stand for (`range`): "at least 60" any from 60 up. */
  range: [number, number];
  spellings: Set<string>;
  sources: SourceRef[];
  articles: number[];
}

/**
 * How the reports stand in time, for a quantity they give different values for: 'rose' or 'fell' when each
 * report came out after every report with another value and the values only rise (or only fall)
 * with time; 'differ' when reports of one instant differ, or later ones go back to an earlier
 * value; undefined when some report cannot be placed in time against another (no date, or a date
 * without a time on the same day), since a toll revised during a day is no disagreement.
 */
function inTime(claims: readonly Claim[], published: (article: number) => Published | undefined): { kind: Disagreement['kind']; order: Claim[] } | undefined {
  const dated = claims.flatMap((c) => c.articles.map((a) => ({ claim: c, when: published(a) })));
  if (dated.some((d) => d.when === undefined)) return undefined;
  let simultaneous = false;
  for (let i = 0; i < dated.length; i++) {
    for (let j = i + 1; j < dated.length; j++) {
      const [x, y] = [dated[i]!, dated[j]!];
      if (x.claim === y.claim) continue;
      const [a, b] = [x.when!, y.when!];
      if (a.latest < b.earliest || b.latest < a.earliest) continue;
      if (a.earliest === a.latest && b.earliest === b.latest && a.earliest === b.earliest) simultaneous = true;
      else return undefined;
    }
  }
  if (simultaneous) return { kind: 'differ', order: [...claims] };
  // Every report with one value is before or after every report with another: the claims have an order.
  const first = (c: Claim) => Math.min(...c.articles.map((a) => published(a)!.earliest));
  const last = (c: Claim) => Math.max(...c.articles.map((a) => published(a)!.latest));
  const order = [...claims].sort((a, b) => first(a) - first(b));
  for (let i = 1; i < order.length; i++) if (last(order[i - 1]!) >= first(order[i]!)) return { kind: 'differ', order: [...claims] };
  const steps = order.slice(1).map((c, i) => Math.sign(c.value - order[i]!.value));
  if (steps.every((s) => s > 0)) return { kind: 'rose', order };
  return steps.every((s) => s < 0) ? { kind: 'fell', order } : { kind: 'differ', order: [...claims] };
}

/**
 * Whether the reports a rise (fall) leaves out, as they can be right with its leader, keep to it:
 * "about 180", then 157, then 155 is no fall when 162 came between the 157 and the 155. A report
 * that cannot be placed in time against the claims (no date, or the same day without times) leaves
 * the trend unknown. Bounds are read as ranges: an earlier "at least 60" does not stop 65 then 60.
 */
function trendHolds(kind: 'rose' | 'fell', order: readonly Claim[], within: readonly FigureMention[], published: (article: number) => Published | undefined): boolean {
  // Whether `later`'s values can follow `earlier`'s in the trend: not all below (for a rise) or above (a fall).
  const follows = ([lo, hi]: [number, number], [elo, ehi]: [number, number]) => (kind === 'rose' ? hi >= elo : lo <= ehi);
  for (const w of within) {
    const at = published(w.article);
    if (!at) return false;
    const r = range(w.figure);
    for (const claim of order) {
      for (const article of claim.articles) {
        const when = published(article)!;
        if (when.latest < at.earliest) {
          if (!follows(r, claim.range)) return false;
        } else if (at.latest < when.earliest) {
          if (!follows(claim.range, r)) return false;
        } else return false;
      }
    }
  }
  return true;
}

/**
 * Where the reports give a value for what `figure` measures that cannot be true with it. `mentions`
 * are the figures of the sentences that tell the same fact, each already the only value its
 * sentence gives for that quantity. An article giving two values that cannot both be right (the
 * leader's own included) is describing different things, or a change, and is left out; if it is the
 * leader's, nothing is said. A rank of a named subject ("Ghazni, the ninth provincial capital") is
 * fixed once it happened, so outlets that differ on it differ whenever they wrote; any other value
 * can change as a story unfolds, so which reports came first decides between an update and a
 * disagreement, and without dates nothing is said.
 */
export function findDisagreement(
  figure: Figure,
  leaderArticle: number,
  mentions: readonly FigureMention[],
  published: (article: number) => Published | undefined,
  sourceOf: (article: number) => SourceRef,
): Disagreement | undefined {
  const perArticle = new Map<number, FigureMention[]>();
  for (const m of mentions) {
    if (!sameQuantity(figure, m.figure) || !sameSubject(figure, m.figure)) continue;
    const list = perArticle.get(m.article) ?? [];
    list.push(m);
    perArticle.set(m.article, list);
  }
  const own = perArticle.get(leaderArticle) ?? [];
  if (own.some((m) => !compatible(figure, m.figure))) return undefined;
  // One claim per value as given: "at least 60" is not "60", and can be right with "65".
  const claims = new Map<string, Claim>();
  const add = (article: number, f: Figure) => {
    const key = `${f.value} ${f.bound}`;
    const claim = claims.get(key) ?? { value: f.value, range: range(f), spellings: new Set<string>(), sources: [], articles: [] };
    claim.spellings.add(f.written);
    if (!claim.articles.includes(article)) {
      claim.articles.push(article);
      claim.sources.push(sourceOf(article));
    }
    claims.set(key, claim);
  };
  const sameClaim = (f: Figure) => f.value === figure.value && f.bound === figure.bound;
  // Reports that can be right with the leader but give another value (162 beside its "about 180"):
  // they make no disagreement, but a rise or fall must hold for them too.
  const within: FigureMention[] = [];
  let conflict = false;
  for (const [article, list] of perArticle) {
    if (article === leaderArticle) continue;
    if (list.some((m) => !compatible(m.figure, list[0]!.figure))) continue;
    const f = list[0]!.figure;
    if (compatible(figure, f)) {
      // Reports that agree with the leader are named with it when they give its very value.
      if (sameClaim(f)) for (const m of list) add(article, m.figure);
      else within.push({ figure: f, article });
      continue;
    }
    conflict = true;
    for (const m of list) add(article, m.figure);
  }
  if (!conflict) return undefined;
  for (const m of own) if (sameClaim(m.figure)) add(leaderArticle, m.figure);
  const all = [...claims.values()];
  // A rank, once it happened, and a person's age in the days a story runs do not change: reports that differ, differ.
  const timing = figure.kind === 'ordinal' || figure.kind === 'age' ? { kind: 'differ' as const, order: all } : inTime(all, published);
  if (!timing || (timing.kind !== 'differ' && !trendHolds(timing.kind, timing.order, within, published))) return undefined;
  const ordered = timing.kind === 'differ' ? all.sort((a, b) => a.value - b.value) : timing.order;
  // "tenth" and "10th" are the same count told two ways: one claim, both spellings shown, figures
  // first; the outlets alphabetically, so the line is the same whatever order the articles came in.
  return {
    about: aboutOf(figure),
    kind: timing.kind,
    claims: ordered.map((c) => ({ value: [...c.spellings].sort().join(' / '), sources: c.sources.sort(byOutlet) })),
  };
}
