// Backs up the subscriptions and the delivery log: `npm run backup -- FILE`. Safe while the bot
// runs; restore by stopping the bot and putting the copy at DATA_DIR/digests.sqlite.
import 'dotenv/config';
import { resolve } from 'node:path';
import { parseConfig } from '../config/env.ts';
import { defaultDatabasePath } from '../store/open-store.ts';
import { backupDatabase } from '../store/sqlite/backup.ts';
import { readCliArgs, usageError, type CliSpec } from './cli-args.ts';

const SPEC: CliSpec = {
  name: 'backup',
  usage: 'usage: npm run backup -- FILE',
  help: `Copies DATA_DIR/digests.sqlite (subscriptions and the delivery log) to FILE, safely while the bot runs.

example:
  npm run backup -- backups/digests-$(date +%F).sqlite

exit codes: 0 copied; 2 a wrong invocation; 1 any other error, such as no database yet or FILE already there.`,
  options: {},
  positionals: true,
};

const args = readCliArgs(SPEC);
if (args && args.positionals.length !== 1) usageError(SPEC, 'give one file to write the copy to');
else if (args) {
  try {
    const config = parseConfig(process.env);
    if (config.DATABASE_URL) throw new Error('the store is PostgreSQL (DATABASE_URL); back it up with pg_dump');
    const source = defaultDatabasePath(resolve(config.DATA_DIR));
    const destination = resolve(args.positionals[0]!);
    await backupDatabase(source, destination);
    console.log(`backed up ${source} to ${destination}`);
  } catch (err) {
    console.error(`backup: ${(err as Error).message}`);
    process.exitCode = 1;
  }
}
