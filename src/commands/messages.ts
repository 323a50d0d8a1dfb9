import type { ErrorCode } from './types.ts';

const TEXT: Record<ErrorCode, (d: Record<string, string>) => string> = {
  'unknown-command': (d) => `There is no command /${d.command}. Try /help for the list.`,
  'missing-option': (d) => `/${d.command} needs a ${d.option}, for example: ${d.example}`,
  'too-long': (d) => `The ${d.option} is too long: keep it under ${d.max} characters.`,
  'bad-choice': (d) => `"${d.value}" is not a ${d.option} I know. Choose one of: ${d.choices}.`,
  'empty-topic': () => 'Give a topic with at least one letter or digit, for example: /summary ghazni',
  'not-admin': (d) => `Only admins can run /${d.command}.`,
  'not-loaded': () => 'The articles are still loading. Try again in a moment.',
};

/** The one place where error codes become words a user reads. */
export function errorText(code: ErrorCode, detail: Record<string, string>): string {
  return TEXT[code](detail);
}
