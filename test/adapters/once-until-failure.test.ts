import { test } from 'node:test';
import assert from 'node:assert/strict';
import { onceUntilFailure } from '../../src/adapters/once-until-failure.ts';

test('onceUntilFailure: callers share one load; a failed load is tried again, a good one never', async () => {
  const outcomes = [new Error('blip'), 'me'];
  let calls = 0;
  const get = onceUntilFailure(async () => {
    const outcome = outcomes[calls++]!;
    if (outcome instanceof Error) throw outcome;
    return outcome;
  });
  const [a, b] = await Promise.allSettled([get(), get()]);
  assert.deepEqual([a.status, b.status, calls], ['rejected', 'rejected', 1]);
  assert.deepEqual(await Promise.all([get(), get(), get()]), ['me', 'me', 'me']);
  assert.equal(calls, 2);
});
