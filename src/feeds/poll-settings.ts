import type { Config } from '../config/env.ts';
import type { FeedPollerOptions } from './poller.ts';

/** The poller's FEEDS_* settings, as the app passes them to `new FeedPoller`. */
export function pollSettingsFrom(config: Config): Pick<FeedPollerOptions, 'fetchOptions' | 'maxFailures' | 'maxAgeMs' | 'concurrency' | 'perHost'> {
  return {
    fetchOptions: {
      policy: { allowPrivate: config.FEEDS_ALLOW_PRIVATE },
      limits: { responseTimeoutMs: config.FEEDS_TIMEOUT_SECONDS * 1000, maxBodyBytes: config.FEEDS_MAX_BYTES },
    },
    maxFailures: config.FEEDS_MAX_FAILURES,
    maxAgeMs: config.ARTICLE_MAX_AGE_DAYS * 86_400_000,
    concurrency: config.FEEDS_CONCURRENCY,
    perHost: config.FEEDS_PER_HOST,
  };
}
