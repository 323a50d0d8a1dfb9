// The real bot (bootstrap + startBot, configured by the environment) as one of several processes
// that share a database and must agree on the time. Its clock stands still at CLOCK_FROM until a
// line `go` arrives on stdin, then runs on in real time from CLOCK_AT: so every process reaches a
// posting time together, and leases run out in real time alike everywhere. It ticks every TICK_MS
// (a cron that never fires, and a loop that waits for each tick), so survivors take over a killed
// process's claims soon after their lease. LEASE_MS and PUBLISH_TIMEOUT_MS shorten the scheduler's
// defaults. Prints `started` once its first tick is done; SIGTERM stops it cleanly.
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { bootstrap } from '../../src/app/bootstrap.ts';
import { startBot } from '../../src/app/run-bot.ts';

const from = Date.parse(process.env.CLOCK_FROM ?? '');
const at = Date.parse(process.env.CLOCK_AT ?? '');
const tickMs = Number(process.env.TICK_MS ?? 250);
const leaseMs = Number(process.env.LEASE_MS);
const publishTimeoutMs = Number(process.env.PUBLISH_TIMEOUT_MS);
if (!Number.isFinite(from) || !Number.isFinite(at) || !(leaseMs > publishTimeoutMs)) throw new Error('shared-clock-entry: set CLOCK_FROM, CLOCK_AT, LEASE_MS and PUBLISH_TIMEOUT_MS');

let wentAt: number | undefined;
const clock = { now: () => new Date(wentAt === undefined ? from : at + Date.now() - wentAt) };
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === 'go') wentAt ??= Date.now();
});

const app = await bootstrap(process.env);
const bot = await startBot(app, { clock, schedule: () => ({ stop() {} }), scheduler: { leaseMs, publishTimeoutMs } });
let stopping = false;
process.on('SIGTERM', () => (stopping = true));
process.stdout.write('started\n');
while (!stopping) {
  await bot.tick();
  await sleep(tickMs);
}
await bot.stop();
process.exit(0);
