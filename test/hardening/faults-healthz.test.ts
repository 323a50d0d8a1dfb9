import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { bootstrap } from '../../src/app/bootstrap.ts';
import { startBot } from '../../src/app/run-bot.ts';
import { FakeDiscord } from '../fakes/discord/fake-discord.ts';
import { discordBotEnv } from '../fakes/bot-env.ts';
import { fakeCron } from '../scheduler/harness.ts';

async function healthWhen(url: string, status: number, timeoutMs = 4000) {
  for (let waited = 0; ; waited += 25) {
    const res = await fetch(url);
    const body = (await res.json()) as { ready: boolean; platforms: Record<string, boolean> };
    if (res.status === status || waited >= timeoutMs) return { status: res.status, body };
    await sleep(25);
  }
}

test('/healthz through startBot: 200 while Discord’s gateway is up, 503 naming discord while it cannot reconnect, 200 once resumed', async () => {
  const fake = await FakeDiscord.start();
  const dataDir = mkdtempSync(join(tmpdir(), 'digest-healthz-'));
  try {
    const app = await bootstrap({ ...discordBotEnv(fake, dataDir, 'silent'), OPS_PORT: '0' });
    const bot = await startBot(app, { schedule: fakeCron().schedule });
    try {
      const url = `http://127.0.0.1:${bot.opsPort}/healthz`;
      const up = await healthWhen(url, 200);
      assert.equal(up.status, 200);
      assert.deepEqual(up.body.platforms, { discord: true });

      fake.gateway.hold();
      fake.gateway.drop(1006);
      const down = await healthWhen(url, 503);
      assert.equal(down.status, 503);
      assert.deepEqual(down.body, { ready: false, corpusLoaded: true, database: true, platforms: { discord: false } });

      const resumed = fake.gateway.waitForResume();
      fake.gateway.release();
      assert.equal((await resumed).resumed, true);
      const back = await healthWhen(url, 200);
      assert.equal(back.status, 200);
      assert.deepEqual(back.body.platforms, { discord: true });
    } finally {
      await bot.stop();
    }
  } finally {
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
