import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { ROOT, tempArticles } from '../helpers/fixtures.ts';
import type { LogLine } from '../helpers/log-capture.ts';

test('bootstrap: the start log has a warn line for each skipped file and each file loaded with warnings', () => {
  const { dir, cleanup } = tempArticles({
    'a.txt': 'The Taliban entered the city of Ghazni on Thursday after heavy fighting.\n',
    'garbled.txt': Buffer.concat([Buffer.from('Taliban fighters entered Herat '), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('\n')]),
    'latin.txt': Buffer.from('Les talibans sont entrés à Ghazni.\n', 'latin1'),
  });
  try {
    // The real start: a one-shot command bootstraps the way the bot does; its log is JSON on stderr.
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/topics.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, ARTICLES_DIR: dir, LOG_LEVEL: 'info' },
      timeout: 60_000,
    });
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stderr.trim().split('\n').map((l) => JSON.parse(l) as LogLine);
    const pick = (l: LogLine) => ({ level: l.level, msg: l.msg, file: l.file, reason: l.reason, warnings: l.warnings });
    assert.deepEqual(lines.filter((l) => l.file !== undefined).map(pick), [
      { level: 40, msg: 'article skipped', file: 'garbled.txt', reason: 'badly encoded: not valid UTF-8, and garbled when read as windows-1252', warnings: undefined },
      { level: 40, msg: 'article loaded with warnings', file: 'latin.txt', reason: undefined, warnings: ['not valid UTF-8, read as windows-1252'] },
    ]);
    const loaded = lines.find((l) => l.msg === 'articles loaded');
    assert.deepEqual([loaded?.articles, loaded?.skipped, loaded?.warned], [2, 1, 1]);
  } finally {
    cleanup();
  }
});
