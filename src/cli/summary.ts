import { readCliArgs, usageError, type CliSpec } from './cli-args.ts';
import { oneShot } from './one-shot.ts';

const SPEC: CliSpec = {
  name: 'summary',
  usage: 'usage: npm run summary -- <topic words> [--length short|medium|long] [--since 24h|7d|2026-12-01] [--json]',
  help: `Prints a digest of what the loaded articles say about a topic.

options:
  --length short|medium|long  how long a digest (default medium)
  --since SPAN|DATE           only articles published since then: 90m, 24h, 7d, 2w, or a
                              date such as 2026-12-01 (from its start, UTC)
  --json                      the digest as JSON
  -h, --help                  this help

examples:
  npm run --silent summary -- ghazni
  npm run --silent summary -- kandahar prison --length long --json
  npm run --silent summary -- ghazni --since 7d

exit codes: 0 a digest; 2 nothing found about the topic (suggestions are in the output), or a
wrong invocation; 1 any other error, such as a bad setting.`,
  options: { length: { type: 'string' }, since: { type: 'string' }, json: { type: 'boolean' } },
  positionals: true,
};

const args = readCliArgs(SPEC);
if (args && args.positionals.length === 0) usageError(SPEC, 'no topic given');
else if (args) await oneShot(SPEC, { topic: args.positionals.join(' '), length: args.values.length as string | undefined, since: args.values.since as string | undefined }, Boolean(args.values.json));
