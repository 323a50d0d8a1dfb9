/**
 * One bot process of bench:schedule (bench/schedule.ts forks it): the bot as `npm start` runs
 * it (bootstrap, then startBot, with the settings in its environment), except that its minute
 * ticks start when the bench says `tick` rather than at the next whole minute, so that every
 * process starts the round at the same moment, and that its store calls are timed.
 */
import { bootstrap } from '../src/app/bootstrap.ts';
import { startBot } from '../src/app/run-bot.ts';
import type { ScheduleFn } from '../src/scheduler/scheduler.ts';
import { PgStore } from '../src/store/postgres/pg-store.ts';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import { StoreTiming, type StoreTimingReport } from './store-timing.ts';

export type BotRequest = { type: 'tick'; at: number } | { type: 'stats'; to: number } | { type: 'stop' };
export type BotReply = { type: 'ready' } | { type: 'stats'; store: StoreTimingReport; cpuMs: number } | { type: 'failed'; error: string };

const send = (reply: BotReply) => process.send!(reply);
const timing = new StoreTiming();
timing.wrap(SqliteStore.prototype);
timing.wrap(PgStore.prototype);

const jobs: (() => void)[] = [];
let minutes: NodeJS.Timeout | undefined;
// A cron that fires only from the bench's `tick` on, then every minute as node-cron would.
const schedule: ScheduleFn = (_expression, run) => {
  jobs.push(run);
  return { stop: () => void jobs.splice(jobs.indexOf(run), 1) };
};

try {
  const app = await bootstrap(process.env, { defaultLogLevel: 'warn' });
  const bot = await startBot(app, { schedule });
  const cpuAtTick = { value: process.cpuUsage() };
  process.on('message', (message: BotRequest) => {
    if (message.type === 'tick') {
      timing.from = message.at;
      cpuAtTick.value = process.cpuUsage();
      const tick = () => jobs.forEach((run) => run());
      tick();
      minutes = setInterval(tick, 60_000);
    } else if (message.type === 'stats') {
      const cpu = process.cpuUsage(cpuAtTick.value);
      send({ type: 'stats', store: timing.report(message.to), cpuMs: Math.round((cpu.user + cpu.system) / 1000) });
    } else {
      clearInterval(minutes);
      void bot.stop().finally(() => process.exit(0));
    }
  });
  send({ type: 'ready' });
} catch (err) {
  send({ type: 'failed', error: (err as Error).message });
  process.exit(1);
}
