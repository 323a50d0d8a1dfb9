import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../src/config/env.ts';
import { pollSettingsFrom } from '../../src/feeds/poll-settings.ts';

test('settings: FEEDS_* become the poller options', () => {
  const config = parseConfig({ FEEDS_ALLOW_PRIVATE: 'true', FEEDS_MAX_FAILURES: '4', FEEDS_TIMEOUT_SECONDS: '12', FEEDS_CONNECT_TIMEOUT_SECONDS: '3', FEEDS_MAX_REDIRECTS: '2', FEEDS_MAX_BYTES: '1000', FEEDS_CONCURRENCY: '3', FEEDS_PER_HOST: '1', FEEDS_LEASE_SECONDS: '45' });
  assert.deepEqual(pollSettingsFrom(config), {
    fetchOptions: { policy: { allowPrivate: true }, limits: { connectTimeoutMs: 3_000, responseTimeoutMs: 12_000, maxBodyBytes: 1000, maxRedirects: 2 } },
    maxFailures: 4, maxAgeMs: 30 * 86_400_000, concurrency: 3, perHost: 1, leaseMs: 45_000,
  });
});

test('settings: a poll lease shorter than 3 s, or a feed sync interval of 0, stops start-up naming the key', () => {
  assert.throws(() => parseConfig({ FEEDS_LEASE_SECONDS: '2' }), /FEEDS_LEASE_SECONDS/);
  assert.throws(() => parseConfig({ FEEDS_SYNC_SECONDS: '0' }), /FEEDS_SYNC_SECONDS/);
  assert.deepEqual([parseConfig({}).FEEDS_LEASE_SECONDS, parseConfig({}).FEEDS_SYNC_SECONDS], [60, 5]);
});
