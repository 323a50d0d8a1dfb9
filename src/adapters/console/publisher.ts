import type { Subscription } from '../../store/types.ts';
import type { Digest } from '../../core/types.ts';
import type { Publisher, PublishContext } from '../../ports/publisher.ts';
import { renderDigestText } from './render-text.ts';

/** The terminal's publisher: prints a daily digest where the session shows it. */
export function createConsolePublisher(output: { write(text: string): unknown }): Publisher {
  return {
    async publish(subscription: Subscription, digest: Digest, context: PublishContext) {
      const heading = `Daily digest: ${subscription.topic} (${context.localDate}, ${subscription.time} ${subscription.timeZone})`;
      const body =
        digest.items.length > 0
          ? renderDigestText(digest)
          : context.omittedItems > 0
            ? `Nothing new on ${subscription.topic} since the last digest.`
            : `The articles say nothing about ${subscription.topic} yet.`;
      output.write(`${heading}\n${body}\n`);
    },
  };
}
