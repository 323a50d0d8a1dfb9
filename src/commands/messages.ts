import type { ErrorCode } from './types.ts';

type Detail = Record<string, string>;

const TEXT: Record<ErrorCode, (d: Detail) => string> = {
  'unknown-command': (d) => `There is no command /${d.command}. Try /help for the list.`,
  'missing-option': (d) => `/${d.command} needs a ${d.option}, for example: ${d.example}`,
  'too-long': (d) => `The ${d.option} is too long: keep it under ${d.max} characters.`,
  'bad-choice': (d) => `"${d.value}" is not a ${d.option} I know. Choose one of: ${d.choices}.`,
  'empty-topic': () => 'Give a topic with at least one letter or digit, for example: /summary ghazni',
  'not-admin': (d) => `Only admins can run /${d.command}.`,
  'not-loaded': () => 'The articles are still loading. Try again in a moment.',
  'bad-time': (d) => `"${d.value}" is not a time of day. Use 24-hour HH:MM, for example ${d.example}.`,
  'bad-time-zone': (d) => `"${d.value}" is not a time zone I know. Use an IANA name such as ${d.example} or America/New_York.`,
  'no-store': () => 'Daily digests are not available: this bot runs without a database.',
  'rate-limited': (d) => `You're asking faster than I can answer. Try again in ${d.seconds} s.`,
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
