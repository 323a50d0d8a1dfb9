/** Discord's documented message limits, written out again here so a renderer bug cannot hide in a shared constant. */
export const DISCORD_MAX = { content: 2000, embeds: 10, title: 256, description: 4096, footer: 2048, total: 6000, nonce: 25 } as const;

interface EmbedLike {
  title?: string;
  description?: string;
  footer?: { text?: string };
  fields?: { name?: string; value?: string }[];
  author?: { name?: string };
}

export interface MessageBody {
  content?: string;
  embeds?: EmbedLike[];
  allowed_mentions?: { parse?: string[]; users?: string[]; roles?: string[] };
  flags?: number;
  nonce?: string | number;
  enforce_nonce?: boolean;
}

export const EMPTY_MESSAGE = 'Cannot send an empty message';

const len = (s: string | undefined) => s?.length ?? 0;

/** The characters Discord counts toward the 6,000 a message's embeds may carry together. */
export function embedChars(embed: EmbedLike): number {
  const fields = (embed.fields ?? []).reduce((n, f) => n + len(f.name) + len(f.value), 0);
  return len(embed.title) + len(embed.description) + len(embed.footer?.text) + len(embed.author?.name) + fields;
}

/**
 * What Discord would refuse in a message body, as `path: problem` lines (empty when valid).
 * `partial` is for edits, which may leave out content and embeds.
 */
export function messageProblems(body: MessageBody, partial = false): string[] {
  const problems: string[] = [];
  if (body.content !== undefined && body.content.length > DISCORD_MAX.content) problems.push(`content: Must be ${DISCORD_MAX.content} or fewer in length.`);
  const embeds = body.embeds ?? [];
  if (embeds.length > DISCORD_MAX.embeds) problems.push(`embeds: Must be ${DISCORD_MAX.embeds} or fewer in length.`);
  embeds.forEach((e, i) => {
    if (len(e.title) > DISCORD_MAX.title) problems.push(`embeds.${i}.title: Must be ${DISCORD_MAX.title} or fewer in length.`);
    if (len(e.description) > DISCORD_MAX.description) problems.push(`embeds.${i}.description: Must be ${DISCORD_MAX.description} or fewer in length.`);
    if (len(e.footer?.text) > DISCORD_MAX.footer) problems.push(`embeds.${i}.footer.text: Must be ${DISCORD_MAX.footer} or fewer in length.`);
  });
  if (embeds.reduce((n, e) => n + embedChars(e), 0) > DISCORD_MAX.total) problems.push(`embeds: Embed size exceeds maximum size of ${DISCORD_MAX.total}`);
  if (body.nonce !== undefined && String(body.nonce).length > DISCORD_MAX.nonce) problems.push(`nonce: Must be ${DISCORD_MAX.nonce} or fewer in length.`);
  if (!partial && !body.content && embeds.length === 0) problems.push(EMPTY_MESSAGE);
  return problems;
}
