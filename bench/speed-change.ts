/**
 * Changes a share of a synthetic corpus's articles in place, as the speed benchmark's reload step
 * needs, and prints the changed paths as JSON. Run in a process of its own, as files change when
 * the bot runs (an editor, a sync job). Planning the change lays out every article of the corpus
 * again: in the measured process, the heap that grew stayed after a collection and counted in the
 * reload's peak.
 * Options: USAGE below, or `--help`.
 */
import { join } from 'node:path';
import { loadEngine } from '../src/config/load-engine.ts';
import { dataDirFlag, intFlag, parseCli, usageError } from './cli.ts';
import { PROJECT_ROOT } from './eval-data.ts';
import { changeArticles, planCorpus } from './speed-corpus.ts';
import { readSentencePools } from './speed-sources.ts';

const COMMAND = {
  name: 'speed-change',
  usage: `usage: node --import tsx bench/speed-change.ts --dir DIR --size N --seed S --share FRACTION [--data DIR]

Rewrites FRACTION (0 < FRACTION <= 1) of the articles of the corpus in DIR, written by writeCorpus
with size N and seed S, and prints the changed paths as JSON. --data: the evaluation folder the
corpus was written from (default: the DUC 2004 data beside the project).

example:
  node --import tsx bench/speed-change.ts --dir /tmp/corpus --size 1000 --seed 20040601 --share 0.01
`,
  options: { dir: { type: 'string' }, size: { type: 'string' }, seed: { type: 'string' }, share: { type: 'string' }, data: { type: 'string' } },
} as const;

const values = parseCli(COMMAND);
for (const flag of ['dir', 'size', 'seed', 'share'] as const) if (values[flag] === undefined) usageError(COMMAND.name, `--${flag} is required`);
const spec = { articles: intFlag(COMMAND.name, 'size', values.size, 0), seed: intFlag(COMMAND.name, 'seed', values.seed, 0, -Infinity) };
const share = Number(values.share);
if (!(share > 0 && share <= 1)) usageError(COMMAND.name, `--share must be a fraction in (0, 1], got ${values.share}`);
const pools = readSentencePools(loadEngine(join(PROJECT_ROOT, 'config')), dataDirFlag(COMMAND.name, values.data));
process.stdout.write(JSON.stringify(changeArticles({ dir: values.dir!, spec, articles: planCorpus(spec, pools) }, pools, share)));
