import { readCliArgs, type CliSpec } from './cli-args.ts';
import { oneShot } from './one-shot.ts';

const SPEC: CliSpec = {
  name: 'topics',
  usage: 'usage: npm run topics -- [--json]',
  help: `Lists what the loaded articles are about, with article counts.

options:
  --json      the topics as JSON
  -h, --help  this help

example:
  npm run --silent topics -- --json

exit codes: 0 the list; 2 a wrong invocation; 1 any other error, such as a bad setting.`,
  options: { json: { type: 'boolean' } },
  positionals: false,
};

const args = readCliArgs(SPEC);
if (args) await oneShot(SPEC, {}, Boolean(args.values.json));
