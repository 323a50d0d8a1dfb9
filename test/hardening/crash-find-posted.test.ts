// The per-platform half of crash recovery: each publisher marks a scheduled digest's messages with
// the idempotency key and finds them again in the channel's history, against the fake Discord
// (GET /channels/{id}/messages) and the fake Slack (conversations.history with metadata). Then the
// real scheduler and SQLite store over each platform: a post the platform accepted while our side
// gave up on it is found by the retry and not posted twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startDiscordBot, type DiscordBot } from '../../src/adapters/discord/discord-bot.ts';
import { readMarker } from '../../src/adapters/discord/publisher.ts';
import { POSTED_EVENT } from '../../src/adapters/slack/slack-publisher.ts';
import { digestTopic } from '../../src/core/query/digest.ts';
import type { Digest } from '../../src/core/types.ts';
import type { Publisher } from '../../src/ports/publisher.ts';
import { createScheduler } from '../../src/scheduler/scheduler.ts';
import { idempotencyKey } from '../../src/store/keys.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import type { Platform, Subscription } from '../../src/store/types.ts';
import { FakeDiscord } from '../fakes/discord/fake-discord.ts';
import { BUDGETS, loadedCorpus, startSlackHarness } from '../fakes/slack/harness.ts';
import { captureLogger, TEST_REST } from '../discord/harness.ts';
import { dbPath, MINUTE, tempDir, testClock, tickThrough } from '../scheduler/harness.ts';

const AT = new Date('2026-11-20T08:00:00Z');
const DATE = '2026-11-21';

function subscriptionIn(platform: Platform, channel: string, topic = 'Ghazni'): Subscription {
  return { id: 1, platform, channel, topic, topicKey: topic.toLowerCase(), time: '08:30', timeZone: 'UTC', createdAt: AT, updatedAt: AT };
}
const contextOf = (sub: Subscription, extra: { attempt?: number; resumeAt?: number; localDate?: string } = {}) => ({
  idempotencyKey: idempotencyKey(sub, sub.topicKey, extra.localDate ?? DATE),
  localDate: extra.localDate ?? DATE,
  attempt: extra.attempt ?? 1,
  omittedItems: 0,
  ...(extra.resumeAt !== undefined ? { resumeAt: extra.resumeAt } : {}),
});

/** A digest long enough to need several messages on either platform. */
function longDigest(digest: Digest): Digest {
  const item = digest.items[0]!;
  return { ...digest, items: Array.from({ length: 60 }, () => item) };
}

async function withDiscord(run: (fake: FakeDiscord, bot: DiscordBot, corpus: Awaited<ReturnType<typeof loadedCorpus>>) => Promise<void>) {
  // Nonces forgotten, as Discord forgets them within minutes: only our own marker can prevent a repeat.
  const fake = await FakeDiscord.start({ rememberNonces: false });
  const corpus = await loadedCorpus();
  const { logger } = captureLogger('silent');
  let bot: DiscordBot | undefined;
  try {
    bot = await startDiscordBot({ token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl, deps: { corpus, budgets: BUDGETS }, logger, rest: TEST_REST });
    await run(fake, bot, corpus);
  } finally {
    await bot?.stop();
    await fake.close();
  }
}

test('discord: every message of a digest carries its key as a subtext line; findPosted reads back how many parts are in the channel', async () => {
  await withDiscord(async (fake, bot, corpus) => {
    const sub = subscriptionIn('discord', fake.channelId);
    const other = subscriptionIn('discord', fake.channelId, 'Kabul');
    assert.equal(await bot.publisher.findPosted!(sub, contextOf(sub)), null, 'an empty channel');

    const long = longDigest(digestTopic(corpus.current, 'ghazni', BUDGETS.medium));
    await bot.publisher.publish(other, digestTopic(corpus.current, 'kabul', BUDGETS.medium), contextOf(other));
    await bot.publisher.publish(sub, long, contextOf(sub));
    const mine = fake.posted.slice(1);
    assert.ok(mine.length >= 2, `a split digest (${mine.length} messages)`);
    const markers = mine.map((m) => readMarker(String(m.body.content)));
    assert.deepEqual(markers, mine.map((_, i) => ({ key: contextOf(sub).idempotencyKey, part: i + 1, total: mine.length })));
    assert.ok(mine.every((m) => String(m.body.content).length <= 2000));
    assert.match(String(mine[0]!.body.content), /^Daily digest: \*\*Ghazni\*\* · 2026-11-21\n-# ref [0-9a-f]{24} · part 1 of \d+$/);

    assert.deepEqual(await bot.publisher.findPosted!(sub, contextOf(sub, { attempt: 2 })), { parts: mine.length, total: mine.length });
    assert.deepEqual(await bot.publisher.findPosted!(other, contextOf(other)), { parts: 1, total: 1 });
    const tomorrow = contextOf(sub, { localDate: '2026-11-22' });
    assert.equal(await bot.publisher.findPosted!(sub, tomorrow), null, "another day's key is another digest");
    const history = fake.requests.find((r) => r.method === 'GET' && r.path === `/channels/${fake.channelId}/messages`);
    assert.equal(history?.query.limit, '100');
  });
});

test('discord: a publish told to resume posts only the missing parts, so a split digest ends up whole and once', async () => {
  await withDiscord(async (fake, bot, corpus) => {
    const sub = subscriptionIn('discord', fake.channelId);
    const long = longDigest(digestTopic(corpus.current, 'ghazni', BUDGETS.medium));
    // An attempt that died after two parts reached the channel: the channel holds just those.
    await bot.publisher.publish(sub, long, contextOf(sub));
    fake.posted.splice(2);
    const found = await bot.publisher.findPosted!(sub, contextOf(sub, { attempt: 2 }));
    assert.equal(found!.parts, 2);
    assert.ok(found!.total > 2);
    await bot.publisher.publish(sub, long, contextOf(sub, { attempt: 2, resumeAt: found!.parts }));
    const parts = fake.posted.map((m) => readMarker(String(m.body.content))!.part);
    assert.deepEqual(parts, Array.from({ length: found!.total }, (_, i) => i + 1));
  });
});

test('slack: every message carries the key as message metadata; findPosted reads it back with conversations.history, only from the bot', async () => {
  const corpus = await loadedCorpus();
  const slack = await startSlackHarness({ deps: { corpus, budgets: BUDGETS } });
  try {
    const publisher = slack.bot.publisher;
    const sub = subscriptionIn('slack', 'CNEWS');
    assert.equal(await publisher.findPosted!(sub, contextOf(sub)), null);
    const long = longDigest(digestTopic(corpus.current, 'ghazni', BUDGETS.short));
    await publisher.publish(sub, long, contextOf(sub));
    const sent = slack.fake.channelMessages('CNEWS');
    assert.ok(sent.length >= 2, 'a split digest');
    assert.deepEqual(
      sent.map((m) => m.metadata),
      sent.map((_, i) => ({ event_type: POSTED_EVENT, event_payload: { key: contextOf(sub).idempotencyKey, part: i + 1, parts: sent.length } })),
    );
    assert.deepEqual(await publisher.findPosted!(sub, contextOf(sub, { attempt: 2 })), { parts: sent.length, total: sent.length });
    const history = slack.fake.records.find((r) => r.name === 'conversations.history');
    assert.equal(history?.body.include_all_metadata, 'true');
    assert.equal(history?.body.channel, 'CNEWS');
    assert.equal(await publisher.findPosted!(subscriptionIn('slack', 'COTHER'), contextOf(subscriptionIn('slack', 'COTHER'))), null);

    slack.fake.failNext('conversations.history', 'missing_scope');
    await assert.rejects(publisher.findPosted!(sub, contextOf(sub)), /missing_scope/);
  } finally {
    await slack.stop();
  }
});

/**
 * The real scheduler and store over a platform whose first post is accepted but never answered
 * in time: our side times out and schedules a retry; the retry finds the post and records it.
 */
async function acceptedButTimedOut(platform: Platform, channel: string, publisher: Publisher, hold: (on: boolean) => void, countPosts: () => number) {
  const { dir, cleanup } = tempDir();
  const store = SqliteStore.open(dbPath(dir));
  try {
    const clock = testClock('2026-11-21T08:30:00Z');
    const { subscription } = await store.addSubscription({ platform, channel, topic: 'ghazni', time: '08:30', timeZone: 'UTC' }, new Date('2026-11-21T08:00:00Z'));
    const corpus = await loadedCorpus();
    const { logger, logs } = captureLogger('info');
    const scheduler = createScheduler({
      store,
      clock,
      publisher,
      buildDigest: (topic) => digestTopic(corpus.current, topic, BUDGETS.medium),
      logger,
      options: { publishTimeoutMs: 300, leaseMs: 10 * MINUTE, retry: { baseMs: MINUTE } },
    });
    hold(true);
    const [first] = await scheduler.tick(clock.now());
    assert.equal(first!.outcome, 'retrying');
    assert.equal(countPosts(), 1, 'the platform has the post');
    await tickThrough(scheduler, clock, '2026-11-21T08:31:00Z', '2026-11-21T08:35:00Z');
    hold(false);
    assert.equal(countPosts(), 1, 'and only once');
    const [row] = await store.deliveryHistory(subscription, 'ghazni');
    assert.equal(row!.state, 'posted');
    assert.equal(row!.attempts, 2);
    assert.ok(logs.some((l) => String(l.msg).includes('already posted this digest')));
    await scheduler.stop();
  } finally {
    await store.close();
    cleanup();
  }
}

/** A hold the test switches on, and off again when done, which releases whatever it held. */
function holdSwitch() {
  let on = false;
  let waiting: (() => void)[] = [];
  return {
    set(value: boolean) {
      on = value;
      if (!value) waiting.forEach((go) => go());
      if (!value) waiting = [];
    },
    async wait(applies: boolean) {
      if (on && applies) await new Promise<void>((go) => waiting.push(go));
    },
  };
}

test('discord: through the scheduler, a post accepted while our side timed out is found by the retry and not repeated', async () => {
  await withDiscord(async (fake, bot) => {
    const hold = holdSwitch();
    let held = 0;
    fake.beforeAnswer = (r) => hold.wait(r.method === 'POST' && r.path.endsWith('/messages') && ++held === 1);
    await acceptedButTimedOut('discord', fake.channelId, bot.publisher, (v) => hold.set(v), () => fake.posted.length);
  });
});

test('slack: through the scheduler, a post accepted while our side timed out is found by the retry and not repeated', async () => {
  const slack = await startSlackHarness({ deps: { corpus: await loadedCorpus(), budgets: BUDGETS } });
  try {
    const hold = holdSwitch();
    let held = 0;
    slack.fake.beforeAnswer = (r) => hold.wait(r.name === 'chat.postMessage' && ++held === 1);
    await acceptedButTimedOut('slack', 'CNEWS', slack.bot.publisher, (v) => hold.set(v), () => slack.fake.channelMessages('CNEWS').length);
  } finally {
    await slack.stop();
  }
});
