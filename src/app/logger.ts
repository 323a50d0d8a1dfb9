import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { SECRET_KEYS } from '../config/env.ts';

// Belt and braces: secrets are never passed to the logger, but if one is, it is censored.
const REDACT = ['token', 'secret', 'signingSecret', 'botToken', 'appToken', 'authorization', ...SECRET_KEYS].flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

/**
 * The root logger: JSON lines on stderr, so stdout stays clean for digests and --json output.
 * In a terminal the lines are pretty-printed instead, in the same process (no worker thread).
 * With `file`, JSON lines are appended there instead (its folder is made when missing).
 */
export function createLogger(level: string, options: { pretty?: boolean; file?: string } = {}): Logger {
  const usePretty = !options.file && (options.pretty ?? Boolean(process.stderr.isTTY));
  const destination = options.file
    ? pino.destination({ dest: options.file, mkdir: true, append: true })
    : usePretty
      ? pretty({ destination: 2, sync: true, colorize: true })
      : pino.destination(2);
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' } }, destination);
}
