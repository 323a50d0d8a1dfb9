import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_BACKOFF_MS, MAX_HINT_MS, MAX_JITTER_MS, failureWaitMs, isDue, jitterMs, nextFeedState, type PollOutcome, type ScheduleSettings } from '../../src/feeds/poll-schedule.ts';
import type { FeedState } from '../../src/store/feed-types.ts';

const MIN = 60_000;
const now = new Date('2026-06-10T08:00:00Z');
const settings = (over: Partial<ScheduleSettings> = {}): ScheduleSettings => ({ intervalMs: 10 * MIN, maxFailures: 3, now, random: () => 0, ...over });
const fresh: FeedState = { failures: 0, paused: false };
const ok = (over: Partial<Extract<PollOutcome, { ok: true }>> = {}): PollOutcome => ({ ok: true, modified: true, ...over });
const failed = (reason = 'HTTP 500 Internal Server Error', retryAfterMs?: number): PollOutcome => ({ ok: false, reason, retryAfterMs });
const waitOf = (state: FeedState) => state.nextPollAt!.getTime() - now.getTime();

test('schedule: a success clears failures and the error, keeps the title and validators, waits the interval', () => {
  const before: FeedState = { failures: 2, paused: false, lastError: 'HTTP 500', etag: '"old"', lastNewItemAt: new Date(0) };
  const s = nextFeedState(before, ok({ title: 'Wire', etag: '"v1"', lastModified: 'Thu, 12 Aug 2021 10:30:00 GMT' }), settings());
  assert.equal(s.failures, 0);
  assert.equal(s.paused, false);
  assert.equal('lastError' in s, false);
  assert.equal(s.title, 'Wire');
  assert.equal(s.etag, '"v1"');
  assert.equal(s.lastModified, 'Thu, 12 Aug 2021 10:30:00 GMT');
  assert.deepEqual([s.lastFetchAt, s.lastSuccessAt], [now, now]);
  assert.deepEqual(s.lastNewItemAt, new Date(0), 'the poller sets it, from what the store added');
  assert.equal(waitOf(s), 10 * MIN);
});

test('schedule: a 304 without validators keeps the stored ones; a 200 without them drops them', () => {
  const before: FeedState = { ...fresh, etag: '"v1"', lastModified: 'Thu, 12 Aug 2021 10:30:00 GMT', title: 'Wire' };
  const unchanged = nextFeedState(before, ok({ modified: false }), settings());
  assert.deepEqual([unchanged.etag, unchanged.lastModified, unchanged.title], ['"v1"', 'Thu, 12 Aug 2021 10:30:00 GMT', 'Wire']);
  const rewritten = nextFeedState(before, ok({ title: 'Wire' }), settings());
  assert.deepEqual([rewritten.etag, rewritten.lastModified], [undefined, undefined]);
  const revalidated = nextFeedState(before, ok({ modified: false, etag: '"v2"' }), settings());
  assert.equal(revalidated.etag, '"v2"');
});

test('schedule: never sooner than the feed ttl or Cache-Control max-age; shorter hints do not shorten the interval', () => {
  assert.equal(waitOf(nextFeedState(fresh, ok({ ttlMs: 30 * MIN }), settings())), 30 * MIN);
  assert.equal(waitOf(nextFeedState(fresh, ok({ maxAgeMs: 45 * MIN, ttlMs: 30 * MIN }), settings())), 45 * MIN);
  assert.equal(waitOf(nextFeedState(fresh, ok({ maxAgeMs: MIN, ttlMs: 2 * MIN }), settings())), 10 * MIN);
  assert.equal(waitOf(nextFeedState(fresh, ok({ maxAgeMs: 365 * 24 * 60 * MIN }), settings())), MAX_HINT_MS, 'a year-long max-age is capped');
});

test('schedule: failures count up, back off exponentially from the interval up to the cap, and keep the validators', () => {
  let s: FeedState = { ...fresh, etag: '"v1"' };
  const waits: number[] = [];
  for (let i = 1; i <= 8; i++) {
    s = nextFeedState(s, failed(), settings({ maxFailures: 100 }));
    assert.equal(s.failures, i);
    assert.equal(s.lastError, 'HTTP 500 Internal Server Error');
    waits.push(waitOf(s));
  }
  assert.deepEqual(waits, [10, 20, 40, 80, 160, 320, 360, 360].map((m) => m * MIN));
  assert.equal(waits.at(-1), MAX_BACKOFF_MS);
  assert.equal(s.etag, '"v1"');
  assert.equal(s.lastSuccessAt, undefined);
  const recovered = nextFeedState(s, ok(), settings());
  assert.deepEqual([recovered.failures, waitOf(recovered)], [0, 10 * MIN]);
});

test('schedule: a feed polled less often than the cap never backs off below its interval', () => {
  assert.equal(failureWaitMs(12 * 60 * MIN, 1), 12 * 60 * MIN);
  assert.equal(failureWaitMs(12 * 60 * MIN, 5), 12 * 60 * MIN);
});

test('schedule: paused once failures reach maxFailures, not before', () => {
  let s = fresh;
  const paused: boolean[] = [];
  for (let i = 0; i < 4; i++) paused.push((s = nextFeedState(s, failed('timed out'), settings())).paused);
  assert.deepEqual(paused, [false, false, true, true]);
  assert.equal(s.failures, 4);
});

test('schedule: a 429 or 503 with Retry-After is a failure that waits at least the Retry-After', () => {
  const limited = nextFeedState(fresh, failed('HTTP 429 Too Many Requests', 2 * 60 * MIN), settings());
  assert.equal(limited.failures, 1);
  assert.equal(limited.lastError, 'HTTP 429 Too Many Requests');
  assert.equal(waitOf(limited), 2 * 60 * MIN);
  const shortRetry = nextFeedState({ ...fresh, failures: 3 }, failed('HTTP 503 Service Unavailable', MIN), settings({ maxFailures: 10 }));
  assert.equal(waitOf(shortRetry), 80 * MIN, 'the backoff wins when it is longer');
});

test('schedule: jitter adds up to 10% of the wait, at most 5 minutes, from the injected random', () => {
  assert.equal(waitOf(nextFeedState(fresh, ok(), settings({ random: () => 0.5 }))), 10 * MIN + 30_000);
  assert.equal(jitterMs(10 * MIN, () => 0.999), 0.0999 * 10 * MIN);
  assert.equal(jitterMs(6 * 60 * MIN, () => 1), MAX_JITTER_MS);
  const failedJitter = nextFeedState(fresh, failed('x', 20 * MIN), settings({ random: () => 0.5 }));
  assert.equal(waitOf(failedJitter), 20 * MIN + MIN, 'jitter is added on top of a Retry-After, never taken off');
});

test('schedule: due when unpaused and never polled or its time has come', () => {
  assert.equal(isDue(fresh, now), true);
  assert.equal(isDue({ ...fresh, nextPollAt: now }, now), true);
  assert.equal(isDue({ ...fresh, nextPollAt: new Date(now.getTime() + 1) }, now), false);
  assert.equal(isDue({ ...fresh, paused: true }, now), false);
});
