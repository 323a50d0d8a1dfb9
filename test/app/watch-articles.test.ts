import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { LiveCorpus } from '../../src/core/index/live-corpus.ts';
import { watchArticles } from '../../src/app/watch-articles.ts';
import type { ReloadReport } from '../../src/core/index/live-corpus.ts';
import { realEngine, tempArticles } from '../helpers/fixtures.ts';
import { captureLogs } from '../helpers/log-capture.ts';

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

test('watch: the reload log line names skipped files and files loaded with warnings, the first ten of each', async () => {
  const { dir, cleanup } = tempArticles({ 'a.txt': 'The Taliban entered the city of Ghazni on Thursday after heavy fighting.\n' });
  const corpus = new LiveCorpus({ engine: realEngine(), dir, maxBytes: 1e6 });
  await corpus.reload();
  const { logger, lines } = captureLogs('info');
  let reloaded: () => void = () => {};
  const done = new Promise<void>((resolve) => (reloaded = resolve));
  const watcher = watchArticles(dir, { debounceMs: 100, reload: () => corpus.reload(), logger, onReload: () => reloaded() });
  try {
    await sleep(50);
    const garbled = Buffer.concat([Buffer.from('Taliban fighters entered Herat '), Buffer.from([0xff, 0xfe, 0xc3, 0x28])]);
    for (let i = 10; i < 22; i++) writeFileSync(join(dir, `bad-${i}.txt`), Buffer.concat([garbled, Buffer.from(` on day ${i}.\n`)]));
    writeFileSync(join(dir, 'latin.txt'), Buffer.from('Les talibans sont entrés à Ghazni.\n', 'latin1'));
    await Promise.race([done, sleep(5000)]);
    const line = lines.find((l) => l.msg === 'articles reloaded after a change');
    assert.ok(line, JSON.stringify(lines));
    const reason = 'badly encoded: not valid UTF-8, and garbled when read as windows-1252';
    assert.deepEqual(line.skippedFiles, [...Array.from({ length: 10 }, (_, i) => `bad-${i + 10}.txt: ${reason}`), 'and 2 more']);
    assert.deepEqual(line.warnedFiles, ['latin.txt: not valid UTF-8, read as windows-1252']);
    assert.deepEqual([line.added, line.skipped, line.warned], [1, 12, 1]);
  } finally {
    await watcher.close();
    cleanup();
  }
});
