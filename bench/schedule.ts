/**
 * Scheduled-digest benchmark: N subscriptions due in the same minute, posted through the fake
 * Discord (test/fakes/discord, in this process) with Discord's REST rate limits, by real bot
 * processes (bench/schedule-bot.ts: bootstrap + startBot + real discord.js) on (a) SQLite, (b)
 * PostgreSQL, (c) PostgreSQL shared by three processes. Options: USAGE below, or `--help`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { postgresBinDir, startThrowawayPostgres, stopThrowawayPostgres } from '../scripts/throwaway-postgres.mjs';
import { openStore } from '../src/store/open-store.ts';
import { FakeDiscord } from '../test/fakes/discord/fake-discord.ts';
import { fail, intFlag, parseCli, usageError } from './cli.ts';
import { PROJECT_ROOT } from './eval-data.ts';
import type { BotReply, BotRequest } from './schedule-bot.ts';
import { engineRevision, machineInfo } from './speed-record.ts';
import type { StoreTimingReport } from './store-timing.ts';

/** A channel follows this many topics (Discord lets a channel take 5 messages per 5 s, so they fit one window). */
const TOPICS = ['Ghazni', 'Kandahar', 'Kabul', 'Qatar', 'Herat'];
const CHANNELS_PER_GUILD = 100;
const CASES = {
  sqlite: { label: '1 process, SQLite', processes: 1, postgres: false },
  pg: { label: '1 process, PostgreSQL', processes: 1, postgres: true },
  pg3: { label: '3 processes, PostgreSQL', processes: 3, postgres: true },
} as const;
type CaseName = keyof typeof CASES;

const COMMAND = {
  name: 'bench:schedule',
  usage: `usage: npm run bench:schedule -- [--subscriptions N] [--cases LIST] [--json]

N daily-digest subscriptions (${TOPICS.length} topics per channel) due in the same minute, posted through a
fake Discord on 127.0.0.1 that enforces Discord's rate limits (50 requests a second per bot, 5
messages per 5 s per channel), by real bot processes with real discord.js, in three cases:
  sqlite  1 process, SQLite
  pg      1 process, PostgreSQL
  pg3     3 processes, one PostgreSQL
Measures the time from the minute's tick until every digest was posted (counted at the fake), and
the store's share of it (wall time with a store call pending, per process; for PostgreSQL also
the server's own pg_stat_database.active_time). PostgreSQL is TEST_DATABASE_URL, else a throwaway
cluster (scripts/throwaway-postgres.mjs); with neither, only the SQLite case runs, and says why.
Prints a table (or with --json the figures as JSON) on stdout; progress goes to stderr.

  --subscriptions N  subscriptions due in the minute (default 10000; at 50 posts a second, 200 s a case)
  --cases LIST       comma-separated cases to run (default sqlite,pg,pg3)
  --json             the figures as JSON instead of the table
  -h, --help         this text

examples:
  npm run bench:schedule
  npm run bench:schedule -- --subscriptions 2000 --cases pg3
  npm run bench:schedule -- --subscriptions 50 --json
`,
  options: {
    subscriptions: { type: 'string' },
    cases: { type: 'string' },
    json: { type: 'boolean' },
  },
} as const;

const values = parseCli(COMMAND);
const subscriptions = intFlag(COMMAND.name, 'subscriptions', values.subscriptions, 10_000);
const wanted = (values.cases ?? 'sqlite,pg,pg3').split(',').map((c) => c.trim());
for (const c of wanted) if (!(c in CASES)) usageError(COMMAND.name, `--cases: unknown case ${JSON.stringify(c)}; the cases are ${Object.keys(CASES).join(', ')}`);
const log = (message: string) => process.stderr.write(`[schedule ${subscriptions}] ${message}\n`);

export interface ProcessRecord {
  claimsWon: number;
  /** Wall time with a store call pending, from the tick to the last post, and its share of that time. */
  storeBusyMs: number;
  storeShare: number;
  /** Time inside store methods before they returned (SQLite's work, which blocks the process), and its share. */
  storeSyncMs: number;
  storeSyncShare: number;
  storeCalls: StoreTimingReport['calls'];
  cpuMs: number;
}

export interface CaseRecord {
  case: CaseName;
  label: string;
  processes: number;
  subscriptions: number;
  channels: number;
  /** Digests whose every message reached the fake, and messages posted. */
  digestsPosted: number;
  messagesPosted: number;
  /** Digests with a message posted more than once. */
  duplicates: number;
  /** From the tick to the first and to the last digest post, ms. */
  firstPostMs?: number;
  allPostedMs?: number;
  requests: number;
  byStatus: Record<string, number>;
  rateLimited: { global: number; route: number };
  /** Warnings of attempts that failed and were retried, by the error's message (ids as N). */
  retriesLogged: number;
  retryReasons: Record<string, number>;
  /** Attempts that failed before they could record anything (a claim or record that timed out): their row waits for the next tick or its lease. */
  unexpectedFailuresLogged: number;
  perProcess: ProcessRecord[];
  /** PostgreSQL's own time executing statements in the bench's database over the round, ms (all connections). */
  serverActiveMs?: number;
  problems: string[];
}

export interface ScheduleRecord {
  subscriptions: number;
  topicsPerChannel: number;
  cases: CaseRecord[];
  skipped: { case: CaseName; reason: string }[];
  measuredAt: string;
  loadAverage: number[];
  machine: ReturnType<typeof machineInfo>;
  engine: ReturnType<typeof engineRevision>;
}

// --- clean-up, even when interrupted ------------------------------------------------------------

const work = mkdtempSync(join(tmpdir(), 'digest-schedule-'));
const children = new Set<ChildProcess>();
let pgDir: string | undefined;
const cleanUp = () => {
  for (const child of children) child.kill('SIGKILL');
  if (pgDir) stopThrowawayPostgres(pgDir);
  rmSync(work, { recursive: true, force: true });
};
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.on(signal, () => {
    cleanUp();
    process.exit(code);
  });
}

// --- the bot processes --------------------------------------------------------------------------

class BotProcess {
  readonly child: ChildProcess;
  readonly logFile: string;
  #replies: BotReply[] = [];
  #waiters: (() => void)[] = [];

  constructor(env: Record<string, string>, index: number) {
    this.logFile = join(work, `bot-${index}.log`);
    this.child = fork(join(PROJECT_ROOT, 'bench', 'schedule-bot.ts'), [], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      execArgv: ['--v8-pool-size=0', '--import', 'tsx'],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    this.child.stderr!.pipe(createWriteStream(this.logFile));
    children.add(this.child);
    this.child.on('message', (reply: BotReply) => {
      this.#replies.push(reply);
      for (const wake of this.#waiters.splice(0)) wake();
    });
    this.child.on('exit', () => {
      children.delete(this.child);
      for (const wake of this.#waiters.splice(0)) wake();
    });
  }

  send(request: BotRequest): void {
    this.child.send(request);
  }

  /** The next reply of this type; rejects when the process fails or exits first. */
  async reply<T extends BotReply['type']>(type: T, timeoutMs: number): Promise<Extract<BotReply, { type: T }>> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const index = this.#replies.findIndex((r) => r.type === type || r.type === 'failed');
      if (index >= 0) {
        const [reply] = this.#replies.splice(index, 1);
        if (reply!.type === 'failed') throw new Error(`a bot process failed: ${reply!.error}`);
        return reply as Extract<BotReply, { type: T }>;
      }
      if (this.child.exitCode !== null || this.child.signalCode !== null) throw new Error(`a bot process exited (${this.child.exitCode ?? this.child.signalCode}); its log: ${this.logFile}`);
      if (Date.now() > end) throw new Error(`a bot process sent no ${type} within ${timeoutMs} ms`);
      await Promise.race([new Promise<void>((wake) => this.#waiters.push(wake)), sleep(Math.max(1, end - Date.now()), undefined, { ref: false })]);
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.send({ type: 'stop' });
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}

// --- what the fake saw --------------------------------------------------------------------------

const MARKER = /^-# ref ([0-9a-zA-Z]{1,25})(?: · part (\d+) of (\d+))?$/m;

/** Digests posted so far, counted incrementally over the fake's channel messages. */
class PostCounter {
  #seen = 0;
  readonly #parts = new Map<string, Map<number, number>>();
  complete = 0;
  firstAt?: number;
  lastCompleteAt?: number;

  constructor(readonly fake: FakeDiscord) {}

  update(): void {
    const posted = this.fake.posted;
    for (; this.#seen < posted.length; this.#seen++) {
      const m = MARKER.exec(String(posted[this.#seen]!.body.content ?? ''));
      if (!m) continue;
      const [key, part, total] = [m[1]!, Number(m[2] ?? 1), Number(m[3] ?? 1)];
      const parts = this.#parts.get(key) ?? new Map<number, number>();
      this.#parts.set(key, parts);
      parts.set(part, (parts.get(part) ?? 0) + 1);
      this.firstAt ??= Date.now();
      if (parts.size === total && parts.get(part) === 1) {
        this.complete++;
        this.lastCompleteAt = Date.now();
      }
    }
  }

  get duplicates(): number {
    return [...this.#parts.values()].filter((parts) => [...parts.values()].some((n) => n > 1)).length;
  }
}

/** The bots' warnings of failed attempts that will be retried, counted by reason. */
function retriesIn(logs: string): Record<string, number> {
  const reasons: Record<string, number> = {};
  for (const line of logs.split('\n')) {
    if (!line.includes('will retry')) continue;
    let entry: { msg?: string; err?: { message?: string } };
    try {
      entry = JSON.parse(line);
    } catch {
      continue;
    }
    if (entry.msg !== 'digest post failed; will retry') continue;
    const reason = (entry.err?.message ?? 'unknown').replace(/\d{5,}/g, 'N').slice(0, 100);
    reasons[reason] = (reasons[reason] ?? 0) + 1;
  }
  return reasons;
}

// --- one case -----------------------------------------------------------------------------------

async function createDatabase(serverUrl: string): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `bench_schedule_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), name, drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function activeTimeMs(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ active_time: number }>('SELECT active_time FROM pg_stat_database WHERE datname = current_database()');
    return Number(rows[0]?.active_time ?? 0);
  } finally {
    await client.end();
  }
}

/** Subscriptions due at the current minute (UTC), created a day before so that today's digest is due. */
async function subscribe(store: Awaited<ReturnType<typeof openStore>>, channelIds: readonly string[]): Promise<void> {
  const now = new Date();
  const time = now.toISOString().slice(11, 16);
  const yesterday = new Date(now.getTime() - 86_400_000);
  const all = channelIds.flatMap((channel) => TOPICS.map((topic) => ({ platform: 'discord' as const, channel, topic, time, timeZone: 'UTC' })));
  const batch = 20;
  for (let i = 0; i < subscriptions; i += batch) {
    await Promise.all(all.slice(i, Math.min(i + batch, subscriptions)).map((s) => store.addSubscription(s, yesterday)));
  }
}

async function runCase(name: CaseName, serverUrl: string | undefined): Promise<CaseRecord> {
  const spec = CASES[name];
  const problems: string[] = [];
  const channels = Math.ceil(subscriptions / TOPICS.length);
  const fake = await FakeDiscord.start({ rateLimits: true });
  const channelIds: string[] = [];
  for (let left = channels; left > 0; left -= CHANNELS_PER_GUILD) channelIds.push(...fake.addGuild({ channels: Math.min(CHANNELS_PER_GUILD, left) }).channelIds);
  const dataDir = join(work, name);
  mkdirSync(dataDir);
  const database = spec.postgres ? await createDatabase(serverUrl!) : undefined;
  const bots: BotProcess[] = [];
  try {
    const env = {
      ARTICLES_DIR: join(PROJECT_ROOT, 'articles'),
      CONFIG_DIR: join(PROJECT_ROOT, 'config'),
      FEEDS_FILE: join(work, 'no-feeds.yaml'),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      WATCH_ARTICLES: 'false',
      DISCORD_TOKEN: fake.token,
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_API_URL: fake.apiUrl,
      // As the README tells users: processes sharing one bot split its 50 requests a second.
      DISCORD_REQUESTS_PER_SECOND: String(Math.floor(50 / spec.processes)),
      ...(database ? { DATABASE_URL: database.url } : {}),
    };
    log(`${spec.label}: starting ${spec.processes} bot process(es)`);
    for (let i = 0; i < spec.processes; i++) bots.push(new BotProcess(env, i));
    for (const bot of bots) await bot.reply('ready', 120_000);

    log(`${spec.label}: ${subscriptions} subscriptions in ${channels} channels, due now`);
    const store = await openStore({ path: join(dataDir, 'digests.sqlite'), databaseUrl: database?.url });
    await subscribe(store, channelIds);
    await store.close();

    const activeBefore = database ? await activeTimeMs(database.url) : 0;
    const tickAt = Date.now();
    for (const bot of bots) bot.send({ type: 'tick', at: tickAt });
    const counter = new PostCounter(fake);
    // 50 requests a second is the ceiling; twice that time, and a few minutes for retries (due a minute or more after a failure).
    const deadline = tickAt + (subscriptions / 50) * 2_000 + 300_000;
    let reported = 0;
    while (counter.complete < subscriptions && Date.now() < deadline) {
      await sleep(200);
      counter.update();
      if (Date.now() - reported > 15_000) {
        reported = Date.now();
        log(`${spec.label}: ${counter.complete} of ${subscriptions} digests posted after ${((Date.now() - tickAt) / 1000).toFixed(0)} s`);
      }
    }
    const endAt = counter.lastCompleteAt ?? Date.now();
    if (counter.complete < subscriptions) problems.push(`only ${counter.complete} of ${subscriptions} digests were posted within ${((deadline - tickAt) / 1000).toFixed(0)} s`);
    // A moment for late doubles to show, and for PostgreSQL to report its statistics (it does so about once a second).
    await sleep(2000);
    counter.update();
    if (counter.duplicates > 0) problems.push(`${counter.duplicates} digests were posted more than once`);
    const serverActiveMs = database ? (await activeTimeMs(database.url)) - activeBefore : undefined;

    const perProcess: ProcessRecord[] = [];
    for (const bot of bots) {
      bot.send({ type: 'stats', to: endAt });
      const { store: timing, cpuMs } = await bot.reply('stats', 30_000);
      const elapsed = Math.max(1, endAt - tickAt);
      perProcess.push({ claimsWon: timing.claimsWon, storeBusyMs: timing.busyMs, storeShare: timing.busyMs / elapsed, storeSyncMs: timing.syncMs, storeSyncShare: timing.syncMs / elapsed, storeCalls: timing.calls, cpuMs });
    }
    const claims = perProcess.reduce((n, p) => n + p.claimsWon, 0);
    if (claims < subscriptions) problems.push(`the processes won ${claims} claims for ${subscriptions} digests`);
    await Promise.all(bots.map((bot) => bot.stop()));
    const logs = bots.map((bot) => readFileSync(bot.logFile, 'utf8')).join('');
    const retryReasons = retriesIn(logs);
    const byStatus: Record<string, number> = {};
    for (const r of fake.requests) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    return {
      case: name,
      label: spec.label,
      processes: spec.processes,
      subscriptions,
      channels,
      digestsPosted: counter.complete,
      messagesPosted: fake.posted.length,
      duplicates: counter.duplicates,
      ...(counter.firstAt !== undefined ? { firstPostMs: counter.firstAt - tickAt } : {}),
      ...(counter.complete === subscriptions ? { allPostedMs: endAt - tickAt } : {}),
      requests: fake.requests.length,
      byStatus,
      rateLimited: { ...fake.rateLimits!.limited },
      retriesLogged: Object.values(retryReasons).reduce((a, b) => a + b, 0),
      retryReasons,
      unexpectedFailuresLogged: logs.match(/"msg":"scheduled digest failed unexpectedly/g)?.length ?? 0,
      perProcess,
      ...(serverActiveMs !== undefined ? { serverActiveMs } : {}),
      problems,
    };
  } finally {
    for (const bot of bots) bot.child.kill('SIGKILL');
    await fake.close();
    await database?.drop();
  }
}

// --- the run ------------------------------------------------------------------------------------

async function postgresServer(): Promise<{ url: string } | { skip: string }> {
  if (process.env.TEST_DATABASE_URL) return { url: process.env.TEST_DATABASE_URL };
  if (!postgresBinDir()) return { skip: 'no TEST_DATABASE_URL and no PostgreSQL binaries (pg_ctl) to start a throwaway cluster' };
  // Its own temporary folder: the cluster runs as another user, who cannot enter `work`.
  pgDir = mkdtempSync(join(tmpdir(), 'digest-pg-'));
  log('starting a throwaway PostgreSQL cluster');
  return { url: await startThrowawayPostgres(pgDir) };
}

async function run(): Promise<ScheduleRecord> {
  const skipped: ScheduleRecord['skipped'] = [];
  const server = wanted.some((c) => CASES[c as CaseName].postgres) ? await postgresServer() : undefined;
  const cases: CaseRecord[] = [];
  for (const name of wanted as CaseName[]) {
    if (CASES[name].postgres && server && 'skip' in server) {
      skipped.push({ case: name, reason: server.skip });
      log(`${CASES[name].label}: skipped: ${server.skip}`);
      continue;
    }
    cases.push(await runCase(name, server && 'url' in server ? server.url : undefined));
  }
  return { subscriptions, topicsPerChannel: TOPICS.length, cases, skipped, measuredAt: new Date().toISOString(), loadAverage: loadavg(), machine: machineInfo(), engine: engineRevision() };
}

// --- the report ---------------------------------------------------------------------------------

const seconds = (ms: number | undefined) => (ms === undefined ? '-' : (ms / 1000).toFixed(1));
const percent = (share: number) => `${(100 * share).toFixed(1)}%`;

export function formatScheduleReport(r: ScheduleRecord): string {
  const lines = [
    `${r.subscriptions.toLocaleString('en-US')} subscriptions due in the same minute, ${r.topicsPerChannel} topics per channel, posted through the fake Discord with Discord's rate limits (50 requests/s per bot, 5 messages per 5 s per channel);`,
    `machine: ${r.machine.cores} cores, ${r.machine.cpuModel}, Node ${r.machine.node}; load average ${r.loadAverage.map((l) => l.toFixed(1)).join(' ')} at the end.`,
    '',
    '| case | all posted s | first post s | digests / messages | doubles | requests | 429 global / route | retries | claims per process | store call pending, per process | in store code, per process | PostgreSQL active s |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|---|---|---:|',
  ];
  for (const c of r.cases) {
    lines.push(
      `| ${c.label} | ${seconds(c.allPostedMs)} | ${seconds(c.firstPostMs)} | ${c.digestsPosted} / ${c.messagesPosted} | ${c.duplicates} | ${c.requests} | ${c.rateLimited.global} / ${c.rateLimited.route} | ${c.retriesLogged} | ${c.perProcess.map((p) => p.claimsWon).join(' / ')} | ${c.perProcess.map((p) => percent(p.storeShare)).join(' / ')} | ${c.perProcess.map((p) => percent(p.storeSyncShare)).join(' / ')} | ${seconds(c.serverActiveMs)} |`,
    );
  }
  lines.push(
    '',
    'all posted: from the tick to the last digest at the fake. Over that time: store call pending = wall time with a store call unanswered (waiting for PostgreSQL,',
    'or for the busy process to take the answer); in store code = time inside store methods before they return (all of SQLite\'s work, which blocks the process);',
    'PostgreSQL active = the server\'s pg_stat_database.active_time over the round, all connections. retries: failed attempts the bots logged, retried a minute or more later.',
  );
  for (const c of r.cases) {
    for (const [reason, n] of Object.entries(c.retryReasons)) lines.push(`retried (${c.label}): ${n} x ${reason}`);
    if (c.unexpectedFailuresLogged > 0) lines.push(`failed before recording anything, left to the next tick or the lease (${c.label}): ${c.unexpectedFailuresLogged}`);
  }
  for (const s of r.skipped) lines.push(`SKIPPED ${s.case}: ${s.reason}`);
  for (const c of r.cases) for (const p of c.problems) lines.push(`PROBLEM (${c.label}): ${p}`);
  return lines.join('\n');
}

try {
  const record = await run();
  process.stdout.write(values.json ? `${JSON.stringify(record, null, 2)}\n` : `${formatScheduleReport(record)}\n`);
  const problems = record.cases.flatMap((c) => c.problems);
  for (const p of problems) log(`problem: ${p}`);
  process.exitCode = problems.length > 0 ? 1 : 0;
} catch (err) {
  cleanUp();
  fail(COMMAND.name, (err as Error).message);
} finally {
  cleanUp();
}
