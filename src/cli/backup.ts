// Backs up the subscriptions and the delivery log: `npm run backup -- FILE`. Safe while the bot
// runs; restore by stopping the bot and putting the copy at DATA_DIR/digests.sqlite.
import 'dotenv/config';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseConfig } from '../config/env.ts';
import { defaultDatabasePath } from '../store/open-store.ts';
import { backupDatabase } from '../store/sqlite/backup.ts';

const USAGE = `usage: npm run backup -- FILE

Copies DATA_DIR/digests.sqlite (subscriptions and the delivery log) to FILE, safely while the bot runs.
example: npm run backup -- backups/digests-$(date +%F).sqlite`;

let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
} catch (err) {
  console.error(`backup: ${(err as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
if (parsed.values.help) {
  console.log(USAGE);
} else if (parsed.positionals.length !== 1) {
  console.error(`backup: give one file to write the copy to\n\n${USAGE}`);
  process.exitCode = 2;
} else {
  try {
    const config = parseConfig(process.env);
    const source = defaultDatabasePath(resolve(config.DATA_DIR));
    const destination = resolve(parsed.positionals[0]!);
    await backupDatabase(source, destination);
    console.log(`backed up ${source} to ${destination}`);
  } catch (err) {
    console.error(`backup: ${(err as Error).message}`);
    process.exitCode = 1;
  }
}
