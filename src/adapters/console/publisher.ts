import type { Digest } from '../../core/types.ts';
import type { Subscription } from '../../store/types.ts';
import type { Publisher, PublishContext } from '../../ports/publisher.ts';

/**
 * The terminal's publisher: prints the digest. Rendering and output are passed in so the
 * scheduler does not depend on the console adapter.
 */
export function createConsolePublisher(deps: { render: (digest: Digest) => string; write: (text: string) => void }): Publisher {
  return {
    async publish(subscription: Subscription, digest: Digest, context: PublishContext) {
      const heading = `Daily digest: ${subscription.topic} (${context.localDate}, ${subscription.time} ${subscription.timeZone})`;
      const body =
        digest.items.length > 0
          ? deps.render(digest)
          : context.omittedItems > 0
            ? `Nothing new on ${subscription.topic} since the last digest.`
            : `The articles say nothing about ${subscription.topic} yet.`;
      deps.write(`${heading}\n${body}\n`);
    },
  };
}
