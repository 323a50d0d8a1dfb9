import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { runs } from '../helpers/fuzz.ts';
import { COMMANDS, runCommand } from '../../src/commands/registry.ts';
import { LiveCorpus } from '../../src/core/index/live-corpus.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { CommandDeps, Invoker } from '../../src/commands/types.ts';
import { renderReplyText } from '../../src/adapters/console/render-text.ts';
import { renderReply as renderSlack } from '../../src/adapters/slack/render-reply.ts';
import { renderReply as renderDiscord } from '../../src/adapters/discord/render-reply.ts';
import { ARTICLES, realEngine } from '../helpers/fixtures.ts';
import { tempDb } from '../store/temp-db.ts';

const budgets = { short: { items: 2, words: 60 }, medium: { items: 5, words: 120 }, long: { items: 10, words: 240 } };
const NAMES = [...COMMANDS.map((c) => c.name).filter((n) => n !== 'reload'), 'nosuch'];
const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.constantFrom('', ' ', '?!…', '🔥🔥', '\u0000\u001b[2J', '\u202egnp.exe', 'x'.repeat(5000), '25:99', '24:00', 'Mars/Olympus', 'UTC', 'huge', 'LONG', '@everyone', '<!channel>'),
);

test('fuzz: any arguments to any command get a reply (never a throw), render on every platform, and only valid admin requests change the store', async () => {
  const db = tempDb();
  const store = await openStore({ path: db.path });
  const corpus = new LiveCorpus({ engine: realEngine(), dir: ARTICLES, maxBytes: 1e6 });
  await corpus.reload();
  const deps: CommandDeps = { corpus, budgets, subscriptions: { store, defaultTimeZone: 'UTC', now: () => new Date('2026-11-21T00:00:00Z') } };
  const member: Invoker = { platform: 'slack', id: 'U2', isAdmin: false, channel: 'C1' };
  const admin: Invoker = { ...member, id: 'U1', isAdmin: true };
  try {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...NAMES), fc.dictionary(fc.constantFrom('topic', 'length', 'time', 'timezone', 'other'), nasty), nasty, fc.boolean(), async (name, input, text, isAdmin) => {
        const who = isAdmin ? admin : member;
        const countBefore = (await store.allSubscriptions()).length;
        for (const args of [input, text]) {
          const reply = await runCommand(name, args, who, deps);
          assert.ok(reply && typeof reply.kind === 'string');
          assert.doesNotMatch(renderReplyText(reply), /[\u0000-\u0009\u000b-\u001f\u202e]/);
          assert.ok(renderSlack(reply).length > 0 && renderDiscord(reply).length > 0);
          if (reply.kind === 'subscribed') assert.ok(isAdmin && name === 'subscribe');
        }
        if (!isAdmin) assert.equal((await store.allSubscriptions()).length, countBefore, 'a member changed nothing');
      }),
      { numRuns: runs(120) },
    );
  } finally {
    await store.close();
    db.cleanup();
  }
});
