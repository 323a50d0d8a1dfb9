import { pino, type Logger } from 'pino';

/** The root logger: JSON lines on stderr, so stdout stays clean for digests and --json output. */
export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: ['*.token', '*.secret', 'token', 'secret', '*.authorization'], censor: '[redacted]' } }, pino.destination(2));
}
