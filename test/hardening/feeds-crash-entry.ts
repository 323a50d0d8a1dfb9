// The real bot (bootstrap + startBot, the terminal's publisher: no chat tokens) following the feeds
// of FEEDS_FILE. The feeds crash test runs it as a child process and SIGKILLs it mid-poll. Once every
// feed has been read successfully it stops cleanly and prints `done` on stdout.
import { bootstrap } from '../../src/app/bootstrap.ts';
import { startBot } from '../../src/app/run-bot.ts';

const app = await bootstrap(process.env);
// A cron that never fires: no digests here, only feeds.
const bot = await startBot(app, { schedule: () => ({ stop() {} }) });
process.stdout.write('started\n');
for (;;) {
  const feeds = await app.deps.feeds!.list();
  if (feeds.length > 0 && feeds.every((f) => f.state.lastSuccessAt !== undefined)) break;
  await new Promise((r) => setTimeout(r, 50));
}
await bot.stop();
process.stdout.write('done\n');
process.exit(0);
