import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, subscribe, tempDir, tickThrough } from './harness.ts';

const postTimes = (posts: { at: Date; subscription: { timeZone: string } }[]) =>
  posts.map((p) => `${p.subscription.timeZone} ${p.at.toISOString()}`);

test('scheduling: each subscription posts at its own local time in its own zone', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const { store, scheduler, clock, posts } = await setup(dir, '2026-06-10T05:00:00Z');
    await subscribe(store, { channel: 'NY', time: '08:00', timeZone: 'America/New_York' }, clock.now());
    await subscribe(store, { channel: 'BER', time: '08:00', timeZone: 'Europe/Berlin' }, clock.now());
    await tickThrough(scheduler, clock, '2026-06-10T05:50:00Z', '2026-06-10T06:10:00Z');
    assert.deepEqual(postTimes(posts), ['Europe/Berlin 2026-06-10T06:00:00.000Z']);
    await tickThrough(scheduler, clock, '2026-06-10T11:50:00Z', '2026-06-10T12:10:00Z');
    assert.deepEqual(postTimes(posts), ['Europe/Berlin 2026-06-10T06:00:00.000Z', 'America/New_York 2026-06-10T12:00:00.000Z']);
    assert.deepEqual(
      posts.map((p) => p.context.localDate),
      ['2026-06-10', '2026-06-10'],
    );
    assert.ok(posts[0]!.digest.items.length > 0, 'a real digest of the bundled articles');
    await store.close();
  } finally {
    cleanup();
  }
});

test('scheduling: New York across spring-forward, 02:30 posts at 03:00 EDT once, 08:00 follows the clock', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const { store, scheduler, clock, posts } = await setup(dir, '2026-03-08T04:00:00Z');
    await subscribe(store, { channel: 'gap', time: '02:30', timeZone: 'America/New_York' }, clock.now());
    await subscribe(store, { channel: 'morning', topic: 'kandahar', time: '08:00', timeZone: 'America/New_York' }, clock.now());
    await tickThrough(scheduler, clock, '2026-03-08T04:00:00Z', '2026-03-08T13:00:00Z');
    assert.deepEqual(
      posts.map((p) => `${p.subscription.channel} ${p.at.toISOString()}`),
      ['gap 2026-03-08T07:00:00.000Z', 'morning 2026-03-08T12:00:00.000Z'],
    );
    await store.close();
  } finally {
    cleanup();
  }
});

test('scheduling: New York on fall-back day, 01:30 happens twice and posts once, at the first', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const { store, scheduler, clock, posts } = await setup(dir, '2026-11-01T04:00:00Z');
    await subscribe(store, { channel: 'twice', time: '01:30', timeZone: 'America/New_York' }, clock.now());
    await subscribe(store, { channel: 'morning', topic: 'kandahar', time: '08:00', timeZone: 'America/New_York' }, clock.now());
    await tickThrough(scheduler, clock, '2026-11-01T04:00:00Z', '2026-11-01T13:30:00Z');
    assert.deepEqual(
      posts.map((p) => `${p.subscription.channel} ${p.at.toISOString()}`),
      ['twice 2026-11-01T05:30:00.000Z', 'morning 2026-11-01T13:00:00.000Z'],
    );
    await store.close();
  } finally {
    cleanup();
  }
});

test('scheduling: Berlin on spring-forward day, 02:30 posts at 03:00 CEST', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const { store, scheduler, clock, posts } = await setup(dir, '2026-03-28T23:00:00Z');
    await subscribe(store, { channel: 'gap', time: '02:30', timeZone: 'Europe/Berlin' }, clock.now());
    await subscribe(store, { channel: 'morning', topic: 'kandahar', time: '08:00', timeZone: 'Europe/Berlin' }, clock.now());
    await tickThrough(scheduler, clock, '2026-03-28T23:00:00Z', '2026-03-29T06:30:00Z');
    assert.deepEqual(
      posts.map((p) => `${p.subscription.channel} ${p.at.toISOString()}`),
      ['gap 2026-03-29T01:00:00.000Z', 'morning 2026-03-29T06:00:00.000Z'],
    );
    await store.close();
  } finally {
    cleanup();
  }
});

test('scheduling: one post per local day over several days around a DST change', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const { store, scheduler, clock, posts } = await setup(dir, '2026-03-06T00:00:00Z');
    await subscribe(store, { time: '08:00', timeZone: 'America/New_York' }, clock.now());
    // Every 5 minutes for four days: 08:00 EST is 13:00Z, 08:00 EDT is 12:00Z.
    await tickThrough(scheduler, clock, '2026-03-06T00:00:00Z', '2026-03-10T00:00:00Z', 5);
    assert.deepEqual(
      posts.map((p) => `${p.context.localDate} ${p.at.toISOString()}`),
      ['2026-03-06 2026-03-06T13:00:00.000Z', '2026-03-07 2026-03-07T13:00:00.000Z', '2026-03-08 2026-03-08T12:00:00.000Z', '2026-03-09 2026-03-09T12:00:00.000Z'],
    );
    await store.close();
  } finally {
    cleanup();
  }
});

test('scheduling: a subscription made after its time today starts tomorrow', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const { store, scheduler, clock, posts } = await setup(dir, '2026-06-10T10:00:00Z');
    await subscribe(store, { time: '08:00', timeZone: 'Europe/Berlin' }, clock.now());
    await tickThrough(scheduler, clock, '2026-06-10T10:00:00Z', '2026-06-11T06:00:00Z', 10);
    assert.deepEqual(posts.map((p) => p.at.toISOString()), ['2026-06-11T06:00:00.000Z']);
    await store.close();
  } finally {
    cleanup();
  }
});
