import type { Config } from '../config/env.ts';
import type { FeedPollerOptions } from './poller.ts';
import type { FetchLimits } from './types.ts';

/** The FEEDS_* limits of one fetch (a feed, or an item's page). */
export function feedLimitsFrom(config: Config): FetchLimits {
  return {
    connectTimeoutMs: config.FEEDS_CONNECT_TIMEOUT_SECONDS * 1000,
    responseTimeoutMs: config.FEEDS_TIMEOUT_SECONDS * 1000,
    maxBodyBytes: config.FEEDS_MAX_BYTES,
    maxRedirects: config.FEEDS_MAX_REDIRECTS,
  };
}

/** The poller's FEEDS_* settings, as the app passes them to `new FeedPoller`. */
export function pollSettingsFrom(config: Config): Pick<FeedPollerOptions, 'fetchOptions' | 'maxFailures' | 'maxAgeMs' | 'concurrency' | 'perHost' | 'leaseMs'> {
  return {
    fetchOptions: {
      policy: { allowPrivate: config.FEEDS_ALLOW_PRIVATE },
      limits: feedLimitsFrom(config),
    },
    maxFailures: config.FEEDS_MAX_FAILURES,
    maxAgeMs: config.ARTICLE_MAX_AGE_DAYS * 86_400_000,
    concurrency: config.FEEDS_CONCURRENCY,
    perHost: config.FEEDS_PER_HOST,
    leaseMs: config.FEEDS_LEASE_SECONDS * 1000,
  };
}
