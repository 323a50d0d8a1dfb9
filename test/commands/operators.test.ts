import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough, Readable } from 'node:stream';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/config/env.ts';
import { bootstrap } from '../../src/app/bootstrap.ts';
import { runConsoleSession } from '../../src/adapters/console/console-session.ts';
import { ARTICLES } from '../helpers/fixtures.ts';
import { MemoryFeeds } from '../helpers/memory-feeds.ts';
import { loadedDeps } from '../discord/harness.ts';

test('operator settings: comma- or space-separated ids per platform; an id of the wrong shape stops start-up naming the key', () => {
  const c = parseConfig({ DISCORD_OPERATOR_IDS: '400000000000000077, 400000000000000078', SLACK_OPERATOR_IDS: 'UOPER1 WOPER2' });
  assert.deepEqual(c.DISCORD_OPERATOR_IDS, ['400000000000000077', '400000000000000078']);
  assert.deepEqual(c.SLACK_OPERATOR_IDS, ['UOPER1', 'WOPER2']);
  assert.deepEqual([parseConfig({}).DISCORD_OPERATOR_IDS, parseConfig({}).SLACK_OPERATOR_IDS], [[], []], 'none by default: only the terminal is an operator');
  const bad = { DISCORD_OPERATOR_IDS: '400000000000000077,@alice', SLACK_OPERATOR_IDS: 'alice' };
  assert.throws(() => parseConfig(bad), (err: Error) => {
    assert.match(err.message, /\n {2}DISCORD_OPERATOR_IDS: must be Discord user ids \(15 to 22 digits\), comma-separated \(got "400000000000000077,@alice"\)/);
    assert.match(err.message, /\n {2}SLACK_OPERATOR_IDS: must be Slack user ids like U0123ABCD, comma-separated \(got "alice"\)/);
    return true;
  });
});

test('bootstrap gives the commands the configured operators', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'digest-operators-'));
  try {
    const app = await bootstrap({ ARTICLES_DIR: ARTICLES, DATA_DIR: dataDir, LOG_LEVEL: 'silent', DISCORD_OPERATOR_IDS: '400000000000000077', SLACK_OPERATOR_IDS: 'UOPER1' });
    assert.deepEqual(app.deps.operators, { discord: new Set(['400000000000000077']), slack: new Set(['UOPER1']) });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('the terminal user is an operator: /feed works in the session with no operator configured', async () => {
  const feeds = new MemoryFeeds([{ name: 'Old News', url: 'https://old.example/rss' }]);
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  await runConsoleSession({ input: Readable.from(['/feed add https://example.com/rss.xml Example News\n', '/feed list\n']), output, deps: { ...(await loadedDeps()), feeds } });
  assert.match(printed, /Now following Example News \(Example Feed Title\) https:\/\/example\.com\/rss\.xml: 12 items found, 12 new\./);
  assert.match(printed, /Following 2 feeds:\n• Example News/);
  assert.equal(feeds.calls[0], 'add https://example.com/rss.xml {"name":"Example News","addedBy":"console:local"}');
});
