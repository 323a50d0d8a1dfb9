import { Routes, type REST } from 'discord.js';
import type { Digest } from '../../core/types.ts';
import type { Subscription } from '../../store/types.ts';
import type { EarlierPost, Publisher, PublishContext } from '../../ports/publisher.ts';
import { DISCORD_MARKUP, escapeDiscord } from './escape.ts';
import { LIMITS, NO_MENTIONS, type DiscordMessage } from './limits.ts';
import { renderDigest } from './render-digest.ts';
import { splitText } from './split-text.ts';
import { explainDiscordError } from './errors.ts';
import { onceUntilFailure } from '../once-until-failure.ts';

const NONCE_MAX = 25;
/** How far back in the channel `findPosted` looks (Discord's most per request). */
const HISTORY_LIMIT = 100;
// Room for "\n-# ref <24 hex> · part 99 of 99" after a message's content.
const MARKER_ROOM = 48;

/**
 * Every part gets its own nonce derived from the key, so a retry after a partly posted digest is
 * deduplicated part by part (within the minutes Discord remembers nonces).
 */
function nonceOf(key: string, part: number): string {
  return part === 0 ? key.slice(0, NONCE_MAX) : `${key.slice(0, NONCE_MAX - 1)}${part.toString(36)}`;
}

/**
 * The line that lets `findPosted` recognise a digest's messages: Discord does not return a
 * message's nonce when it is fetched, so the key travels in the content, as subtext (`-#`,
 * small grey text) under the heading. Embeds would do too (a footer) but cost room in their
 * 6,000-character budget, and the one-line "nothing new" message has none.
 */
export function markerLine(key: string, part: number, total: number): string {
  return `-# ref ${key}${total > 1 ? ` · part ${part} of ${total}` : ''}`;
}

const MARKER = /^-# ref ([0-9a-zA-Z]{1,25})(?: · part (\d+) of (\d+))?$/m;

/** The key and part a message's content carries, if it is one of our digest's messages. */
export function readMarker(content: string): { key: string; part: number; total: number } | undefined {
  const m = MARKER.exec(content);
  if (!m) return undefined;
  return { key: m[1]!, part: m[2] ? Number(m[2]) : 1, total: m[3] ? Number(m[3]) : 1 };
}

function messagesFor(subscription: Subscription, digest: Digest, context: PublishContext): DiscordMessage[] {
  const topic = DISCORD_MARKUP.bold(escapeDiscord(subscription.topic));
  if (digest.items.length > 0) return renderDigest(digest, `Daily digest: ${topic} · ${context.localDate}`);
  const line = context.omittedItems > 0 ? `Nothing new on ${topic} since the last digest.` : `The articles say nothing about ${topic} yet.`;
  return splitText(line, LIMITS.content - MARKER_ROOM).map((content) => ({ content, allowed_mentions: NO_MENTIONS }));
}

function marked(message: DiscordMessage, marker: string): DiscordMessage {
  if (!message.content) return { ...message, content: marker };
  const room = LIMITS.content - marker.length - 1;
  const content = message.content.length <= room ? message.content : `${message.content.slice(0, room - 1)}…`;
  return { ...message, content: `${content}\n${marker}` };
}

interface FetchedMessage {
  author?: { id?: string };
  content?: string;
}

/** Posts scheduled digests to their channels through the bot's REST client. */
export function createDiscordPublisher(rest: REST, apiUrl: string): Publisher {
  const myId = onceUntilFailure(() => (rest.get(Routes.user()) as Promise<{ id: string }>).then((u) => u.id));
  return {
    async publish(subscription, digest, context) {
      const messages = messagesFor(subscription, digest, context);
      for (let part = context.resumeAt ?? 0; part < messages.length; part++) {
        const message = marked(messages[part]!, markerLine(context.idempotencyKey, part + 1, messages.length));
        const body = part < 36 ? { ...message, nonce: nonceOf(context.idempotencyKey, part), enforce_nonce: true } : message;
        try {
          await rest.post(Routes.channelMessages(subscription.channel), { body });
        } catch (err) {
          throw new Error(`posting to Discord channel ${subscription.channel} failed (part ${part + 1} of ${messages.length}): ${explainDiscordError(err, apiUrl)}`, { cause: err });
        }
      }
    },

    async findPosted(subscription, context): Promise<EarlierPost | null> {
      let recent: FetchedMessage[];
      try {
        const me = await myId();
        const fetched = (await rest.get(Routes.channelMessages(subscription.channel), { query: new URLSearchParams({ limit: String(HISTORY_LIMIT) }) })) as FetchedMessage[];
        recent = fetched.filter((m) => m.author?.id === me);
      } catch (err) {
        throw new Error(`reading Discord channel ${subscription.channel} failed: ${explainDiscordError(err, apiUrl)}`, { cause: err });
      }
      let found: EarlierPost | null = null;
      for (const message of recent) {
        const marker = readMarker(message.content ?? '');
        if (marker?.key !== context.idempotencyKey) continue;
        // Parts go out in order, each after the one before was accepted: the highest found counts them.
        if (!found || marker.part > found.parts) found = { parts: marker.part, total: marker.total };
      }
      return found;
    },
  };
}
