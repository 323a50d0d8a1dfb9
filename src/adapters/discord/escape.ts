import type { Markup } from '../../commands/describe.ts';

// Control and bidi characters can hide or reorder text; line breaks would let article text start
// a heading, quote or list of its own.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]+/g;
const MARKDOWN = /[\\*_~`|[\]<>#]/g;
const ZWJ = '\u200d';

/**
 * Makes article or user text inert in Discord markdown: formatting characters are escaped and
 * mention syntax is broken with a zero-width joiner, so the text shows as written and can never
 * ping, even if a message were ever sent without `allowed_mentions`.
 */
export function escapeDiscord(untrusted: string): string {
  return untrusted
    .replace(CONTROL, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(MARKDOWN, (c) => `\\${c}`)
    .replace(/^([-+])(?= )/, '\\$1')
    .replace(/^(\d+)\.(?= )/, '$1\\.')
    .replace(/@(everyone|here)/gi, `@${ZWJ}$1`)
    .replace(/<(?=[@#/:]|a:|t:)/g, `<${ZWJ}`);
}

/** Keeps a URL inside the parentheses of a masked link: `(`, `)` and spaces would end it early. */
function linkTarget(url: string): string {
  return url.replace(/[()<>\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** Discord markdown for the shared reply wording. */
export const DISCORD_MARKUP: Markup = {
  text: escapeDiscord,
  bold: (safe) => `**${safe}**`,
  code: (safe) => `\`${safe.replace(/`/g, "'")}\``,
  link: (label, url) => `[${escapeDiscord(label)}](${linkTarget(url)})`,
  // Inside <…> Discord applies no markdown and shows no preview: a list of feeds stays a list.
  url: (url) => `<${linkTarget(url)}>`,
};
