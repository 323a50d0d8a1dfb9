/**
 * The reader checks (reader-checks.ts) on topic digests of any folder of articles: every topic of
 * the folder's topic list, `/summary <topic>` at the three lengths the bot offers, as the bot
 * builds them. `bench:quality` checks the top three topics of each DUC cluster at one length; this
 * reads a folder the way a user of the bot would, the bundled `articles/` by default. Usage:
 * `node --import tsx bench/topic-checks.ts [--dir DIR] [--list]`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadEngine } from '../src/config/load-engine.ts';
import { parseConfig } from '../src/config/env.ts';
import { budgetsFrom } from '../src/app/bootstrap.ts';
import { corpusFrom } from '../src/core/index/corpus.ts';
import { digestTopic } from '../src/core/query/digest.ts';
import type { RawArticle } from '../src/core/types.ts';
import { fail, parseCli } from './cli.ts';
import { PROJECT_ROOT } from './eval-data.ts';
import { SourceArticles } from './reader-checks.ts';
import { readerChecks, type ReaderInput } from './reader-report.ts';

const NAME = 'bench/topic-checks.ts';
const values = parseCli({
  name: NAME,
  usage: `usage: node --import tsx bench/topic-checks.ts [--dir DIR] [--list]

Reader checks (unresolved openers, words over budget, repeated events) on /summary of every topic
of DIR's topic list at the short, medium and long lengths (default DIR: the bundled articles/).

  --dir DIR   a folder of .txt/.md/.html articles (default: ${join(PROJECT_ROOT, 'articles')})
  --list      also print every failing item`,
  options: { dir: { type: 'string' }, list: { type: 'boolean' } },
});
const dir = resolve(values.dir ?? join(PROJECT_ROOT, 'articles'));
let files: string[];
try {
  files = readdirSync(dir).filter((f) => /\.(?:txt|md|html?)$/.test(f)).sort();
} catch (err) {
  fail(NAME, `cannot read ${dir}: ${(err as Error).message}`);
}
if (files.length === 0) fail(NAME, `no .txt, .md or .html articles in ${dir}`);

const engine = loadEngine(join(PROJECT_ROOT, 'config'));
const texts = files.map((f) => readFileSync(join(dir, f), 'utf8'));
const raw: RawArticle[] = files.map((file, i) => ({
  file,
  format: file.endsWith('.md') ? 'md' : /\.html?$/.test(file) ? 'html' : 'txt',
  body: texts[i]!,
  mtime: new Date(0).toISOString(),
  bytes: texts[i]!.length,
  hash: file,
}));
const corpus = corpusFrom(engine, { articles: raw, report: [] });
const articles = new SourceArticles(texts);
const budgets = budgetsFrom(parseConfig({}));

console.log(`Reader checks of /summary on ${corpus.topics.length} topics of ${dir} (${files.length} articles):`);
console.log('');
console.log('| length | digests | items | unresolved openers (of openers) | over budget | repeated events |');
console.log('|---|---:|---:|---:|---:|---:|');
const failures: string[] = [];
for (const [length, budget] of Object.entries(budgets)) {
  const inputs: ReaderInput[] = corpus.topics.map((t) => ({
    clusterId: `${t.name} (${length})`,
    items: digestTopic(corpus, t.name, budget).items.map((i) => i.text),
    articles,
    refs: [],
  }));
  const { result: r, details } = readerChecks(length, inputs, budget.words);
  console.log(`| ${length} (${budget.items} items / ${budget.words} words) | ${r.summaries} | ${r.items} | ${r.unresolvedOpeners} (${r.openers}) | ${r.overBudget} | ${r.repeatedEvents} |`);
  for (const d of details) {
    const items = inputs.find((i) => i.clusterId === d.clusterId)!.items;
    for (const u of d.unresolved) failures.push(`- ${d.clusterId} #${u.index} unresolved "${u.opener.words}": ${items[u.index]}`);
    for (const p of d.repeated) failures.push(`- ${d.clusterId} #${p.i}-#${p.j} repeat (${p.similarity.toFixed(2)}): ${items[p.i]} | ${items[p.j]}`);
  }
}
if (values.list && failures.length > 0) console.log(['', ...failures].join('\n'));
