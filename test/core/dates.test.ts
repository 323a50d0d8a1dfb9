import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findDate } from '../../src/core/text/dates.ts';

test('findDate: the formatted date is the calendar date, and impossible ones are refused', () => {
  // What Date itself says about each year, month and day, as the date to expect.
  const expected = (y: number, m: number, d: number): string | undefined => {
    const date = new Date(Date.UTC(y, m - 1, d));
    return y >= 1900 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 && date.getUTCMonth() === m - 1 ? date.toISOString().slice(0, 10) : undefined;
  };
  const pad = (n: number) => String(n).padStart(2, '0');
  for (const y of [1899, 1900, 1999, 2000, 2001, 2004, 2021, 2100, 2400, 2999, 3000]) {
    for (let m = 0; m <= 13; m++) {
      for (let d = 0; d <= 99; d++) assert.equal(findDate(`${y}-${pad(m)}-${pad(d)}`), expected(y, m, d), `${y}-${m}-${d}`);
    }
  }
  assert.equal(findDate('Thu 12th August 2021 | 05:40 PM'), '2021-08-12');
  assert.equal(findDate('Updated: Feb 29, 2021'), undefined);
  assert.equal(findDate('Updated: Feb 29, 2024'), '2024-02-29');
});
