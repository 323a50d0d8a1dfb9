// SIGKILL the real bot at random points while it posts scheduled digests to the fake Discord and
// the fake Slack, restart it on the same DATA_DIR, again and again, then let it finish. Proof of
// exactly-once: every (channel, topic, local date) whose time came reached its platform exactly
// once, and the delivery log says posted. The fakes hold each post a little after storing it, so
// many kills land after the platform accepted a post and before the bot could record it: the
// window only the channel-history check (Publisher.findPosted) closes. Discord's nonce memory is
// switched off in the fake: real Discord forgets nonces within minutes, long before a lease runs out.
// CRASH_ROUNDS=N kills N times (default 5), over as many days as N kills need; CRASH_SEED=n picks
// another sequence of kill points.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readMarker } from '../../src/adapters/discord/publisher.ts';
import { idempotencyKey } from '../../src/store/keys.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { NewSubscription, Subscription } from '../../src/store/types.ts';
import { FakeDiscord } from '../fakes/discord/fake-discord.ts';
import { startFakeSlack } from '../fakes/slack/fake-slack.ts';
import { ROOT } from '../helpers/fixtures.ts';
import { botEnv } from '../fakes/bot-env.ts';

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 5);
const SEED = Number(process.env.CRASH_SEED ?? 20261121);
const SUBSCRIPTIONS = 20;
// A kill comes after 2 to 6 posts, and each subscription posts once a day: so many days that every
// planned kill finds a post to land on, even when each waits 6, with a day to spare. At least three,
// across the US switch to daylight saving time (March 8).
const DAYS = Math.max(3, Math.ceil((6 * ROUNDS) / SUBSCRIPTIONS) + 1);
const START = '2026-03-07T00:00:00Z';
const END = new Date(Date.parse(START) + DAYS * 86_400_000).toISOString();
const STEP_MINUTES = 15;
const ENTRY = join(ROOT, 'test/hardening/crash-entry.ts');

/** A small seeded generator (mulberry32), so a failing sequence of kills can be replayed. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ZONES = ['UTC', 'Asia/Kabul', 'America/New_York', 'Europe/Berlin'];
const TOPICS = ['ghazni', 'kabul', 'taliban', 'kandahar'];

/** Which local dates of a subscription fall due in (from, to], found minute by minute with Intl alone. */
function expectedDates(sub: Subscription, from: number, to: number): string[] {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone: sub.timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const dates: string[] = [];
  for (let t = from + 60_000; t <= to; t += 60_000) {
    const p = Object.fromEntries(format.formatToParts(t).map((x) => [x.type, x.value]));
    if (`${p.hour}:${p.minute}` === sub.time) dates.push(`${p.year}-${p.month}-${p.day}`);
  }
  return dates;
}

test(`crash: SIGKILL at random points while digests are posted (${ROUNDS} kills); none lost, none twice`, async () => {
  const rng = random(SEED);
  const dataDir = mkdtempSync(join(tmpdir(), 'digest-crash-'));
  const discord = await FakeDiscord.start({ rememberNonces: false });
  const slack = await startFakeSlack();
  let child: ChildProcess | undefined;
  try {
    // 8 Slack channels x 2 topics and 4 topics in the Discord channel, at times spread over the morning in four zones.
    const created = new Date(Date.parse(START) - 60_000);
    const store = await openStore({ path: join(dataDir, 'digests.sqlite') });
    const wanted: NewSubscription[] = [];
    for (let c = 0; c < 8; c++) {
      for (let t = 0; t < 2; t++) wanted.push({ platform: 'slack', channel: `C0${c}`, topic: TOPICS[(c + t) % 4]!, time: '', timeZone: '' });
    }
    for (const topic of TOPICS) wanted.push({ platform: 'discord', channel: discord.channelId, topic, time: '', timeZone: '' });
    assert.equal(wanted.length, SUBSCRIPTIONS);
    const subscriptions: Subscription[] = [];
    for (const [i, w] of wanted.entries()) {
      const time = `${String(6 + (i % 3)).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}`;
      subscriptions.push((await store.addSubscription({ ...w, time, timeZone: ZONES[i % ZONES.length]! }, created)).subscription);
    }
    await store.close();

    // Every post is held 10-60 ms after the platform stored it. Every few posts the bot is killed:
    // within that hold (accepted, not yet answered) or at a random moment shortly after.
    let kills = 0;
    let postsSinceKill = 0;
    let killAfter = 2 + Math.floor(rng() * 5);
    const kill = () => {
      if (child && child.exitCode === null && child.signalCode === null && kills < ROUNDS) {
        kills++;
        child.kill('SIGKILL');
      }
    };
    const onPost = async () => {
      const hold = 10 + rng() * 50;
      if (kills < ROUNDS && ++postsSinceKill >= killAfter) {
        postsSinceKill = 0;
        killAfter = 2 + Math.floor(rng() * 5);
        if (rng() < 0.6) {
          await new Promise((r) => setTimeout(r, hold / 2));
          kill();
        } else {
          setTimeout(kill, rng() * 150);
        }
      }
      await new Promise((r) => setTimeout(r, hold));
    };
    discord.beforeAnswer = (r) => (r.method === 'POST' && r.path.endsWith('/messages') ? onPost() : undefined);
    slack.beforeAnswer = (r) => (r.name === 'chat.postMessage' ? onPost() : undefined);

    const env = {
      ...botEnv(discord, slack, dataDir),
      CRASH_END: END,
      CRASH_STEP_MINUTES: String(STEP_MINUTES),
    };
    let resumeAt = START;
    let runs = 0;
    let stderr = '';
    for (;;) {
      runs++;
      assert.ok(runs <= ROUNDS + 2, `too many runs; last stderr:\n${stderr}`);
      stderr = '';
      const proc = spawn(process.execPath, ['--import', 'tsx', ENTRY], { cwd: ROOT, env: { ...env, CRASH_START: resumeAt }, stdio: ['ignore', 'pipe', 'pipe'] });
      child = proc;
      let lastTick: string | undefined;
      let done = false;
      let buffered = '';
      proc.stdout!.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop()!;
        for (const line of lines) {
          if (line.startsWith('tick ')) lastTick = line.slice(5);
          if (line === 'done') done = true;
        }
      });
      proc.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
      if (done) {
        assert.equal(exit.code, 0, stderr);
        break;
      }
      assert.equal(exit.signal, 'SIGKILL', `the bot died by itself (code ${exit.code}):\n${stderr}`);
      // Carry on from the tick that was running when the process died.
      if (lastTick) resumeAt = new Date(Date.parse(lastTick) + STEP_MINUTES * 60_000).toISOString();
    }

    // What reached the platforms, by idempotency key and part.
    const seen = new Map<string, number>();
    const count = (key: string | undefined, part: number) => key && seen.set(`${key}#${part}`, (seen.get(`${key}#${part}`) ?? 0) + 1);
    for (const m of discord.posted) {
      const marker = readMarker(String(m.body.content ?? ''));
      count(marker?.key, marker?.part ?? 0);
    }
    for (let c = 0; c < 8; c++) {
      for (const m of slack.channelMessages(`C0${c}`)) count(String(m.metadata?.event_payload.key), Number(m.metadata?.event_payload.part));
    }
    const posts = [...seen.values()].reduce((a, b) => a + b, 0);
    assert.equal(posts, discord.posted.length + [...Array(8).keys()].reduce((n, c) => n + slack.channelMessages(`C0${c}`).length, 0), 'every message carries a key');

    const check = await openStore({ path: join(dataDir, 'digests.sqlite') });
    let expectedPosts = 0;
    let lost = 0;
    const duplicates = [...seen.entries()].filter(([, n]) => n > 1).map(([k]) => k);
    const notPosted: string[] = [];
    try {
      for (const sub of subscriptions) {
        const dates = expectedDates(sub, Date.parse(START) - 60_000, Date.parse(END));
        expectedPosts += dates.length;
        for (const date of dates) {
          if (!seen.has(`${idempotencyKey(sub, sub.topicKey, date)}#1`)) lost++;
        }
        const rows = await check.deliveryHistory(sub, sub.topic, DAYS + 1);
        for (const row of rows) if (row.state !== 'posted') notPosted.push(`${sub.platform} ${sub.channel} ${sub.topic} ${row.localDate}: ${row.state}`);
        assert.deepEqual(rows.map((r) => r.localDate).sort(), dates.sort(), `the delivery log of ${sub.platform} ${sub.channel} ${sub.topic}`);
      }
    } finally {
      await check.close();
    }
    const figures = { kills, runs, days: DAYS, posts, expectedPosts, duplicates: duplicates.length, lost, seed: SEED };
    console.log(`crash figures: ${JSON.stringify(figures)}`);
    assert.equal(kills, ROUNDS, 'every planned kill happened while digests were being posted');
    assert.deepEqual(duplicates, [], 'no digest reached its channel twice');
    assert.equal(lost, 0, 'no digest was lost');
    assert.deepEqual(notPosted, [], 'the delivery log says posted for each');
    assert.equal(posts, expectedPosts);
  } finally {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await discord.close();
    await slack.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
