import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FetchSlots } from '../../src/feeds/fetch-slots.ts';

/** A task that runs until its `finish` is called, recording the most tasks seen at once. */
function tasks() {
  const finishers = new Map<string, () => void>();
  const started: string[] = [];
  const make = (name: string) => () => new Promise<string>((resolve) => {
    started.push(name);
    finishers.set(name, () => resolve(name));
  });
  const finish = async (name: string) => {
    finishers.get(name)!();
    await new Promise((r) => setImmediate(r));
  };
  return { make, started, finish };
}

test('fetch slots: at most `overall` at once, then the next waiter in order', async () => {
  const slots = new FetchSlots(2, 5);
  const { make, started, finish } = tasks();
  const runs = ['a', 'b', 'c', 'd'].map((n) => slots.run('h', make(n)));
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(started, ['a', 'b']);
  assert.equal(slots.inUse(), 2);
  await finish('a');
  assert.deepEqual(started, ['a', 'b', 'c']);
  await finish('b');
  await finish('c');
  await finish('d');
  assert.deepEqual(await Promise.all(runs), ['a', 'b', 'c', 'd']);
  assert.deepEqual([slots.inUse(), slots.inUse('h')], [0, 0]);
});

test('fetch slots: a full host lets waiters for other hosts pass', async () => {
  const slots = new FetchSlots(3, 1);
  const { make, started, finish } = tasks();
  const runs = [['slow', 'a1'], ['slow', 'a2'], ['fast', 'b1'], ['fast', 'b2']].map(([host, n]) => slots.run(host!, make(n!)));
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(started, ['a1', 'b1']);
  await finish('b1');
  assert.deepEqual(started, ['a1', 'b1', 'b2'], 'the fast host goes on while the slow one holds its slot');
  await finish('a1');
  assert.deepEqual(started, ['a1', 'b1', 'b2', 'a2']);
  await finish('a2');
  await finish('b2');
  await Promise.all(runs);
});

test('fetch slots: a task that throws frees its slot', async () => {
  const slots = new FetchSlots(1, 1);
  await assert.rejects(slots.run('h', () => Promise.reject(new Error('boom'))), /boom/);
  assert.equal(await slots.run('h', () => Promise.resolve('next')), 'next');
  assert.throws(() => new FetchSlots(0, 1), RangeError);
});
