import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RateLimiter } from '../../src/commands/rate-limit.ts';
import { runCommand } from '../../src/commands/registry.ts';
import { errorText } from '../../src/commands/messages.ts';
import { LiveCorpus } from '../../src/core/index/live-corpus.ts';
import type { Invoker } from '../../src/commands/types.ts';
import { ARTICLES, realEngine } from '../helpers/fixtures.ts';

test('rate limit: per user and per channel, sliding window, refused calls do not count', () => {
  let now = 0;
  const limiter = new RateLimiter({ perUser: 2, perChannel: 3, windowMs: 60_000 }, () => now);
  assert.equal(limiter.take('slack', 'U1', 'C1'), 0);
  now = 10_000;
  assert.equal(limiter.take('slack', 'U1', 'C1'), 0);
  now = 20_000;
  assert.equal(limiter.take('slack', 'U1', 'C1'), 40, 'the first call leaves the window at 60 s');
  assert.equal(limiter.take('slack', 'U2', 'C1'), 0, 'another user may still ask');
  assert.equal(limiter.take('slack', 'U3', 'C1'), 40, 'but the channel is full (calls at 0, 10 and 20 s) until 60 s');
  assert.equal(limiter.take('slack', 'U3', 'C2'), 0, 'another channel is not affected');
  assert.equal(limiter.take('discord', 'U1', 'C1'), 0, 'ids are per platform');
  now = 60_001;
  assert.equal(limiter.take('slack', 'U1', 'C1'), 0, 'the window slid past the first call');
  const off = new RateLimiter({ perUser: 0, perChannel: 0, windowMs: 1000 }, () => now);
  for (let i = 0; i < 100; i++) assert.equal(off.take('slack', 'U1', 'C1'), 0);
});

test('rate limit: /summary past the limit gets a friendly "try again in N s"; /topics and bad arguments are not limited', async () => {
  const corpus = new LiveCorpus({ engine: realEngine(), dir: ARTICLES, maxBytes: 1e6 });
  await corpus.reload();
  const budgets = { short: { items: 2, words: 60 }, medium: { items: 5, words: 120 }, long: { items: 10, words: 240 } };
  const deps = { corpus, budgets, rateLimiter: new RateLimiter({ perUser: 1, perChannel: 0, windowMs: 30_000 }) };
  const user: Invoker = { platform: 'discord', id: '1', isAdmin: false, channel: '9' };
  assert.equal((await runCommand('summary', { topic: '' }, user, deps)).kind, 'error');
  assert.equal((await runCommand('summary', { topic: 'ghazni' }, user, deps)).kind, 'digest');
  const refused = await runCommand('summary', { topic: 'herat' }, user, deps);
  assert.ok(refused.kind === 'error' && refused.code === 'rate-limited');
  assert.match(errorText(refused.code, refused.detail), /Try again in 30 s\./);
  assert.equal((await runCommand('topics', {}, user, deps)).kind, 'topics');
});
