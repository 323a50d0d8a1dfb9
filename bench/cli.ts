/**
 * Argument handling shared by the bench commands, so they all behave like the bot's own CLIs:
 * `--help` prints the usage on stdout and exits 0; a usage error names the flag on stderr and exits 2
 * (exit 1 stays for runs that went wrong); stdout carries data only.
 */
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DEFAULT_DATA_DIR, listClusterIds, missingDataMessage } from './eval-data.ts';

type Options = NonNullable<ParseArgsConfig['options']>;
type Values<O extends Options> = ReturnType<typeof parseArgs<{ options: O; strict: true; allowPositionals: false }>>['values'];

export interface Command<O extends Options> {
  /** As the user types it, e.g. `bench:quality`; starts every error message. */
  name: string;
  /** The full --help text, examples included. */
  usage: string;
  options: O;
}

/** Prints a usage error with the way to the help, and exits 2. */
export function usageError(name: string, message: string): never {
  process.stderr.write(`${name}: ${message}\nRun it with --help for usage.\n`);
  process.exit(2);
}

/** Stops a run that cannot go on, for a reason the user can fix: the reason, no stack trace, exit 1. */
export function fail(name: string, message: string): never {
  process.stderr.write(`${name}: ${message}\n`);
  process.exit(1);
}

/** The evaluation folder of --data, else the default; a run stops here when it has no clusters. */
export function dataDirFlag(name: string, value: string | undefined): string {
  const dir = value === undefined ? DEFAULT_DATA_DIR : resolve(value);
  if (listClusterIds(dir).length === 0) fail(name, missingDataMessage(dir));
  return dir;
}

/** Parses process.argv strictly: unknown flags and stray arguments are usage errors. */
export function parseCli<O extends Options>(command: Command<O>, args = process.argv.slice(2)): Values<O> {
  const options = { ...command.options, help: { type: 'boolean', short: 'h' } } as const;
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args, options, strict: true, allowPositionals: false }));
  } catch (err) {
    // Node's message for an unknown flag goes on about positionals after `--`, which no bench takes.
    usageError(command.name, (err as Error).message.replace(/\. To specify a positional.*$/s, '.'));
  }
  if (values.help) {
    process.stdout.write(command.usage.endsWith('\n') ? command.usage : `${command.usage}\n`);
    process.exit(0);
  }
  return values as Values<O>;
}

/** A flag's value as a whole number of at least `min`, or a usage error naming the flag. */
export function intFlag(name: string, flag: string, value: string | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min) {
    usageError(name, `--${flag} must be ${min === 1 ? 'a positive integer' : 'an integer'}, got ${value}`);
  }
  return n;
}
