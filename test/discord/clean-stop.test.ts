import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBot } from './harness.ts';

test('a clean stop logs no warning: destroy() closing the gateway is not a lost connection', async () => {
  let logs: Record<string, unknown>[] = [];
  await withBot(async (world) => {
    logs = world.logs;
  });
  // discord.js reports the closed shard after destroy() resolves.
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(
    logs.filter((l) => Number(l.level) >= 40).map((l) => l.msg),
    [],
  );
  assert.ok(logs.some((l) => l.msg === 'Discord bot ready'), 'the bot did start and log');
});
