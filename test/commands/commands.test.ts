import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCommand } from '../../src/commands/registry.ts';
import { renderReplyText } from '../../src/adapters/console/render-text.ts';
import { errorText } from '../../src/commands/messages.ts';
import { LiveCorpus } from '../../src/core/index/live-corpus.ts';
import type { CommandDeps, Invoker, Reply } from '../../src/commands/types.ts';
import { ARTICLES, realEngine, tempArticles } from '../helpers/fixtures.ts';
import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const user: Invoker = { platform: 'console', id: 'u1', isAdmin: false, channel: 'c1' };
const admin: Invoker = { platform: 'console', id: 'a1', isAdmin: true, channel: 'c1' };
const budgets = { short: { items: 2, words: 60 }, medium: { items: 5, words: 120 }, long: { items: 10, words: 240 } };

async function depsFor(dir: string): Promise<CommandDeps> {
  const corpus = new LiveCorpus({ engine: realEngine(), dir, maxBytes: 1e6 });
  await corpus.reload();
  return { corpus, budgets };
}

const expectError = (reply: Reply, code: string) => {
  assert.equal(reply.kind, 'error');
  if (reply.kind === 'error') {
    assert.equal(reply.code, code);
    assert.ok(errorText(reply.code, reply.detail).length > 10);
  }
};

test('commands: bad arguments get a helpful error, not a digest', async () => {
  const deps = await depsFor(ARTICLES);
  const table: [string, Record<string, string>, string][] = [
    ['summary', {}, 'missing-option'],
    ['summary', { topic: '   ' }, 'missing-option'],
    ['summary', { topic: '?!…' }, 'empty-topic'],
    ['summary', { topic: '🔥🔥' }, 'empty-topic'],
    ['summary', { topic: 'x'.repeat(101) }, 'too-long'],
    ['summary', { topic: 'ghazni', length: 'huge' }, 'bad-choice'],
    ['nosuch', {}, 'unknown-command'],
  ];
  for (const [name, input, code] of table) expectError(await runCommand(name, input, user, deps), code);
});

test('commands: /summary honours length, /topics lists counts, /help lists every command', async () => {
  const deps = await depsFor(ARTICLES);
  const short = await runCommand('summary', { topic: 'Taliban', length: 'SHORT' }, user, deps);
  const long = await runCommand('summary', { topic: 'taliban', length: 'long' }, user, deps);
  assert.ok(short.kind === 'digest' && long.kind === 'digest');
  assert.ok(short.digest.items.length <= 2 && long.digest.items.length > short.digest.items.length);
  const topics = await runCommand('topics', {}, user, deps);
  assert.ok(topics.kind === 'topics');
  const ghazni = topics.topics.find((t) => t.name === 'Ghazni');
  assert.equal(ghazni?.articles, 5);
  const help = await runCommand('help', {}, user, deps);
  assert.ok(help.kind === 'help');
  assert.deepEqual(help.commands.map((c) => c.name), ['summary', 'topics', 'subscribe', 'unsubscribe', 'subscriptions', 'feed', 'reload', 'help']);
});

test('commands: /reload is for admins; it reports what changed and keeps serving on failure', async () => {
  const { dir, cleanup } = tempArticles({ 'a.txt': 'The Taliban entered the city of Ghazni on Thursday after heavy fighting.\n' });
  try {
    const deps = await depsFor(dir);
    expectError(await runCommand('reload', {}, user, deps), 'not-admin');
    writeFileSync(join(dir, 'b.txt'), 'Fighting raged in Kandahar on Friday as the Taliban pushed into the city.\n');
    writeFileSync(join(dir, 'a.txt'), 'The Taliban took the city of Ghazni on Thursday after two days of fighting.\n');
    writeFileSync(join(dir, 'c.json'), '{ broken');
    const reply = await runCommand('reload', {}, admin, deps);
    assert.ok(reply.kind === 'reload' && reply.report.ok);
    assert.deepEqual(reply.report.added, ['b.txt']);
    assert.deepEqual(reply.report.changed, ['a.txt']);
    assert.equal(reply.report.skipped[0]?.file, 'c.json');
    rmSync(dir, { recursive: true });
    const failed = await runCommand('reload', {}, admin, deps);
    assert.ok(failed.kind === 'reload' && !failed.report.ok && failed.report.error);
    const still = await runCommand('summary', { topic: 'kandahar' }, user, deps);
    assert.ok(still.kind === 'digest' && still.digest.items.length === 1, 'the old corpus still serves');
  } finally {
    cleanup();
  }
});

test('commands: /reload names badly encoded files it skipped and files it loaded with a warning', async () => {
  const { dir, cleanup } = tempArticles({ 'a.txt': 'The Taliban entered the city of Ghazni on Thursday after heavy fighting.\n' });
  try {
    const deps = await depsFor(dir);
    writeFileSync(join(dir, 'garbled.txt'), Buffer.concat([Buffer.from('Taliban fighters entered Herat '), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('\n')]));
    writeFileSync(join(dir, 'latin.txt'), Buffer.from('Les talibans sont entrés à Ghazni, la capitale de la province.\n', 'latin1'));
    const reply = await runCommand('reload', {}, admin, deps);
    assert.ok(reply.kind === 'reload' && reply.report.ok);
    assert.deepEqual(reply.report.skipped, [{ file: 'garbled.txt', reason: 'badly encoded: not valid UTF-8, and garbled when read as windows-1252' }]);
    assert.deepEqual(reply.report.warned, [{ file: 'latin.txt', warnings: ['not valid UTF-8, read as windows-1252'] }]);
    assert.match(renderReplyText(reply), /^Reloaded 2 articles in \d+ ms: 1 added, 0 removed, 0 changed, 1 skipped, 1 with warnings\.\n/);
    assert.deepEqual(renderReplyText(reply).split('\n').slice(1), [
      '• skipped garbled.txt: badly encoded: not valid UTF-8, and garbled when read as windows-1252',
      '• warning on latin.txt: not valid UTF-8, read as windows-1252',
    ]);
  } finally {
    cleanup();
  }
});
