import { setTimeout as sleep } from 'node:timers/promises';
import { webApi } from '@slack/bolt';
import type { Digest } from '../../core/types.ts';
import type { Subscription } from '../../store/types.ts';
import type { EarlierPost, Publisher, PublishContext } from '../../ports/publisher.ts';
import { section, type SlackMessage } from './blocks.ts';
import { escapeMrkdwn } from './mrkdwn.ts';
import { renderDigest } from './render-digest.ts';
import { onceUntilFailure } from '../once-until-failure.ts';

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

/** The message metadata event that marks a scheduled digest's messages; Slack does not show it. */
export const POSTED_EVENT = 'news_digest_posted';
/** How far back in the channel `findPosted` looks: a retry comes minutes to hours after the post. */
const HISTORY_LIMIT = 100;

interface HistoryMessage {
  user?: string;
  bot_id?: string;
  metadata?: { event_type?: string; event_payload?: { key?: unknown; part?: unknown; parts?: unknown } };
}

/** How the publisher answers Slack's rate limits; see WebApiPolicy.maxRetryAfterMs. */
export interface RateLimitPolicy {
  maxRetryAfterMs: number;
}

/** Slack rate-limited a call and asked for a wait longer than a post may take; the scheduler retries later. */
export class SlackRateLimitedError extends Error {
  constructor(readonly method: string, readonly retryAfterMs: number) {
    super(`${method} was rate limited: Slack asked to wait ${retryAfterMs / 1000} s, longer than a post waits; left to the scheduler's retry`);
    this.name = 'SlackRateLimitedError';
  }
}

function retryAfterMs(err: unknown): number | undefined {
  const e = err as { code?: unknown; retryAfter?: unknown };
  return e?.code === webApi.ErrorCode.RateLimitedError && typeof e.retryAfter === 'number' ? e.retryAfter * 1000 : undefined;
}

/**
 * One Web API call under the rate-limit policy (the client is built with
 * `rejectRateLimitedCalls`, so a 429 rejects at once): a short Retry-After is waited out and the
 * call made once more; a long one, or a second 429, rejects.
 */
async function withRateLimit<T>(method: string, policy: RateLimitPolicy, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    const wait = retryAfterMs(err);
    if (wait === undefined) throw err;
    if (wait > policy.maxRetryAfterMs) throw new SlackRateLimitedError(method, wait);
    await sleep(wait);
  }
  try {
    return await call();
  } catch (err) {
    const wait = retryAfterMs(err);
    throw wait === undefined ? err : new SlackRateLimitedError(method, wait);
  }
}

/**
 * Posts scheduled digests with chat.postMessage, one message after another. Resolves once Slack
 * has accepted every message; any failure, `ok: false` included, rejects so the scheduler retries.
 * chat.postMessage has no idempotency key, so every message carries the digest's key, its part
 * number and the number of parts as message metadata, which `findPosted` reads back with
 * conversations.history (scopes `channels:history`, `groups:history`). A retry resumes after the
 * messages that already went out: those this process saw accepted, or those found in the channel.
 */
export function createSlackPublisher(client: webApi.WebClient, rateLimits: RateLimitPolicy = { maxRetryAfterMs: 10_000 }): Publisher {
  const delivered = new Map<string, number>();
  const whoAmI = onceUntilFailure(() =>
    withRateLimit('auth.test', rateLimits, () => client.auth.test()).then((r): { user?: string; bot?: string } => ({
      ...(r.user_id ? { user: r.user_id } : {}),
      ...(r.bot_id ? { bot: r.bot_id } : {}),
    })),
  );
  return {
    async publish(subscription, digest, context) {
      const messages = scheduledMessages(subscription, digest, context);
      let sent = Math.max(delivered.get(context.idempotencyKey) ?? 0, context.resumeAt ?? 0);
      for (const message of messages.slice(sent)) {
        const part = sent + 1;
        const result = await withRateLimit('chat.postMessage', rateLimits, () =>
          client.chat.postMessage({
            channel: subscription.channel,
            text: message.text,
            blocks: message.blocks,
            unfurl_links: false,
            unfurl_media: false,
            metadata: { event_type: POSTED_EVENT, event_payload: { key: context.idempotencyKey, part, parts: messages.length } },
          }),
        );
        if (!result.ok) throw new Error(`chat.postMessage failed: ${result.error ?? 'unknown error'}`);
        delivered.set(context.idempotencyKey, ++sent);
      }
      delivered.delete(context.idempotencyKey);
    },

    async findPosted(subscription, context): Promise<EarlierPost | null> {
      const me = await whoAmI();
      const result = await withRateLimit('conversations.history', rateLimits, () =>
        client.conversations.history({ channel: subscription.channel, limit: HISTORY_LIMIT, include_all_metadata: true }),
      );
      if (!result.ok) throw new Error(`conversations.history failed: ${result.error ?? 'unknown error'}`);
      let found: EarlierPost | null = null;
      for (const message of (result.messages ?? []) as HistoryMessage[]) {
        const mine = (me.bot !== undefined && message.bot_id === me.bot) || (me.user !== undefined && message.user === me.user);
        const payload = message.metadata?.event_type === POSTED_EVENT ? message.metadata.event_payload : undefined;
        if (!mine || payload?.key !== context.idempotencyKey) continue;
        const part = Number(payload.part);
        const total = Number(payload.parts);
        if (!Number.isInteger(part) || !Number.isInteger(total) || part < 1) continue;
        // Parts go out in order and each only after the one before was accepted: the highest one
        // found tells how many are there.
        if (!found || part > found.parts) found = { parts: part, total };
      }
      return found;
    },
  };
}
