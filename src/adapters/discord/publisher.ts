import { Routes, type REST } from 'discord.js';
import type { Digest } from '../../core/types.ts';
import type { Subscription } from '../../store/types.ts';
import type { Publisher, PublishContext } from '../../scheduler/publisher.ts';
import { DISCORD_MARKUP, escapeDiscord } from './escape.ts';
import { contentMessages, renderDigest } from './render-digest.ts';
import { explainDiscordError } from './errors.ts';

const NONCE_MAX = 25;

/**
 * Every part gets its own nonce derived from the key, so a retry after a partly posted digest is
 * deduplicated part by part (within the minutes Discord remembers nonces).
 */
function nonceOf(key: string, part: number): string {
  return part === 0 ? key.slice(0, NONCE_MAX) : `${key.slice(0, NONCE_MAX - 1)}${part.toString(36)}`;
}

function messagesFor(subscription: Subscription, digest: Digest, context: PublishContext) {
  const topic = DISCORD_MARKUP.bold(escapeDiscord(subscription.topic));
  if (digest.items.length > 0) return renderDigest(digest, `Daily digest: ${topic} · ${context.localDate}`);
  return contentMessages(
    context.omittedItems > 0 ? `Nothing new on ${topic} since the last digest.` : `The articles say nothing about ${topic} yet.`,
  );
}

/** Posts scheduled digests to their channels through the bot's REST client. */
export function createDiscordPublisher(rest: REST, apiUrl: string): Publisher {
  return {
    async publish(subscription, digest, context) {
      const messages = messagesFor(subscription, digest, context);
      for (const [part, message] of messages.entries()) {
        const body = part < 36 ? { ...message, nonce: nonceOf(context.idempotencyKey, part), enforce_nonce: true } : message;
        try {
          await rest.post(Routes.channelMessages(subscription.channel), { body });
        } catch (err) {
          throw new Error(`posting to Discord channel ${subscription.channel} failed (part ${part + 1} of ${messages.length}): ${explainDiscordError(err, apiUrl)}`, { cause: err });
        }
      }
    },
  };
}
