import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, localDate, zonedInstant } from '../../src/scheduler/local-time.ts';
import { parseSubscriptionRequest } from '../../src/commands/subscription-input.ts';
import { parseLocalTime, parseTimeZone } from '../../src/ports/schedule-time.ts';

const at = (date: string, hhmm: string, zone: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return zonedInstant(date, h! * 60 + m!, zone).toISOString();
};

test('local time: an ordinary day in two zones', () => {
  assert.equal(at('2026-06-10', '08:00', 'America/New_York'), '2026-06-10T12:00:00.000Z');
  assert.equal(at('2026-06-10', '08:00', 'Europe/Berlin'), '2026-06-10T06:00:00.000Z');
  assert.equal(at('2026-06-10', '00:00', 'Asia/Kolkata'), '2026-06-09T18:30:00.000Z');
});

test('local time: a time skipped by spring-forward means the first instant after the gap', () => {
  // New York 2026-03-08: 02:00 EST jumps to 03:00 EDT.
  assert.equal(at('2026-03-08', '02:30', 'America/New_York'), '2026-03-08T07:00:00.000Z');
  assert.equal(at('2026-03-08', '01:59', 'America/New_York'), '2026-03-08T06:59:00.000Z');
  assert.equal(at('2026-03-08', '03:00', 'America/New_York'), '2026-03-08T07:00:00.000Z');
  // Berlin 2026-03-29: 02:00 CET jumps to 03:00 CEST.
  assert.equal(at('2026-03-29', '02:30', 'Europe/Berlin'), '2026-03-29T01:00:00.000Z');
  // Half-hour shift (Lord Howe) and a midnight shift (Santiago: 00:00 does not exist).
  assert.equal(at('2026-10-04', '02:15', 'Australia/Lord_Howe'), '2026-10-03T15:30:00.000Z');
  assert.equal(at('2026-09-06', '00:00', 'America/Santiago'), '2026-09-06T04:00:00.000Z');
});

test('local time: a time repeated by fall-back means its first occurrence', () => {
  // New York 2026-11-01: 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST).
  assert.equal(at('2026-11-01', '01:30', 'America/New_York'), '2026-11-01T05:30:00.000Z');
  assert.equal(at('2026-10-25', '02:30', 'Europe/Berlin'), '2026-10-25T00:30:00.000Z');
  assert.equal(at('2026-11-01', '08:00', 'America/New_York'), '2026-11-01T13:00:00.000Z');
});

test('local time: the local date of an instant, and date arithmetic across months', () => {
  assert.equal(localDate(new Date('2026-03-08T04:59:00Z'), 'America/New_York'), '2026-03-07');
  assert.equal(localDate(new Date('2026-03-08T05:00:00Z'), 'America/New_York'), '2026-03-08');
  assert.equal(localDate(new Date('2026-12-31T23:30:00Z'), 'Europe/Berlin'), '2027-01-01');
  assert.equal(addDays('2026-02-28', 1), '2026-03-01');
  assert.equal(addDays('2026-03-01', -1), '2026-02-28');
});

test('subscription input: HH:MM is parsed strictly', () => {
  assert.deepEqual(parseLocalTime('08:30'), { ok: true, value: { text: '08:30', minutes: 510 } });
  assert.deepEqual(parseLocalTime('9:05'), { ok: true, value: { text: '09:05', minutes: 545 } });
  assert.deepEqual(parseLocalTime('23:59'), { ok: true, value: { text: '23:59', minutes: 1439 } });
  for (const bad of ['25:99', '24:00', '12:60', '9:5', '9am', '09:30:00', '', ' : ', '0830', '-1:00', '１２:００']) {
    const result = parseLocalTime(bad);
    assert.equal(result.ok, false, bad);
    if (!result.ok) assert.equal(result.code, 'bad-time');
  }
});

test('subscription input: time zones are checked with Intl and returned in canonical spelling', () => {
  assert.deepEqual(parseTimeZone('america/new_york'), { ok: true, value: 'America/New_York' });
  assert.deepEqual(parseTimeZone('Europe/Berlin'), { ok: true, value: 'Europe/Berlin' });
  assert.deepEqual(parseTimeZone('UTC'), { ok: true, value: 'UTC' });
  for (const bad of ['Mars/Olympus', '', 'Europe/Berlin; DROP TABLE', 'GMT+25']) {
    const result = parseTimeZone(bad);
    assert.equal(result.ok, false, bad);
    if (!result.ok) assert.equal(result.code, 'bad-time-zone');
  }
});

test('subscription input: a whole request, with the default zone and error codes instead of text', () => {
  const options = { defaultTimeZone: 'Europe/Berlin' };
  assert.deepEqual(parseSubscriptionRequest({ topic: '  Kandahar   prison ', time: '7:00' }, options), {
    ok: true,
    value: { topic: 'Kandahar prison', time: '07:00', timeZone: 'Europe/Berlin' },
  });
  assert.deepEqual(parseSubscriptionRequest({ topic: 'ghazni', time: '07:00', timeZone: 'Asia/Kabul' }, options), {
    ok: true,
    value: { topic: 'ghazni', time: '07:00', timeZone: 'Asia/Kabul' },
  });
  const code = (input: Parameters<typeof parseSubscriptionRequest>[0], opts = options) => {
    const r = parseSubscriptionRequest(input, opts);
    return r.ok ? 'ok' : r.code;
  };
  assert.equal(code({ topic: ' ', time: '07:00' }), 'empty-topic');
  assert.equal(code({ topic: 'x'.repeat(101), time: '07:00' }), 'too-long');
  assert.equal(code({ topic: 'ghazni', time: '25:99' }), 'bad-time');
  assert.equal(code({ topic: 'ghazni', time: '07:00', timeZone: 'Mars/Olympus' }), 'bad-time-zone');
  assert.equal(code({ topic: 'ghazni', time: '07:00' }, { defaultTimeZone: 'Mars/Olympus' }), 'bad-time-zone');
});
