import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrap } from '../../src/app/bootstrap.ts';
import { startBot } from '../../src/app/run-bot.ts';
import { FakeDiscord } from '../fakes/discord/fake-discord.ts';
import { startFakeSlack } from '../fakes/slack/fake-slack.ts';
import { botEnv } from '../fakes/bot-env.ts';
import { SIGNING_SECRET, postSlashCommand, slashCommandFields } from '../fakes/slack/slash-command.ts';
import type { DigestStore } from '../../src/store/types.ts';
import { fakeCron, testClock } from '../scheduler/harness.ts';

const MANAGE_SERVER = '32';

test('one process serves Discord and Slack from the same config: commands on both, daily digests to each platform once', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'digest-both-'));
  const discord = await FakeDiscord.start();
  const slack = await startFakeSlack();
  const clock = testClock('2026-11-21T05:00:00Z');
  const cron = fakeCron();
  const app = await bootstrap({ ...botEnv(discord, slack, dataDir, 'silent'), OPS_PORT: '0', SLACK_ADMIN_IDS: 'UADMIN1' });
  const bot = await startBot(app, { clock, schedule: cron.schedule });
  try {
    assert.deepEqual(bot.platforms.sort(), ['discord', 'slack']);
    const health = await fetch(`http://127.0.0.1:${bot.opsPort}/healthz`);
    assert.equal(health.status, 200);

    // Discord: /summary and an admin's /subscribe in the fake's channel.
    const summary = discord.command('summary', { topic: 'ghazni' });
    const answered = await discord.waitFor((r) => r.path.includes(summary.token) && r.method !== 'GET');
    assert.ok(answered.status < 300);
    const sub = discord.command('subscribe', { topic: 'ghazni', time: '07:00', timezone: 'Europe/Berlin' }, { permissions: MANAGE_SERVER });
    await discord.waitFor((r) => r.path.includes(sub.token) && r.status < 300 && JSON.stringify(r.body).includes('Subscribed'));

    // Slack: /summary and an admin's /subscribe in channel C1.
    const eventsUrl = `http://127.0.0.1:${bot.slackPort}/slack/events`;
    const ask = await postSlashCommand(eventsUrl, SIGNING_SECRET, slashCommandFields('/summary', 'ghazni', { user: 'UMEMBER1' }, slack.responseUrl('s1')));
    assert.equal(ask.status, 200);
    const reply = await slack.next((r) => r.kind === 'response' && r.name === 's1');
    assert.match(JSON.stringify(reply.body), /Ghazni/);
    await postSlashCommand(eventsUrl, SIGNING_SECRET, slashCommandFields('/subscribe', 'ghazni 08:00 Europe/Berlin', { user: 'UADMIN1', channel: 'C1' }, slack.responseUrl('s2')));
    assert.match(JSON.stringify((await slack.next((r) => r.kind === 'response' && r.name === 's2')).body), /Subscribed/);

    // 07:00 and 08:00 in Berlin are 06:00 and 07:00 UTC; tick through both, twice over.
    for (const at of ['2026-11-21T06:00:00Z', '2026-11-21T06:00:30Z', '2026-11-21T07:00:00Z', '2026-11-21T07:01:00Z']) {
      clock.set(at);
      cron.jobs[0]!.run();
      await new Promise((r) => setTimeout(r, 100));
    }
    const discordPost = await discord.waitFor((r) => r.method === 'POST' && r.path === `/channels/${discord.channelId}/messages`);
    assert.match(JSON.stringify(discordPost.body), /Ghazni/);
    const slackPost = await slack.next((r) => r.name === 'chat.postMessage');
    assert.equal(slackPost.body.channel, 'C1');
    const store = app.deps.subscriptions!.store as DigestStore;
    const rows = [
      ...(await store.deliveryHistory({ platform: 'discord', channel: discord.channelId }, 'ghazni')),
      ...(await store.deliveryHistory({ platform: 'slack', channel: 'C1' }, 'ghazni')),
    ];
    assert.deepEqual(rows.map((r) => [r.platform, r.localDate, r.state, r.attempts]), [
      ['discord', '2026-11-21', 'posted', 1],
      ['slack', '2026-11-21', 'posted', 1],
    ]);
    await bot.stop();
    const discordPosts = discord.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${discord.channelId}/messages`);
    const slackPosts = slack.records.filter((r) => r.name === 'chat.postMessage');
    assert.ok(discordPosts.length >= 1 && slackPosts.length >= 1);
    assert.equal(new Set(discordPosts.map((p) => (p.body as { nonce?: string }).nonce)).size, discordPosts.length, 'no Discord message posted twice');
  } finally {
    await bot.stop();
    await discord.close();
    await slack.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
