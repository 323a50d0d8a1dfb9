import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSince, SINCE_WORD } from '../../src/commands/since.ts';
import { runCommand } from '../../src/commands/registry.ts';
import { renderReplyText } from '../../src/adapters/console/render-text.ts';
import { LiveCorpus } from '../../src/core/index/live-corpus.ts';
import type { CommandDeps, Invoker } from '../../src/commands/types.ts';
import { realEngine } from '../helpers/fixtures.ts';
import { BUDGETS } from '../helpers/command-deps.ts';
import { datedFolder, FALL_AND_RETAKING } from '../helpers/dated-corpus.ts';

const NOW = new Date('2026-12-07T12:00:00Z');
const user: Invoker = { platform: 'console', id: 'u1', isAdmin: false, channel: 'c1' };

test('since: spans count back from now, a date is the start of that day in UTC', () => {
  const table: [string, string][] = [
    ['24h', '2026-12-06T12:00:00.000Z'],
    ['90m', '2026-12-07T10:30:00.000Z'],
    ['7d', '2026-11-30T12:00:00.000Z'],
    ['2w', '2026-11-23T12:00:00.000Z'],
    ['36 hours', '2026-12-06T00:00:00.000Z'],
    ['1Day', '2026-12-06T12:00:00.000Z'],
    ['45mins', '2026-12-07T11:15:00.000Z'],
    ['3wks', '2026-11-16T12:00:00.000Z'],
    [' 2026-12-01 ', '2026-12-01T00:00:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
  ];
  for (const [text, iso] of table) assert.equal(parseSince(text, NOW)?.toISOString(), iso, text);
  for (const bad of ['', 'yesterday', '24', 'h24', '7 d ago', '2mo', '1y', '2026-02-30', '2025-02-29', '2026-13-01', '01-12-2026', '2026/12/01', '9999999d']) {
    assert.equal(parseSince(bad, NOW), undefined, bad);
  }
});

test('since: only a number glued to its unit, or a date, is taken for one by position', () => {
  for (const word of ['24h', '90m', '7d', '2w', '3days', '2026-12-01']) assert.ok(SINCE_WORD.test(word), word);
  for (const word of ['19', 'covid', '5g', 'g7', '24', '2026', 'h24', '1y']) assert.ok(!SINCE_WORD.test(word), word);
});

async function withDatedDeps(run: (deps: CommandDeps) => Promise<void>): Promise<void> {
  const { dir, cleanup } = datedFolder(FALL_AND_RETAKING);
  try {
    const corpus = new LiveCorpus({ engine: realEngine(), dir, maxBytes: 1e6 });
    await corpus.reload();
    await run({ corpus, budgets: BUDGETS, now: () => NOW });
  } finally {
    cleanup();
  }
}

test('/summary since: typed or as an option, by the deps clock; the digest says since when', async () => {
  await withDatedDeps(async (deps) => {
    for (const args of ['ghazni 24h', 'ghazni since 24h', 'ghazni --since 24h', { topic: 'ghazni', since: '24h' }]) {
      const reply = await runCommand('summary', args, user, deps);
      assert.ok(reply.kind === 'digest', JSON.stringify(args));
      assert.deepEqual(reply.digest.items.map((i) => i.sources[0]!.file), ['new.json'], JSON.stringify(args));
      assert.equal(reply.digest.since?.from, '2026-12-06T12:00:00.000Z');
      assert.match(renderReplyText(reply), /^Ghazni: 1 item from 1 article, 1 outlet, published since 2026-12-06 12:00 UTC$/m);
    }
    const all = await runCommand('summary', 'ghazni long', user, deps);
    assert.ok(all.kind === 'digest' && all.digest.items.length === 2 && all.digest.since === undefined);
  });
});

test('/summary since: nothing in the window says so and when the latest came out; a bad since gets examples', async () => {
  await withDatedDeps(async (deps) => {
    const none = await runCommand('summary', 'ghazni 2026-12-08', user, deps);
    assert.equal(
      renderReplyText(none),
      'Nothing published about "Ghazni" since 2026-12-08. The latest article on it is from 2026-12-07 08:00 UTC.',
    );
    const bad = await runCommand('summary', { topic: 'ghazni', since: 'yesterday' }, user, deps);
    assert.ok(bad.kind === 'error' && bad.code === 'bad-since');
    assert.equal(
      renderReplyText(bad),
      '"yesterday" is not a time span or a date. Use minutes, hours, days or weeks back from now, like 90m, 24h, 7d or 2w, or a date like 2026-12-01 (from its start, UTC), for example: /summary ghazni 24h.',
    );
    const impossible = await runCommand('summary', 'ghazni since:2026-02-30', user, deps);
    assert.ok(impossible.kind === 'error' && impossible.code === 'bad-since');
  });
});
