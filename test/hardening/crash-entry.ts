// The real bot (bootstrap + startBot, Discord and/or Slack from the environment) on a fake clock
// that this script moves, so days of scheduled digests pass in seconds. The crash test runs it as
// a child process and SIGKILLs it. Each finished tick prints `tick <ISO time>` on stdout, so a
// restart can carry on from where the killed process was; at CRASH_END it stops cleanly.
//   CRASH_START, CRASH_END: ISO instants; CRASH_STEP_MINUTES: fake minutes per tick.
import { bootstrap } from '../../src/app/bootstrap.ts';
import { startBot } from '../../src/app/run-bot.ts';

const start = Date.parse(process.env.CRASH_START ?? '');
const end = Date.parse(process.env.CRASH_END ?? '');
const step = Number(process.env.CRASH_STEP_MINUTES ?? 15) * 60_000;
if (!Number.isFinite(start) || !Number.isFinite(end) || !(step > 0)) throw new Error('crash-entry: set CRASH_START, CRASH_END and CRASH_STEP_MINUTES');

let now = start;
const app = await bootstrap(process.env);
// A cron that never fires: this script ticks, and waits for each tick's posts before moving time,
// so a post in flight never outlives its lease in fake time.
const bot = await startBot(app, { clock: { now: () => new Date(now) }, schedule: () => ({ stop() {} }) });
process.stdout.write(`started ${new Date(now).toISOString()}\n`);
while (now < end) {
  now = Math.min(end, now + step);
  await bot.tick();
  process.stdout.write(`tick ${new Date(now).toISOString()}\n`);
}
await bot.stop();
process.stdout.write('done\n');
process.exit(0);
