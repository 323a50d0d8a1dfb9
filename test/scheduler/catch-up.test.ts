import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, subscribe, tempDir, tickThrough } from './harness.ts';

const made = new Date('2026-06-01T00:00:00Z');

test('catch-up: a digest missed while the bot was down is posted once after start, the same local day', async () => {
  const { dir, cleanup } = tempDir();
  try {
    // Berlin 08:00 is 06:00Z; the bot comes back at 13:00 local.
    const { store, scheduler, clock, posts, lines } = await setup(dir, '2026-06-10T11:00:00Z');
    await subscribe(store, { time: '08:00', timeZone: 'Europe/Berlin' }, made);
    await tickThrough(scheduler, clock, '2026-06-10T11:00:00Z', '2026-06-10T21:59:00Z', 3);
    assert.deepEqual(posts.map((p) => `${p.context.localDate} ${p.at.toISOString()}`), ['2026-06-10 2026-06-10T11:00:00.000Z']);
    // Yesterday's digest was missed too; that is logged once, not posted.
    const missed = lines.filter((l) => String(l.msg).includes('missed'));
    assert.equal(missed.length, 1);
    assert.equal(missed[0]!.localDate, '2026-06-09');
    await store.close();
  } finally {
    cleanup();
  }
});

test('catch-up: not once the local day is over, and the miss is logged once', async () => {
  const { dir, cleanup } = tempDir();
  try {
    // Down all of 2026-06-10 in Berlin; back at 00:30 local on the 11th (22:30Z on the 10th).
    const { store, scheduler, clock, posts, lines } = await setup(dir, '2026-06-10T22:30:00Z');
    const sub = await subscribe(store, { time: '08:00', timeZone: 'Europe/Berlin' }, new Date('2026-06-10T00:00:00Z'));
    await tickThrough(scheduler, clock, '2026-06-10T22:30:00Z', '2026-06-10T23:30:00Z', 5);
    assert.equal(posts.length, 0);
    const missed = lines.filter((l) => String(l.msg).includes('missed'));
    assert.equal(missed.length, 1);
    assert.equal(missed[0]!.level, 40);
    assert.equal(missed[0]!.localDate, '2026-06-10');
    assert.deepEqual((await store.deliveryHistory(sub, 'ghazni')).map((d) => `${d.localDate} ${d.state}`), ['2026-06-10 missed']);
    await tickThrough(scheduler, clock, '2026-06-11T05:58:00Z', '2026-06-11T06:02:00Z');
    assert.deepEqual(posts.map((p) => p.context.localDate), ['2026-06-11'], 'the next day is posted on time');
    await store.close();
  } finally {
    cleanup();
  }
});

test('catch-up: the window is configurable; past it the digest is recorded as missed', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const { store, scheduler, clock, posts, lines } = await setup(dir, '2026-06-10T08:30:00Z', { options: { catchUpMinutes: 120 } });
    await subscribe(store, { channel: 'late', time: '08:00', timeZone: 'Europe/Berlin' }, made); // due 06:00Z, 2h30 ago
    await subscribe(store, { channel: 'recent', time: '09:00', timeZone: 'Europe/Berlin' }, made); // due 07:00Z, 1h30 ago
    await tickThrough(scheduler, clock, '2026-06-10T08:30:00Z', '2026-06-10T12:00:00Z', 10);
    assert.deepEqual(posts.map((p) => `${p.subscription.channel} ${p.at.toISOString()}`), ['recent 2026-06-10T08:30:00.000Z']);
    assert.ok(lines.some((l) => String(l.msg).includes('missed') && l.localDate === '2026-06-10' && l.channel === 'late'));
    await store.close();
  } finally {
    cleanup();
  }
});
