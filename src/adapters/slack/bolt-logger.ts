import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from 'pino';

// Slack tokens have fixed prefixes; Bolt and the Web API client already redact most of what they
// log, and this catches what they miss (a token inside an error message, say).
const TOKEN = /\bx(?:ox[abposre]|app)-[\w-]+/g;

function show(value: unknown): string {
  if (value instanceof Error) return value.message;
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

const LEVELS: Record<string, LogLevel> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
};

/**
 * Bolt's logger interface on top of a pino logger. The level stays the pino logger's (the
 * config's): Bolt's `setLevel` calls are ignored, and `getLevel` reports pino's so Bolt skips
 * work for messages nobody will see. `secrets` are masked wherever they appear.
 */
export function boltLogger(logger: Logger, secrets: readonly string[] = []): BoltLogger {
  const known = secrets.filter((s) => s.length >= 8);
  const scrub = (text: string) => known.reduce((t, s) => t.split(s).join('[redacted]'), text.replace(TOKEN, '[redacted]'));
  const forward = (level: 'debug' | 'info' | 'warn' | 'error') => (...msg: unknown[]) => {
    if (!logger.isLevelEnabled(level)) return;
    const err = msg.find((m): m is Error => m instanceof Error);
    const text = scrub(msg.map(show).join(' '));
    if (err) logger[level]({ err: { type: err.name, message: scrub(err.message), code: (err as { code?: unknown }).code } }, text);
    else logger[level](text);
  };
  return {
    debug: forward('debug'),
    info: forward('info'),
    warn: forward('warn'),
    error: forward('error'),
    setLevel: () => {},
    getLevel: () => LEVELS[logger.level] ?? LogLevel.ERROR,
    setName: () => {},
  };
}
