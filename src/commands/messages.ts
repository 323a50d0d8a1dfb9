import type { ErrorCode } from './types.ts';

type Detail = Record<string, string>;

// Errors about typed arguments end with how to type them, and arguments that work where there are any.
const usage = (d: Detail) => `Usage: ${d.usage}${d.example ? `, for example: ${d.example}` : ''}`;
const maybe = (suggestion: string | undefined) => (suggestion ? ` Did you mean ${suggestion}?` : '');
const a = (word: string | undefined) => `${/^[aeiou]/i.test(word ?? '') ? 'an' : 'a'} ${word}`;
const FEED_EXAMPLE = '/feed add https://example.com/feed.xml';

const TEXT: Record<ErrorCode, (d: Detail) => string> = {
  'not-a-command': () => 'That is not a command. Commands start with /, e.g. /summary ghazni; /help lists them.',
  'unknown-command': (d) => `There is no command /${d.command}.${maybe(d.suggestion && `/${d.suggestion}`)} /help lists them.`,
  'unknown-option': (d) => `/${d.command} has no option --${d.option}.${maybe(d.suggestion && `--${d.suggestion}`)} ${usage(d)}`,
  'missing-value': (d) => `--${d.option} needs a value after it. ${usage(d)}`,
  'unexpected-words': (d) =>
    `Unexpected extra ${d.count === '1' ? 'word' : 'words'} "${d.words}"${d.after ? ` after the ${d.after}` : ''}. ${usage(d)}`,
  'missing-option': (d) => `/${d.command} needs ${a(d.option)}. ${usage(d)}`,
  'too-long': (d) => `The ${d.option} is too long: keep it under ${d.max} characters.`,
  'bad-choice': (d) => `"${d.value}" is not ${a(d.option)} I know. Choose one of: ${d.choices}.`,
  'empty-topic': () => 'A topic needs at least one letter or digit, as in ghazni.',
  'not-admin': (d) => `Only admins can run /${d.command}.`,
  'not-operator': () => "Only the bot's operators can change feeds: the articles are shared by every server the bot is in. Ask whoever runs the bot.",
  'not-loaded': () => 'The articles are still loading. Try again in a moment.',
  'bad-time': (d) => `"${d.value}" is not a time of day. Use a 24-hour time like 7:30, 07:30 or 19:30.`,
  'bad-since': (d) =>
    `"${d.value}" is not a time span or a date. Use minutes, hours, days or weeks back from now, like 90m, 24h, 7d or 2w, or a date like 2026-12-01 (from its start, UTC)${d.example ? `, for example: ${d.example}` : ''}.`,
  'bad-time-zone': (d) => `"${d.value}" is not a time zone I know.${maybe(d.suggestion)} Use an IANA name such as ${d.example} or America/New_York.`,
  'no-store': (d) => `${d.feature ?? 'Daily digests'} are not available: this bot runs without a database.`,
  'rate-limited': (d) => `You're asking faster than I can answer. Try again in ${d.seconds} s.`,
  'feed-needs-url': () => `/feed add needs the feed's address. Example: ${FEED_EXAMPLE} Example News`,
  'feed-bad-url': (d) => `${d.value} is not an http or https address.${maybe(d.suggestion)} Example: ${FEED_EXAMPLE}`,
  'feed-not-added': (d) => `Could not follow ${d.url}: ${d.reason}`,
  'feed-needs-feed': () => '/feed remove needs a feed: its name, id or address, as /feed list shows them.',
  'feed-unknown': (d) => `No feed "${d.feed}" is followed.${d.known ? ` The feeds are: ${d.known}.` : ' There are none yet.'}`,
  'feed-in-config': (d) => `"${d.feed}" comes from the feeds file: remove it there (the bot reads the file when it starts).`,
  'failed': () => 'Something went wrong on my side; the problem was logged. Please try again later.',
};

/**
 * The one place where error codes become words a user reads. Details can hold what the user
 * typed, so each platform passes its own escaping for them.
 */
export function errorText(code: ErrorCode, detail: Detail, escape: (text: string) => string = (t) => t): string {
  const safe = Object.fromEntries(Object.entries(detail).map(([k, v]) => [k, escape(v)]));
  return TEXT[code](safe);
}
