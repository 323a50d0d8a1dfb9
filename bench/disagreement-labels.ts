/**
 * The labelled disagreements of `bench/disagreement-labels.json` and how a flag is judged by them.
 * A label is about two figures of one collection (a DUC cluster, or `articles` for the bundled
 * folder), each named by the files it is in and the figure as written, never by its sentence: the
 * DUC texts stay in ../shared. A flag (one "Outlets differ" or "rose from" line) is judged by every
 * pair of its claims.
 */
import { readFileSync } from 'node:fs';

/**
 * conflict: the same quantity of the same subject, values that cannot both be right.
 * update: the same quantity, a value revised as the story went on (a later version of the toll).
 * agree: the same quantity, values that are both right once read properly (a bound, a conversion).
 * false: not the same quantity of the same subject (a date, an age, another place, a rank and a count...).
 */
export type Verdict = 'conflict' | 'update' | 'agree' | 'false';
const VERDICTS: readonly Verdict[] = ['conflict', 'update', 'agree', 'false'];

export interface Side {
  docs: string[];
  figure: string;
}

export interface PairLabel {
  cluster: string;
  a: Side;
  b: Side;
  label: Verdict;
  reason: string;
  /**
   * For an update, the side the articles themselves say came first ("police first gave 65, then
   * 60"), where they say it: a line that has the figure rise or fall the other way is wrong.
   */
  earlier?: 'a' | 'b';
  /** How the pair was chosen for labelling, where it was drawn from bench/disagreement-candidates.ts. */
  drawn?: string;
}

/** A flag as a digest carries it, by reference: where its figures are, not what the sentences say. */
export interface FlagRef {
  cluster: string;
  /** The file of the sentence the line is under. */
  leader: string;
  about: string;
  kind: string;
  claims: { value: string; docs: string[] }[];
}

export interface StoredFlag extends FlagRef {
  /** The code that showed it: before the fix (e6edacc) or after. */
  code: 'before' | 'after';
  /** Where it was seen: "digests" (what readers were shown), "compared" (every sentence, all reports at one instant) or "dated" (every sentence, the DUC files dated by their order). */
  scope: string;
}

export interface LabelFile {
  labels: PairLabel[];
  flags: StoredFlag[];
}

export function readLabelFile(file: string): LabelFile {
  const json = JSON.parse(readFileSync(file, 'utf8')) as Partial<LabelFile>;
  const labels = json.labels ?? [];
  for (const [i, l] of labels.entries()) {
    if (!VERDICTS.includes(l.label)) throw new Error(`${file}: labels[${i}] has label ${JSON.stringify(l.label)}`);
    if (!l.a?.docs?.length || !l.b?.docs?.length || figureValue(l.a.figure) === undefined || figureValue(l.b.figure) === undefined) {
      throw new Error(`${file}: labels[${i}] needs docs and a figure on both sides`);
    }
    if (l.earlier !== undefined && l.earlier !== 'a' && l.earlier !== 'b') throw new Error(`${file}: labels[${i}] has earlier ${JSON.stringify(l.earlier)} (a or b)`);
  }
  return { labels, flags: json.flags ?? [] };
}

const WORDS = new Map<string, number>(
  [
    ['zero', 0], ['one', 1], ['two', 2], ['three', 3], ['four', 4], ['five', 5], ['six', 6], ['seven', 7], ['eight', 8], ['nine', 9],
    ['ten', 10], ['eleven', 11], ['twelve', 12], ['thirteen', 13], ['fourteen', 14], ['fifteen', 15], ['sixteen', 16], ['seventeen', 17],
    ['eighteen', 18], ['nineteen', 19], ['twenty', 20], ['thirty', 30], ['forty', 40], ['fifty', 50], ['sixty', 60], ['seventy', 70],
    ['eighty', 80], ['ninety', 90], ['first', 1], ['second', 2], ['third', 3], ['fourth', 4], ['fifth', 5], ['sixth', 6], ['seventh', 7],
    ['eighth', 8], ['ninth', 9], ['tenth', 10], ['eleventh', 11], ['twelfth', 12], ['twentieth', 20],
  ],
);

/**
 * The leading number of a figure as written: "at least 60" 60, "Sixty-seven" 67, "$4.2 billion" 4.2,
 * "11th" 11, "124-member" 124. Without its scale: the code before the fix wrote "22" for "22 million",
 * and within one file and one label the number alone tells figures apart.
 */
export function figureValue(written: string): number | undefined {
  const words = written.toLowerCase().replace(/,/g, '').replace(/(\d)-/g, '$1 ').split(/[\s/$]+/).filter(Boolean);
  for (const w of words) {
    const digits = /^(\d+(?:\.\d+)?)(?:st|nd|rd|th)?$/.exec(w);
    if (digits) return Number(digits[1]);
    if (WORDS.has(w)) return WORDS.get(w);
    const [tens, unit] = w.split('-');
    if (tens && unit && WORDS.has(tens) && WORDS.has(unit)) return WORDS.get(tens)! + WORDS.get(unit)!;
  }
  return undefined;
}

const same = (x: number, y: number) => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x));

/** A figure of a flag: the file it is in and its value. */
interface Mention {
  doc: string;
  value: number;
}

const matches = (side: Side, m: Mention) => side.docs.includes(m.doc) && same(figureValue(side.figure)!, m.value);

/** The label of two figures of a collection, whichever side each is on. */
export function labelOf(labels: readonly PairLabel[], cluster: string, x: Mention, y: Mention): PairLabel | undefined {
  return labels.find((l) => l.cluster === cluster && ((matches(l.a, x) && matches(l.b, y)) || (matches(l.a, y) && matches(l.b, x))));
}

/** Every pair of figures a flag sets against each other: each file of one claim with each file of another. */
export function pairsOf(flag: FlagRef): [Mention, Mention][] {
  const pairs: [Mention, Mention][] = [];
  const claims = flag.claims.map((c) => ({ value: figureValue(c.value.split(' / ')[0]!), docs: c.docs }));
  for (let i = 0; i < claims.length; i++) {
    for (let j = i + 1; j < claims.length; j++) {
      const [x, y] = [claims[i]!, claims[j]!];
      if (x.value === undefined || y.value === undefined) continue;
      for (const dx of x.docs) for (const dy of y.docs) if (dx !== dy) pairs.push([{ doc: dx, value: x.value }, { doc: dy, value: y.value }]);
    }
  }
  return pairs;
}

export type Judgement = 'right' | 'wrong' | 'unlabelled';

/**
 * Whether a flag says something true. A line that outlets differ is right when every pair it sets
 * against each other is a conflict; a line that a figure rose (fell) in later reports, when each is
 * an update or a conflict, the same quantity told another way later, and no pair is in the opposite
 * order to the one its label records. With `sameQuantity`, a flag is right when each pair measures
 * the same quantity of the same subject, whatever the line would say.
 */
export function judge(labels: readonly PairLabel[], flag: FlagRef, sameQuantity = false): { judgement: Judgement; missing: [Mention, Mention][] } {
  const found = pairsOf(flag).map((pair) => ({ pair, label: labelOf(labels, flag.cluster, ...pair) }));
  const missing = found.filter((f) => !f.label).map((f) => f.pair);
  if (missing.length > 0) return { judgement: 'unlabelled', missing };
  const inTime = flag.kind === 'rose' || flag.kind === 'fell';
  const allowed: Verdict[] = sameQuantity || inTime ? ['conflict', 'update'] : ['conflict'];
  // A rose/fell line lists its claims oldest first, so the first figure of each pair is the earlier.
  const backwards = (l: PairLabel, earlier: Mention) => inTime && !sameQuantity && l.earlier !== undefined && !matches(l[l.earlier], earlier);
  return { judgement: found.every((f) => allowed.includes(f.label!.label) && !backwards(f.label!, f.pair[0])) ? 'right' : 'wrong', missing };
}

/** Whether some flag sets this labelled pair against each other (in either order, any of its files). */
export function covers(flags: readonly FlagRef[], label: PairLabel, doc: [string, string]): boolean {
  const [x, y] = [{ doc: doc[0], value: figureValue(label.a.figure)! }, { doc: doc[1], value: figureValue(label.b.figure)! }];
  return flags.some(
    (f) => f.cluster === label.cluster && pairsOf(f).some(([p, q]) => (p.doc === x.doc && same(p.value, x.value) && q.doc === y.doc && same(q.value, y.value)) || (p.doc === y.doc && same(p.value, y.value) && q.doc === x.doc && same(q.value, x.value))),
  );
}
