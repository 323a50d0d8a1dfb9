import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { LiveCorpus } from '../../src/app/live-corpus.ts';
import { watchArticles } from '../../src/app/watch-articles.ts';
import type { ReloadReport } from '../../src/app/live-corpus.ts';
import { realEngine, tempArticles } from '../helpers/fixtures.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('watch: a burst of file changes gives one debounced reload that sees all of them', async () => {
  const { dir, cleanup } = tempArticles({ 'a.txt': 'The Taliban entered the city of Ghazni on Thursday after heavy fighting.\n' });
  const corpus = new LiveCorpus({ engine: realEngine(), dir, maxBytes: 1e6 });
  await corpus.reload();
  const reports: ReloadReport[] = [];
  let wake: () => void = () => {};
  const watcher = watchArticles(dir, {
    debounceMs: 150,
    reload: () => corpus.reload(),
    logger: pino({ level: 'silent' }),
    onReload: (r) => {
      reports.push(r);
      wake();
    },
  });
  try {
    await sleep(50); // let the watch settle before the first write
    mkdirSync(join(dir, 'more'));
    for (let i = 0; i < 5; i++) {
      writeFileSync(join(dir, 'more', `k${i}.txt`), `Fighting raged in Kandahar on day ${i + 1} as the Taliban pushed into the city.\n`);
      await sleep(20);
    }
    writeFileSync(join(dir, '.k0.txt.swp'), 'editor noise');
    await new Promise<void>((resolve) => {
      const giveUp = setTimeout(resolve, 5000);
      wake = () => {
        clearTimeout(giveUp);
        resolve();
      };
    });
    await sleep(400); // a second reload would have started by now
    assert.equal(reports.length, 1, 'one reload for the burst');
    assert.equal(reports[0]?.ok, true);
    assert.equal(reports[0]?.added.length, 5);
    assert.equal(corpus.current.articles.length, 6);
  } finally {
    await watcher.close();
    cleanup();
  }
});

test('watch: a change during a reload triggers one more reload after it', async () => {
  const { dir, cleanup } = tempArticles({ 'a.txt': 'The Taliban entered the city of Ghazni on Thursday after heavy fighting.\n' });
  const corpus = new LiveCorpus({ engine: realEngine(), dir, maxBytes: 1e6 });
  await corpus.reload();
  const reports: ReloadReport[] = [];
  let release: () => void = () => {};
  let calls = 0;
  const watcher = watchArticles(dir, {
    debounceMs: 30,
    // The first reload is held open until the test has written a second file.
    reload: async () => {
      calls++;
      if (calls === 1) await new Promise<void>((r) => (release = r));
      return corpus.reload();
    },
    logger: pino({ level: 'silent' }),
    onReload: (r) => reports.push(r),
  });
  try {
    await sleep(50);
    writeFileSync(join(dir, 'b.txt'), 'Fighting raged in Kandahar on Friday as the Taliban pushed into the city.\n');
    while (calls < 1) await sleep(10);
    writeFileSync(join(dir, 'c.txt'), 'Herat fell to the Taliban on Friday, officials said.\n');
    await sleep(100);
    release();
    for (let waited = 0; reports.length < 2 && waited < 5000; waited += 20) await sleep(20);
    assert.equal(reports.length, 2);
    assert.equal(corpus.current.articles.length, 3, 'the file written during the first reload is loaded');
  } finally {
    await watcher.close();
    cleanup();
  }
});
