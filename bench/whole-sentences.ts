/**
 * The published systems' DUC 2004 outputs held to the engine's rule (docs/summarizer.md, section 7):
 * whole sentences within the word budget as a reader counts words, a sentence that would cross it
 * left out and a later, shorter one taken if it fits; then scored as `bench:quality` scores them.
 * ROUGE's 100-word cut lets a longer output keep part of its last sentence, which the engine no
 * longer does: this says what the published systems score without that. Usage:
 * `node --import tsx bench/whole-sentences.ts [--data DIR] [--words N]`.
 */
import { join } from 'node:path';
import { dataDirFlag, intFlag, parseCli } from './cli.ts';
import { listClusterIds, listSystems, readCluster, readSystemSummary } from './eval-data.ts';
import { scoreSystem, type ScoredInput } from './quality-report.ts';
import { splitSummarySentences } from './sentences.ts';

const NAME = 'bench/whole-sentences.ts';
const values = parseCli({
  name: NAME,
  usage: `usage: node --import tsx bench/whole-sentences.ts [--data DIR] [--words N]

Scores each published system of DIR/reference-systems twice: as written (ROUGE cuts at N words) and
held to whole sentences within N words.`,
  options: { data: { type: 'string' }, words: { type: 'string' } },
});
const dataDir = dataDirFlag(NAME, values.data);
const budget = intFlag(NAME, 'words', values.words, 100);
const count = (s: string) => s.split(/\s+/).filter(Boolean).length;

/** The sentences in order, each taken if it fits the words left. */
function within(sentences: readonly string[]): string[] {
  const kept: string[] = [];
  let words = 0;
  for (const s of sentences) {
    if (words + count(s) > budget) continue;
    kept.push(s);
    words += count(s);
  }
  return kept;
}

const clusters = listClusterIds(dataDir).map((id) => readCluster(dataDir, id));
const systemsDir = join(dataDir, 'reference-systems');
console.log(`| system | as written: ROUGE-1 / ROUGE-2 | summaries over ${budget} words | whole sentences within ${budget}: ROUGE-1 / ROUGE-2 |`);
console.log('|---|---:|---:|---:|');
for (const system of listSystems(systemsDir)) {
  const written: ScoredInput[] = [];
  const held: ScoredInput[] = [];
  let over = 0;
  for (const c of clusters) {
    const text = readSystemSummary(systemsDir, system, c.id);
    if (text === undefined) continue;
    const sentences = splitSummarySentences(text);
    if (count(sentences.join(' ')) > budget) over++;
    written.push({ clusterId: c.id, sentences, refs: c.refs });
    held.push({ clusterId: c.id, sentences: within(sentences), refs: c.refs });
  }
  const a = scoreSystem(system, written);
  const b = scoreSystem(system, held);
  console.log(`| ${system} | ${a.rouge1?.toFixed(2)} / ${a.rouge2?.toFixed(2)} | ${over} of ${written.length} | ${b.rouge1?.toFixed(2)} / ${b.rouge2?.toFixed(2)} |`);
}
