import { test } from 'node:test';
import assert from 'node:assert/strict';
import { publishedInstant } from '../../src/core/index/published.ts';
import { recencyFactor } from '../../src/core/query/recency.ts';

const DAY = 86_400_000;

test('published: a date is the whole UTC day, aged from its noon; a date-time is its instant, in UTC', () => {
  const day = Date.parse('2026-12-06T00:00:00Z');
  assert.deepEqual(publishedInstant('2026-12-06'), { at: day + DAY / 2, latest: day + DAY - 1 });
  const exact = Date.parse('2026-12-06T15:04:05Z');
  assert.deepEqual(publishedInstant('2026-12-06T15:04:05Z'), { at: exact, latest: exact });
  // A time without a zone is read as UTC; a zone is honoured, with or without its colon.
  assert.equal(publishedInstant('2026-12-06T15:04:05')!.at, exact);
  assert.equal(publishedInstant('2026-12-06T20:34:05+05:30')!.at, exact);
  assert.equal(publishedInstant('2026-12-06T10:04:05-0500')!.at, exact);
  assert.equal(publishedInstant('2026-12-06T15:04')!.at, Date.parse('2026-12-06T15:04:00Z'));
  assert.equal(publishedInstant('2026-12-06T15:04:05.123456789Z')!.at, exact + 123);
  for (const bad of ['', 'yesterday', '12/06/2026', '2026-12-06 15:04']) assert.equal(publishedInstant(bad), undefined, bad);
});

test('recency: the newest reporting counts fully; older counts less, smoothly, never below 0.7', () => {
  assert.equal(recencyFactor(0), 1);
  assert.equal(recencyFactor(-DAY), 1, 'a clock skew is no bonus');
  const hours = recencyFactor(3 * 3_600_000);
  const day = recencyFactor(DAY);
  const week = recencyFactor(7 * DAY);
  const month = recencyFactor(30 * DAY);
  assert.ok(hours > 0.98, `a few hours apart is a tie-break: ${hours}`);
  assert.ok(day > 0.89 && day < 0.91, `a day behind loses a tenth: ${day}`);
  assert.ok(week < day && month < week && month > 0.7 && recencyFactor(3650 * DAY) >= 0.7);
  assert.ok(week - month < 0.06, 'a week and a month differ little');
});
