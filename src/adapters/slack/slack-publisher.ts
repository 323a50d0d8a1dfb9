import type { webApi } from '@slack/bolt';
import type { Digest } from '../../core/types.ts';
import type { Subscription } from '../../store/types.ts';
import type { Publisher, PublishContext } from '../../scheduler/publisher.ts';
import { section, type SlackMessage } from './blocks.ts';
import { escapeMrkdwn } from './mrkdwn.ts';
import { renderDigest } from './render-digest.ts';

function scheduledMessages(subscription: Subscription, digest: Digest, context: PublishContext): SlackMessage[] {
  const topic = escapeMrkdwn(subscription.topic);
  if (digest.items.length > 0) {
    const subtitle = `Daily digest for ${context.localDate} (${subscription.time} ${subscription.timeZone})`;
    return renderDigest(digest, { subtitle });
  }
  const line =
    context.omittedItems > 0 ? `Nothing new on ${topic} since the last digest.` : `The articles say nothing about ${topic} yet.`;
  return [{ text: line, blocks: [section(line)] }];
}

/**
 * Posts scheduled digests with chat.postMessage, one message after another. Resolves once Slack
 * has accepted every message; any failure, `ok: false` included, rejects so the scheduler retries.
 * A retry in the same process resumes after the messages that already went out, so a digest
 * split in several messages is not repeated from its start.
 */
export function createSlackPublisher(client: webApi.WebClient): Publisher {
  const delivered = new Map<string, number>();
  return {
    async publish(subscription, digest, context) {
      const messages = scheduledMessages(subscription, digest, context);
      let sent = delivered.get(context.idempotencyKey) ?? 0;
      for (const message of messages.slice(sent)) {
        const result = await client.chat.postMessage({
          channel: subscription.channel,
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
          unfurl_media: false,
        });
        if (!result.ok) throw new Error(`chat.postMessage failed: ${result.error ?? 'unknown error'}`);
        delivered.set(context.idempotencyKey, ++sent);
      }
      delivered.delete(context.idempotencyKey);
    },
  };
}
