// The real bot (bootstrap + startBot from the environment) with a few levers on stdin for the
// secrets test: `break-store` closes the real SQLite store under the running bot, so commands that
// need it throw; `crash` leaves a failed Discord REST call unhandled, so the process dies of an
// uncaught error from a platform library, with its request in it, the way a bug would kill it.
import { createInterface } from 'node:readline';
import { REST, Routes } from 'discord.js';
import { bootstrap } from '../../src/app/bootstrap.ts';
import { startBot } from '../../src/app/run-bot.ts';

const app = await bootstrap(process.env);
const bot = await startBot(app);
process.stdout.write(`ready ${bot.slackPort ?? ''}\n`);
for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'break-store') {
    await (app.deps.subscriptions!.store as unknown as { close(): Promise<void> }).close();
    process.stdout.write('store closed\n');
  }
  if (line === 'crash') {
    const rest = new REST({ api: app.config.DISCORD_API_URL, version: '10', retries: 0 }).setToken(app.config.DISCORD_TOKEN!);
    void rest.get(Routes.channel('1')).then(() => process.stdout.write('not crashed\n'));
  }
}
