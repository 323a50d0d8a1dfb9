/**
 * How often a disagreement line is right, on real news: recomputes every line the engine shows on the
 * DUC clusters and the bundled articles and judges it by the labels of
 * bench/disagreement-labels.json (see disagreement-labels.ts). Five scopes:
 *  - digests: what readers are shown, the articles as loaded (the DUC copy and most bundled files
 *    state no date): the top topics at every length, and the generic summary bench:quality scores;
 *  - sentences: every sentence as an item's quoted one, with the sentences that tell its fact, as loaded;
 *  - dated digests and dated sentences: the same with the DUC files dated by their order
 *    (file-order-dates.ts: the files up to the cluster's latest, an hour apart; the rest undated),
 *    so that updates can be told from disagreements as they would be on dated feeds;
 *  - compared: every sentence with every article dated at one instant, so that no comparison is
 *    hidden for want of dates: whether the engine compares the same quantity of the same subject.
 * Recall: of the labelled conflicts and updates, how many a scope sets against each other.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEngine } from '../src/config/load-engine.ts';
import { parseConfig } from '../src/config/env.ts';
import { budgetsFrom } from '../src/app/bootstrap.ts';
import { corpusFrom } from '../src/core/index/corpus.ts';
import type { Corpus } from '../src/core/index/snapshot.ts';
import { idf } from '../src/core/index/snapshot.ts';
import { digestAll, digestTopic } from '../src/core/query/digest.ts';
import { sourceRef } from '../src/core/query/citations.ts';
import { disagreementFinder } from '../src/core/summarize/disagreements.ts';
import { sameFactAnywhere } from '../src/core/summarize/same-fact.ts';
import type { DigestItem, RawArticle } from '../src/core/types.ts';
import { dataDirFlag, fail, intFlag, parseCli } from './cli.ts';
import { DEFAULT_DATA_DIR, PROJECT_ROOT, listClusterIds, readCluster } from './eval-data.ts';
import { fileOrderDates } from './file-order-dates.ts';
import { covers, judge, readLabelFile, type FlagRef, type Judgement, type PairLabel } from './disagreement-labels.ts';

const NAME = 'bench:disagreements';
const LABELS = join(PROJECT_ROOT, 'bench', 'disagreement-labels.json');
const values = parseCli({
  name: NAME,
  usage: `usage: npm run bench:disagreements -- [--data DIR] [--labels FILE] [--topics N] [--list] [--json]

Recomputes every disagreement line on the evaluation clusters and the bundled articles/ and reports
the share that is right by the labelled pairs of figures, and the labelled conflicts found.
  --data DIR     clusters/<id>/docs/*.txt (default: ${DEFAULT_DATA_DIR})
  --labels FILE  the labels (default: bench/disagreement-labels.json)
  --topics N     top topics of each cluster whose digests are read (default 10)
  --list         print every flag that is wrong or has a pair no label covers, and the conflicts missed
  --flags        print every flag the engine makes now, right ones too, to read them
  --json         the figures as JSON

example:
  npm run bench:disagreements -- --list`,
  options: {
    data: { type: 'string' },
    labels: { type: 'string' },
    topics: { type: 'string' },
    list: { type: 'boolean' },
    flags: { type: 'boolean' },
    json: { type: 'boolean' },
  },
});
// Flags are judged before the data is looked for, so a usage error is one wherever the data is.
const topicCount = intFlag(NAME, '--topics', values.topics, 10);
const dataDir = dataDirFlag(NAME, values.data);
let labelFile;
try {
  labelFile = readLabelFile(values.labels ?? LABELS);
} catch (err) {
  fail(NAME, (err as Error).message);
}
const { labels, flags: stored } = labelFile;

const engine = loadEngine(join(PROJECT_ROOT, 'config'));
const { analyzer } = engine.lexicon;
const tools = { words: (t: string) => analyzer.words(t), stem: (w: string) => analyzer.stem(w), stopwords: analyzer.stopwords };
const budgets = Object.values(budgetsFrom(parseConfig({})));
/** Any instant will do, as long as every article has it. */
const ONE_INSTANT = '2000-01-01T12:00:00Z';

interface Collection {
  cluster: string;
  /** `ordered`: when the file came out by the order of the files, where that order tells. */
  docs: { file: string; text: string; ordered?: string }[];
  /** The DUC clusters are summarised as a whole by bench:quality; the bundled folder is read by topic. */
  generic: boolean;
}

/** When each file came out: as loaded (no date), by the order of the files, or all at one instant. */
type Dating = 'loaded' | 'ordered' | 'instant';

function corpusOf(c: Collection, dating: Dating = 'loaded'): Corpus {
  const articles: RawArticle[] = c.docs.map((d) => {
    const published = dating === 'instant' ? ONE_INSTANT : dating === 'ordered' ? d.ordered : undefined;
    return {
      file: d.file,
      format: 'txt',
      body: d.text,
      mtime: new Date(0).toISOString(),
      bytes: d.text.length,
      hash: d.file,
      ...(published ? { published } : {}),
    };
  });
  return corpusFrom(engine, { articles, report: [] });
}

function refsOf(cluster: string, items: readonly Pick<DigestItem, 'sources' | 'disagreement'>[]): FlagRef[] {
  return items.flatMap((item) => {
    const d = item.disagreement;
    if (!d) return [];
    // Before the fix a line had no kind: it always said that outlets differ.
    const kind = (d as { kind?: string }).kind ?? 'differ';
    return [{ cluster, leader: item.sources[0]!.file, about: d.about, kind, claims: d.claims.map((c) => ({ value: c.value, docs: c.sources.map((s) => s.file) })) }];
  });
}

function digestFlags(c: Collection, dating: Dating = 'loaded'): FlagRef[] {
  const corpus = corpusOf(c, dating);
  const digests = corpus.topics.slice(0, topicCount).flatMap((t) => budgets.map((b) => digestTopic(corpus, t.name, b)));
  if (c.generic) digests.push(digestAll(corpus, { items: Number.MAX_SAFE_INTEGER, words: 100 }));
  return digests.flatMap((d) => refsOf(c.cluster, d.items));
}

/** The line each sentence would carry as an item's quoted sentence, with every sentence that tells its fact. */
function sentenceFlags(c: Collection, dating: Dating = 'loaded'): FlagRef[] {
  const corpus = corpusOf(c, dating);
  const weigh = idf(corpus);
  const finder = disagreementFinder(corpus, tools, (a) => sourceRef(corpus.articles[a]!));
  return corpus.workspace.run(NAME, (scratch) =>
    corpus.sentences.slice().flatMap((leader) => {
      const disagreement = finder(leader, sameFactAnywhere(corpus, scratch, leader, weigh));
      return disagreement ? refsOf(c.cluster, [{ sources: [sourceRef(corpus.articles[leader.articleId]!)], disagreement }]) : [];
    }),
  );
}

/** One of each: a line repeated at three lengths is one line. */
function unique(flags: FlagRef[]): FlagRef[] {
  const seen = new Map<string, FlagRef>();
  for (const f of flags) seen.set(JSON.stringify([f.cluster, f.leader, f.kind, f.claims]), f);
  return [...seen.values()];
}

const collections: Collection[] = [
  ...listClusterIds(dataDir).map((id) => {
    const docs = readCluster(dataDir, id).docs;
    const ordered = fileOrderDates(dataDir, id, docs.map((d) => d.text));
    return { cluster: id, docs: docs.map((d, i) => ({ file: `${d.id}.txt`, text: d.text, ...(ordered[i] ? { ordered: ordered[i] } : {}) })), generic: true };
  }),
  {
    cluster: 'articles',
    docs: readdirSync(join(PROJECT_ROOT, 'articles')).sort().map((file) => ({ file, text: readFileSync(join(PROJECT_ROOT, 'articles', file), 'utf8') })),
    generic: false,
  },
];

const scopes = {
  digests: unique(collections.flatMap((c) => digestFlags(c))),
  sentences: unique(collections.flatMap((c) => sentenceFlags(c))),
  datedDigests: unique(collections.flatMap((c) => digestFlags(c, 'ordered'))),
  dated: unique(collections.flatMap((c) => sentenceFlags(c, 'ordered'))),
  compared: unique(collections.flatMap((c) => sentenceFlags(c, 'instant'))),
};

interface Tally {
  flags: number;
  right: number;
  wrong: number;
  unlabelled: number;
  /** right / (right + wrong), in percent; null with nothing judged. */
  precision: number | null;
}

type Judged = { flag: FlagRef; judgement: Judgement; missing: unknown[] }[];

function counted(flags: number, judged: Judged): Tally & { judged: Judged } {
  const count = (j: Judgement) => judged.filter((x) => x.judgement === j).length;
  const [right, wrong] = [count('right'), count('wrong')];
  return { flags, right, wrong, unlabelled: count('unlabelled'), precision: right + wrong ? Math.round((1000 * right) / (right + wrong)) / 10 : null, judged };
}

const judgeAll = (flags: readonly FlagRef[], sameQuantity: boolean): Judged => flags.map((flag) => ({ flag, ...judge(labels, flag, sameQuantity) }));
const tally = (flags: readonly FlagRef[], sameQuantity: boolean) => counted(flags.length, judgeAll(flags, sameQuantity));

/** Every labelled conflict or update, as pairs of files. */
const realPairs = labels
  .filter((l) => l.label === 'conflict' || l.label === 'update')
  .flatMap((l) => l.a.docs.flatMap((da) => l.b.docs.filter((db) => db !== da).map((db) => ({ label: l, docs: [da, db] as [string, string] }))));

function recall(flags: readonly FlagRef[]) {
  const found = realPairs.filter((p) => covers(flags, p.label, p.docs));
  const of = (kind: PairLabel['label']) => `${found.filter((p) => p.label.label === kind).length}/${realPairs.filter((p) => p.label.label === kind).length}`;
  return { found: found.length, of: realPairs.length, conflicts: of('conflict'), updates: of('update'), missed: realPairs.filter((p) => !found.includes(p)) };
}

const results = {
  digests: tally(scopes.digests, false),
  sentences: tally(scopes.sentences, false),
  datedDigests: tally(scopes.datedDigests, false),
  dated: tally(scopes.dated, false),
  compared: tally(scopes.compared, true),
};
// A line seen with every report at one instant is judged as a comparison, like the scope it came from.
const storedTally = (code: 'before' | 'after') => {
  const flags = stored.filter((f) => f.code === code);
  return counted(flags.length, flags.flatMap((f) => judgeAll([f], f.scope === 'compared')));
};
const report = {
  labels: labels.length,
  labelledPairs: labels.reduce((n, l) => n + l.a.docs.length * l.b.docs.length, 0),
  stored: { before: storedTally('before'), after: storedTally('after') },
  scopes: results,
  recall: Object.fromEntries(Object.entries(scopes).map(([name, flags]) => [name, recall(flags)])),
};

const pct = (t: Tally) => (t.precision === null ? 'n/a' : `${t.precision}%`);
const strip = <T extends { judged: unknown }>({ judged: _, ...rest }: T) => rest;
if (values.json) {
  const out = {
    ...report,
    stored: { before: strip(report.stored.before), after: strip(report.stored.after) },
    scopes: Object.fromEntries(Object.entries(results).map(([name, t]) => [name, strip(t)])),
    recall: Object.fromEntries(Object.entries(report.recall).map(([k, { missed: _, ...r }]) => [k, r])),
  };
  console.log(JSON.stringify(out, null, 1));
} else {
  const rows = [
    ['stored flags, code before the fix (digests)', report.stored.before],
    ['stored flags, code after the fix (every sentence: one instant, and dated by file order)', report.stored.after],
    ['digests as loaded (what readers see)', results.digests],
    ['every sentence as loaded', results.sentences],
    ['digests, DUC files dated by their order', results.datedDigests],
    ['every sentence, DUC files dated by their order', results.dated],
    ['every sentence, all reports at one instant: same quantity?', results.compared],
  ] as const;
  console.log(`${report.labels} labels covering ${report.labelledPairs} pairs of figures; ${realPairs.length} pairs are real conflicts or updates\n`);
  console.log('| flags | shown | right | wrong | unlabelled | precision |\n|---|---:|---:|---:|---:|---:|');
  for (const [name, t] of rows) console.log(`| ${name} | ${t.flags} | ${t.right} | ${t.wrong} | ${t.unlabelled} | ${pct(t)} |`);
  console.log('\n| recall of labelled conflicts and updates | found | conflicts | updates |\n|---|---:|---:|---:|');
  for (const [name, r] of Object.entries(report.recall)) console.log(`| ${name} | ${r.found}/${r.of} | ${r.conflicts} | ${r.updates} |`);
}
if (values.list || values.flags) {
  const listed = values.flags ? results : { 'stored before': report.stored.before, 'stored after': report.stored.after, ...results };
  for (const [name, t] of Object.entries(listed)) {
    for (const j of t.judged.filter((x) => values.flags || x.judgement !== 'right')) {
      const claims = j.flag.claims.map((c) => `${c.value} (${c.docs.join(', ')})`).join('; ');
      console.error(`${name}: ${j.judgement}: ${j.flag.cluster} ${j.flag.leader} [${j.flag.kind}] ${j.flag.about}: ${claims}`);
    }
  }
  if (values.list) for (const p of report.recall.compared!.missed) console.error(`missed: ${p.label.cluster} ${p.docs[0]} ${p.label.a.figure} / ${p.docs[1]} ${p.label.b.figure} (${p.label.label}: ${p.label.reason})`);
}
