import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, parseConfig } from '../../src/config/env.ts';

const rejects = (env: Record<string, string>, message: RegExp) =>
  assert.throws(() => parseConfig(env), (err: unknown) => err instanceof ConfigError && message.test(err.message), JSON.stringify(env));

test('DISCORD_SHARDS and DISCORD_SHARD_IDS: unset is one connection; a count, auto, ids and ranges are read', () => {
  const none = parseConfig({});
  assert.equal(none.DISCORD_SHARDS, undefined);
  assert.equal(none.DISCORD_SHARD_IDS, undefined);
  assert.equal(parseConfig({ DISCORD_SHARDS: 'auto' }).DISCORD_SHARDS, 'auto');
  assert.equal(parseConfig({ DISCORD_SHARDS: '8' }).DISCORD_SHARDS, 8);
  assert.deepEqual(parseConfig({ DISCORD_SHARDS: '8', DISCORD_SHARD_IDS: '0-3' }).DISCORD_SHARD_IDS, [0, 1, 2, 3]);
  assert.deepEqual(parseConfig({ DISCORD_SHARDS: '8', DISCORD_SHARD_IDS: '6, 0,2' }).DISCORD_SHARD_IDS, [0, 2, 6]);
  assert.deepEqual(parseConfig({ DISCORD_SHARDS: '8', DISCORD_SHARD_IDS: '4-5,5-7' }).DISCORD_SHARD_IDS, [4, 5, 6, 7]);
  assert.deepEqual(parseConfig({ DISCORD_SHARDS: '2', DISCORD_SHARD_IDS: '1' }).DISCORD_SHARD_IDS, [1]);
});

test('a bad DISCORD_SHARDS or DISCORD_SHARD_IDS stops start-up with a message naming the key', () => {
  rejects({ DISCORD_SHARDS: 'many' }, /DISCORD_SHARDS: must be auto or a number of shards such as 4 \(got "many"\)/);
  rejects({ DISCORD_SHARDS: '0' }, /DISCORD_SHARDS: must be auto or a number of shards from 1 to 100000/);
  rejects({ DISCORD_SHARDS: '-2' }, /DISCORD_SHARDS: must be auto or a number/);
  rejects({ DISCORD_SHARDS: '4', DISCORD_SHARD_IDS: '0..3' }, /DISCORD_SHARD_IDS: must be shard ids and ranges such as 0-3 or 0,2 \(got "0\.\.3"\)/);
  rejects({ DISCORD_SHARDS: '4', DISCORD_SHARD_IDS: '3-1' }, /DISCORD_SHARD_IDS: the range 3-1 runs backwards/);
  rejects({ DISCORD_SHARDS: '4', DISCORD_SHARD_IDS: '0,' }, /DISCORD_SHARD_IDS: must be shard ids/);
  rejects({ DISCORD_SHARDS: '4', DISCORD_SHARD_IDS: '2-4' }, /DISCORD_SHARD_IDS: names shard 4, but shard ids run from 0 to DISCORD_SHARDS - 1 \(3\)/);
  rejects({ DISCORD_SHARD_IDS: '0-1' }, /DISCORD_SHARD_IDS: needs DISCORD_SHARDS, the number of shards across all processes/);
  rejects({ DISCORD_SHARDS: 'auto', DISCORD_SHARD_IDS: '0' }, /DISCORD_SHARD_IDS: needs DISCORD_SHARDS to be a number, not auto/);
});

test('DISCORD_REQUESTS_PER_SECOND: 50 unless set; a whole number of at least 1 (more for a bot whose limit Discord raised), else start-up stops naming the key', () => {
  assert.equal(parseConfig({}).DISCORD_REQUESTS_PER_SECOND, 50);
  assert.equal(parseConfig({ DISCORD_REQUESTS_PER_SECOND: '16' }).DISCORD_REQUESTS_PER_SECOND, 16);
  assert.equal(parseConfig({ DISCORD_REQUESTS_PER_SECOND: '1200' }).DISCORD_REQUESTS_PER_SECOND, 1200);
  rejects({ DISCORD_REQUESTS_PER_SECOND: '0' }, /DISCORD_REQUESTS_PER_SECOND: must be at least 1/);
  rejects({ DISCORD_REQUESTS_PER_SECOND: '16.6' }, /DISCORD_REQUESTS_PER_SECOND: must be a whole number/);
  rejects({ DISCORD_REQUESTS_PER_SECOND: 'fast' }, /DISCORD_REQUESTS_PER_SECOND/);
});
