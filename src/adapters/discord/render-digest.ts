import type { APIEmbed } from 'discord.js';
import type { Digest, DigestItem } from '../../core/types.ts';
import { digestCounts, digestTitle, disagreementText, emptyDigestText, sourcePieces, sourceText } from '../../commands/describe.ts';
import { DISCORD_MARKUP, escapeDiscord } from './escape.ts';
import { LIMITS, NO_MENTIONS, type DiscordMessage } from './limits.ts';
import { splitText } from './split-text.ts';

const COLOR = 0x3b82f6;

/** Plain-text messages, split at line, sentence or word boundaries under the content limit. */
export function contentMessages(text: string): DiscordMessage[] {
  return splitText(text, LIMITS.content).map((content) => ({ content, allowed_mentions: NO_MENTIONS }));
}

function itemBlock(item: DigestItem, n: number): string {
  const lines = [
    `**${n}.** ${escapeDiscord(item.text)}`,
    `Sources: ${sourcePieces(item, (s) => sourceText(s, DISCORD_MARKUP)).join(' · ')}`,
  ];
  if (item.disagreement) lines.push(`⚠️ ${disagreementText(item.disagreement, DISCORD_MARKUP)}`);
  return lines.join('\n');
}

const shorten = (text: string, max: number) => splitText(text, max - 1).map((c, i, all) => (i === 0 && all.length > 1 ? `${c}…` : c))[0] ?? '';

/**
 * Lays descriptions out in embeds and messages. Every message keeps room for the title and the
 * footer, so whichever message ends up carrying them stays under the 6,000-character total.
 */
function pack(pieces: string[], messageRoom: number): string[][] {
  const messages: string[][] = [[]];
  let current = messages[0]!;
  let used = 0;
  let description = '';
  for (const piece of pieces) {
    const joined = description ? `${description}\n\n${piece}` : piece;
    if (joined.length <= LIMITS.description && used + joined.length <= messageRoom) {
      description = joined;
      continue;
    }
    if (description) {
      current.push(description);
      used += description.length;
    }
    if (current.length === LIMITS.embeds || used + piece.length > messageRoom) {
      messages.push((current = []));
      used = 0;
    }
    description = piece;
  }
  if (description) current.push(description);
  return messages.filter((m) => m.length > 0);
}

/**
 * A digest as Discord messages of embeds: the topic as the first embed's title, one numbered
 * entry per item with its sources as links, and the counts in the last embed's footer. Items are
 * split across embeds and messages at Discord's limits, at line, sentence or word boundaries.
 * `heading` (already safe markdown) becomes the first message's content.
 */
export function renderDigest(digest: Digest, heading?: string): DiscordMessage[] {
  if (digest.items.length === 0) return contentMessages([heading, emptyDigestText(digest, DISCORD_MARKUP)].filter(Boolean).join('\n'));
  const title = shorten(escapeDiscord(digestTitle(digest)), LIMITS.title);
  const footer = { text: shorten(digestCounts(digest), LIMITS.footer) };
  const messageRoom = LIMITS.embedTotal - title.length - footer.text.length;
  const pieceMax = Math.min(LIMITS.description, messageRoom);
  const pieces = digest.items.flatMap((item, i) => splitText(itemBlock(item, i + 1), pieceMax));
  const layout = pack(pieces, messageRoom);
  const messages = layout.map((descriptions): DiscordMessage => ({
    embeds: descriptions.map((description): APIEmbed => ({ description, color: COLOR })),
    allowed_mentions: NO_MENTIONS,
  }));
  messages[0]!.embeds![0]!.title = title;
  messages.at(-1)!.embeds!.at(-1)!.footer = footer;
  if (heading) messages[0]!.content = shorten(heading, LIMITS.content);
  return messages;
}
