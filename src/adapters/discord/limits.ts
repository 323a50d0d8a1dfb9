import type { APIEmbed } from 'discord.js';

/** Discord's message limits (https://discord.com/developers/docs/resources/message#create-message). */
export const LIMITS = {
  content: 2000,
  description: 4096,
  title: 256,
  footer: 2048,
  /** Title, description and footer of every embed of one message, added up. */
  embedTotal: 6000,
  embeds: 10,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

/** Nothing in any message this bot sends may ping: not users, roles, @everyone nor @here. */
export const NO_MENTIONS = { parse: [] as never[] } as const;

/** One message as Discord's API takes it; `allowed_mentions` is required so it cannot be forgotten. */
export interface DiscordMessage {
  content?: string;
  embeds?: APIEmbed[];
  allowed_mentions: typeof NO_MENTIONS;
}

/** The characters of an embed that count toward the 6,000 a message may carry. */
export function embedLength(embed: APIEmbed): number {
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0);
}
