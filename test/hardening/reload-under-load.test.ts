import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LiveCorpus } from '../../src/core/index/live-corpus.ts';
import { runCommand } from '../../src/commands/registry.ts';
import type { CommandDeps, Invoker } from '../../src/commands/types.ts';
import { ARTICLES, realEngine, tempArticles } from '../helpers/fixtures.ts';

const budgets = { short: { items: 2, words: 60 }, medium: { items: 5, words: 120 }, long: { items: 10, words: 240 } };
const admin: Invoker = { platform: 'slack', id: 'UADMIN', isAdmin: true, channel: 'C1' };

/** The bundled articles copied `copies` times under new names, so a reload has real work to do. */
function manyArticles(copies: number) {
  const files: Record<string, string> = {};
  for (const name of readdirSync(ARTICLES)) {
    const text = readFileSync(join(ARTICLES, name), 'utf8');
    for (let i = 0; i < copies; i++) files[`c${i}/${name}`] = text.replace(/Ghazni/g, i % 2 ? 'Ghazni' : 'Ghazni province');
  }
  return tempArticles(files);
}

test('reload under load: two /reloads at once share one run, and a flood of /summary during it always sees a whole corpus', async () => {
  const { dir, cleanup } = manyArticles(20);
  try {
    const corpus = new LiveCorpus({ engine: realEngine(), dir, maxBytes: 5e6 });
    await corpus.reload();
    const before = corpus.current.articles.length;
    const deps: CommandDeps = { corpus, budgets };
    for (let i = 0; i < 10; i++) writeFileSync(join(dir, `new${i}.txt`), `Herat fell to the Taliban on day ${i}, officials in the city said on Friday.\n`);
    // Every old file changes too, so the (incremental) reload has all of them to read again.
    for (const name of readdirSync(dir, { recursive: true }).map(String).filter((n) => n.startsWith('c'))) {
      if (name.includes('/')) writeFileSync(join(dir, name), `${readFileSync(join(dir, name), 'utf8')}\nUpdated.\n`);
    }

    const sizes = new Set<number>();
    let answered = 0;
    let reloading = true;
    const flood = (async () => {
      while (reloading) {
        const reply = await runCommand('summary', { topic: 'ghazni' }, admin, deps);
        assert.ok(reply.kind === 'digest' && reply.digest.items.length > 0, 'every query gets a real digest');
        sizes.add(reply.digest.stats.articlesInCorpus);
        answered++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    const [a, b] = await Promise.all([runCommand('reload', {}, admin, deps), runCommand('reload', {}, admin, deps)]);
    reloading = false;
    await flood;
    assert.ok(a.kind === 'reload' && b.kind === 'reload');
    assert.equal(a.report, b.report, 'the second /reload joined the first instead of racing it');
    assert.equal(a.report.added.length, 10);
    assert.equal(a.report.changed.length, before);
    assert.ok(answered > 0);
    assert.deepEqual([...sizes].filter((n) => n !== before && n !== before + 10), [], `only whole corpora were served: ${[...sizes]}`);
  } finally {
    cleanup();
  }
});

test('reload under load: a folder that vanished fails the reload with a reason and keeps serving the old corpus', async () => {
  const { dir, cleanup } = manyArticles(2);
  try {
    const corpus = new LiveCorpus({ engine: realEngine(), dir, maxBytes: 5e6 });
    await corpus.reload();
    const deps: CommandDeps = { corpus, budgets };
    rmSync(dir, { recursive: true });
    const reply = await runCommand('reload', {}, admin, deps);
    assert.ok(reply.kind === 'reload' && !reply.report.ok);
    assert.match(reply.report.error ?? '', /ENOENT|no such|not found|missing/i);
    const still = await runCommand('summary', { topic: 'ghazni' }, admin, deps);
    assert.ok(still.kind === 'digest' && still.digest.items.length > 0);
  } finally {
    cleanup();
  }
});
