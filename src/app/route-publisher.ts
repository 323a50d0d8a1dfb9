import type { Publisher } from '../ports/publisher.ts';
import type { Platform } from '../store/types.ts';
import type { Metrics } from './metrics.ts';
import type { PlatformHandle } from './start-platforms.ts';

/** The scheduler's one publisher: hands each digest to its subscription's platform, and counts. */
export function routePublisher(handles: ReadonlyMap<Platform, PlatformHandle>, metrics?: Metrics): Publisher {
  return {
    async publish(subscription, digest, context) {
      const handle = handles.get(subscription.platform);
      if (!handle) throw new Error(`${subscription.platform} is not running in this process`);
      try {
        await handle.publisher.publish(subscription, digest, context);
        metrics?.digestPublished(subscription.platform, true);
      } catch (err) {
        metrics?.digestPublished(subscription.platform, false);
        throw err;
      }
    },
    async findPosted(subscription, context) {
      const platform = handles.get(subscription.platform)?.publisher;
      return platform?.findPosted ? platform.findPosted(subscription, context) : null;
    },
  };
}
