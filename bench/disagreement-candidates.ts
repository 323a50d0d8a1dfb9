/**
 * Candidates for labelling, chosen without the engine's lines: every pair of figures of two
 * articles of one collection that are of one kind (a count and a rank together, as "ninth" and
 * "10 capitals" may be one quantity), count the same noun or have the same role ("killing 60",
 * "65 dead"), differ in value, and sit in sentences sharing at least two content words. Much looser
 * than the engine (no same-fact grouping, no subject names, no bound), so that what it misses is
 * among them. Pairs of one cluster with the same values and unit are one candidate (their files
 * merged). A seeded sample is printed with both sentences, to be read and labelled before looking
 * at what bench:disagreements flags. Prints the texts to the terminal only: never store its output
 * in the repository (the DUC texts stay in ../shared).
 *
 * --shared K (default 2) is the least number of content words the two sentences share: a higher one
 * draws from the pairs most likely to tell one fact.
 *
 *   node --import tsx bench/disagreement-candidates.ts [--data DIR] [--sample N] [--seed S] [--shared K]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEngine } from '../src/config/load-engine.ts';
import { scanFigures, type Figure } from '../src/core/summarize/figures.ts';
import { dataDirFlag, intFlag, parseCli } from './cli.ts';
import { PROJECT_ROOT, listClusterIds, readCluster } from './eval-data.ts';
import { createRandom } from './speed-random.ts';
import { corpusFrom } from '../src/core/index/corpus.ts';

const NAME = 'disagreement-candidates';
const values = parseCli({
  name: NAME,
  usage: 'usage: node --import tsx bench/disagreement-candidates.ts [--data DIR] [--sample N] [--seed S] [--shared K]',
  options: { data: { type: 'string' }, sample: { type: 'string' }, seed: { type: 'string' }, shared: { type: 'string' } },
});
const dataDir = dataDirFlag(NAME, values.data);
const sample = intFlag(NAME, '--sample', values.sample, 80);
const seed = intFlag(NAME, '--seed', values.seed, 22);
const minShared = intFlag(NAME, '--shared', values.shared, 2);

const engine = loadEngine(join(PROJECT_ROOT, 'config'));
const { analyzer } = engine.lexicon;
const tools = { words: (t: string) => analyzer.words(t), stem: (w: string) => analyzer.stem(w), stopwords: analyzer.stopwords };

interface Found {
  doc: string;
  text: string;
  figure: Figure;
  words: Set<string>;
}

const family = (f: Figure) => (f.kind === 'ordinal' ? 'count' : f.kind);
const comparable = (a: Figure, b: Figure) =>
  family(a) === family(b) && a.value !== b.value && (a.unit === b.unit || (a.role !== '' && a.role === b.role));

function contentWords(text: string): Set<string> {
  return new Set(tools.words(text).filter((w) => !tools.stopwords.has(w) && !/\d/.test(w) && w.length > 2).map((w) => tools.stem(w)));
}

function collection(name: string, docs: { file: string; text: string }[]) {
  const corpus = corpusFrom(engine, {
    articles: docs.map((d) => ({ file: d.file, format: 'txt' as const, body: d.text, mtime: new Date(0).toISOString(), bytes: d.text.length, hash: d.file })),
    report: [],
  });
  const found: Found[] = corpus.sentences.slice().flatMap((s) => {
    const text = s.text;
    return scanFigures(text, tools).map((figure) => ({ doc: corpus.articles[s.articleId]!.file, text, figure, words: contentWords(text) }));
  });
  const pairs = new Map<string, { a: Found; b: Found; sidesA: Map<string, string>; sidesB: Map<string, string> }>();
  for (let i = 0; i < found.length; i++) {
    for (let j = i + 1; j < found.length; j++) {
      const [x, y] = [found[i]!, found[j]!];
      if (x.doc === y.doc || !comparable(x.figure, y.figure)) continue;
      let shared = 0;
      for (const w of x.words) if (y.words.has(w)) shared++;
      if (shared < minShared) continue;
      const [a, b] = x.figure.value < y.figure.value ? [x, y] : [y, x];
      const key = `${a.figure.unit}|${a.figure.value}|${b.figure.value}`;
      const pair = pairs.get(key) ?? { a, b, sidesA: new Map<string, string>(), sidesB: new Map<string, string>() };
      pair.sidesA.set(a.doc, a.text);
      pair.sidesB.set(b.doc, b.text);
      pairs.set(key, pair);
    }
  }
  return [...pairs.values()].map((p) => ({ cluster: name, ...p }));
}

const all = [
  ...listClusterIds(dataDir).map((id) => collection(id, readCluster(dataDir, id).docs.map((d) => ({ file: `${d.id}.txt`, text: d.text })))),
  collection('articles', readdirSync(join(PROJECT_ROOT, 'articles')).sort().map((file) => ({ file, text: readFileSync(join(PROJECT_ROOT, 'articles', file), 'utf8') }))),
].flat();

// A seeded shuffle, so the sample can be drawn again.
createRandom(seed).shuffle(all);
console.log(`${all.length} candidate pairs; a sample of ${Math.min(sample, all.length)} (seed ${seed})\n`);
all.slice(0, sample).forEach((p, n) => {
  console.log(`#${n + 1} ${p.cluster} [${p.a.figure.kind}/${p.a.figure.unit}${p.a.figure.role ? `/${p.a.figure.role}` : ''}]`);
  // Each file's sentence, as the files of one side may say different things.
  for (const [side, figure, sides] of [['A', p.a.figure, p.sidesA], ['B', p.b.figure, p.sidesB]] as const) {
    for (const [doc, text] of sides) console.log(`  ${side} "${figure.written}" ${doc}: ${text}`);
  }
  console.log('');
});
