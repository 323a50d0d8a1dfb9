/**
 * Changes a share of a synthetic corpus's articles in place, as the speed benchmark's reload step
 * needs, and prints the changed paths as JSON. Run in a process of its own, as files change when
 * the bot runs (an editor, a sync job). Planning the change lays out every article of the corpus
 * again: in the measured process, the heap that grew stayed after a collection and counted in the
 * reload's peak.
 *
 *   node --import tsx bench/speed-change.ts --dir DIR --size N --seed S --share 0.01
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadEngine } from '../src/config/load-engine.ts';
import { PROJECT_ROOT } from './eval-data.ts';
import { changeArticles, planCorpus } from './speed-corpus.ts';
import { readSentencePools } from './speed-sources.ts';

const { values } = parseArgs({
  options: { dir: { type: 'string' }, size: { type: 'string' }, seed: { type: 'string' }, share: { type: 'string' } },
});
const spec = { articles: Number(values.size), seed: Number(values.seed) };
const share = Number(values.share);
if (!values.dir || !Number.isInteger(spec.articles) || !Number.isInteger(spec.seed) || !(share > 0 && share <= 1)) {
  throw new Error('usage: speed-change.ts --dir DIR --size N --seed S --share (0,1]');
}
const pools = readSentencePools(loadEngine(join(PROJECT_ROOT, 'config')));
process.stdout.write(JSON.stringify(changeArticles({ dir: values.dir, spec, articles: planCorpus(spec, pools) }, pools, share)));
