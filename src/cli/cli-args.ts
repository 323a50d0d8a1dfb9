import { parseArgs, type ParseArgsConfig } from 'node:util';

/** What a script takes, in shell terms: `npm run summary -- <topic words> ...`. */
export interface CliSpec {
  name: string;
  /** One line, starting "usage: ". */
  usage: string;
  /** The rest of --help: what it does, the options, examples, exit codes. */
  help: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Whether words other than options are taken (the topic). */
  positionals: boolean;
}

export interface CliArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/**
 * Reads the arguments as a Unix tool does: --help/-h prints usage on stdout; an unknown or
 * malformed option is a usage error. Undefined when the script should stop (exit code set).
 */
export function readCliArgs(spec: CliSpec, args = process.argv.slice(2)): CliArgs | undefined {
  const options = { ...spec.options, help: { type: 'boolean', short: 'h' } } as const;
  // A loose pass first, to name an unknown option as typed rather than in Node's wording.
  const { tokens } = parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true });
  const unknown = tokens.find((t) => t.kind === 'option' && !(t.name in options));
  if (unknown?.kind === 'option') return void usageError(spec, `unknown option ${unknown.rawName}`);
  let parsed: CliArgs;
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: spec.positionals });
  } catch (err) {
    return void usageError(spec, (err as Error).message);
  }
  if (parsed.values.help) {
    process.stdout.write(`${spec.usage}\n\n${spec.help}\n`);
    return undefined;
  }
  return parsed;
}

/** A wrong invocation: the problem and the usage on stderr, exit code 2. */
export function usageError(spec: CliSpec, problem: string): void {
  process.stderr.write(`${spec.name}: ${problem}\n${spec.usage}\nTry 'npm run ${spec.name} -- --help' for more.\n`);
  process.exitCode = 2;
}
