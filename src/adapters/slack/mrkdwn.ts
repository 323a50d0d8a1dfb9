import type { Markup } from '../../commands/describe.ts';

// Control, zero-width and bidi-override characters: invisible in Slack, and able to hide or reorder
// what a reader sees. Line breaks go too: untrusted text stays on the line the layout gives it.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
// `&`, `<` and `>` are the only characters Slack decodes as entities; escaped, no text can form
// `<!channel>`, `<@U123>`, `<#C1>` or `<https://x|click>`.
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
// Slack has no backslash escape for *bold*, _italic_, ~strike~ and `code`: a zero-width space in
// front of a marker stops it opening or closing a span, at no visible cost. A marker between two
// letters or digits (snake_case, 3*4) can do neither, so it is left alone.
const FORMATTING = /(?<![\p{L}\p{N}])[*_~`]|[*_~`](?![\p{L}\p{N}])/gu;
// Slack may turn a bare "@here" into a mention where text is parsed; a word joiner keeps it a word.
const BROADCAST = /@(channel|here|everyone)\b/gi;

/** Text without control characters, for plain_text objects (which Slack shows as written). */
export function plainText(untrusted: string): string {
  return untrusted.replace(/[\t\n\r]+/g, ' ').replace(INVISIBLE, '');
}

/** Untrusted text (article or user) made inert for mrkdwn: no mention, link or formatting can come of it. */
export function escapeMrkdwn(untrusted: string): string {
  return plainText(untrusted)
    .replace(/[&<>]/g, (c) => ENTITIES[c]!)
    .replace(FORMATTING, '\u200b$&')
    .replace(BROADCAST, '@\u2060$1');
}

// The characters that would end a link early, percent-encoded; `&` as the entity Slack decodes.
const slackHref = (url: string) => url.replace(/[|<> ]/g, (c) => encodeURIComponent(c)).replace(/&/g, '&amp;');

/**
 * `<url|label>`. The URL must already be a checked http(s) URL (see `safeUrl`); the characters that
 * would end the link early are percent-encoded, and the label can hold no `|` or `>`.
 */
export function slackLink(label: string, url: string): string {
  return `<${slackHref(url)}|${escapeMrkdwn(label.replace(/\|/g, '/'))}>`;
}

/** How replies are marked up in Slack's mrkdwn. */
export const SLACK_MARKUP: Markup = {
  text: escapeMrkdwn,
  bold: (safe) => `*${safe}*`,
  code: (safe) => `\`${safe}\``,
  link: slackLink,
  url: (url) => `<${slackHref(url)}>`,
};
