/**
 * Feeds benchmark: the bot following N feeds of M items from a local news server
 * (bench/feeds-server.ts, a child process on 127.0.0.1 to 127.0.0.8). Options: USAGE below, or
 * `--help`.
 *
 * The bot's own pieces in this process: a real SQLite store in a temporary folder, a LiveCorpus
 * over an empty articles folder, and the FeedPoller wired as src/app/follow-feeds.ts wires it,
 * with the settings of parseConfig. Three rounds: cold (every item new), nothing changed (every
 * feed made due by moving the poller's clock on), and a tenth of the feeds with one new item
 * about a place the corpus did not know.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { createLogger } from '../src/app/logger.ts';
import { parseConfig, type Config } from '../src/config/env.ts';
import { DEFAULT_INTERVAL_MS, type FeedConfig } from '../src/config/feeds-file.ts';
import { loadEngine } from '../src/config/load-engine.ts';
import { LiveCorpus, type ArticleUpdateReport } from '../src/core/index/live-corpus.ts';
import { digestTopic } from '../src/core/query/digest.ts';
import { corpusArticle } from '../src/feeds/corpus-article.ts';
import { fullTextHook } from '../src/feeds/full-text-hook.ts';
import { pollSettingsFrom } from '../src/feeds/poll-settings.ts';
import { FeedPoller, type PollReport } from '../src/feeds/poller.ts';
import type { FeedArticle, FeedArticleChanges, FeedStore } from '../src/store/feed-types.ts';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import { intFlag, parseCli } from './cli.ts';
import { PROJECT_ROOT } from './eval-data.ts';
import { BREAKING_PLACE, NewsWriter } from './feeds-news.ts';
import type { ServerReply, ServerRequest, ServerStats } from './feeds-server.ts';
import { DEFAULT_SEED } from './speed-corpus.ts';
import { engineRevision, machineInfo } from './speed-record.ts';
import { MemorySampler, osPeakRssBytes } from './speed-stats.ts';

const HOSTS = 8;
const NEW_SHARE = 0.1;
const SAMPLE_MS = 50;

const COMMAND = {
  name: 'bench:feeds',
  usage: `usage: npm run bench:feeds -- [--feeds N] [--items M] [--seed S] [--concurrency C] [--per-host P] [--json]

Follows N feeds of M items each from a local news server (RSS 2.0 on 127.0.0.1 to 127.0.0.${HOSTS},
all loopback; nothing leaves the machine) with the bot's store, corpus and poller, in three rounds:
  1 cold: until every item is stored and answerable by /summary
  2 nothing changed: every feed made due again; should be all 304s, no article, no corpus build
  3 one new item on ${NEW_SHARE * 100}% of the feeds, about a place the corpus did not know: until answerable
Prints a table (or with --json the figures as JSON) on stdout; progress goes to stderr.

  --feeds N        feeds (default 500)
  --items M        items per feed (default 50)
  --seed S         news generator seed (default ${DEFAULT_SEED}, so runs compare)
  --concurrency C  fetches at once overall (default: FEEDS_CONCURRENCY's default)
  --per-host P     fetches at once per host (default: FEEDS_PER_HOST's default)
  --json           the figures as JSON instead of the table
  -h, --help       this text

examples:
  npm run bench:feeds
  npm run bench:feeds -- --feeds 20 --items 5 --json
  npm run bench:feeds -- --concurrency 8 --per-host 2
`,
  options: {
    feeds: { type: 'string' },
    items: { type: 'string' },
    seed: { type: 'string' },
    concurrency: { type: 'string' },
    'per-host': { type: 'string' },
    json: { type: 'boolean' },
  },
} as const;

const values = parseCli(COMMAND);
const feedCount = intFlag(COMMAND.name, 'feeds', values.feeds, 500);
const itemCount = intFlag(COMMAND.name, 'items', values.items, 50);
const seed = intFlag(COMMAND.name, 'seed', values.seed, DEFAULT_SEED, -Infinity);
const caps = {
  ...(values.concurrency !== undefined ? { FEEDS_CONCURRENCY: String(intFlag(COMMAND.name, 'concurrency', values.concurrency, 0)) } : {}),
  ...(values['per-host'] !== undefined ? { FEEDS_PER_HOST: String(intFlag(COMMAND.name, 'per-host', values['per-host'], 0)) } : {}),
};
const config = parseConfig({ FEEDS_ALLOW_PRIVATE: 'true', ...caps });
const log = (message: string) => process.stderr.write(`[feeds ${feedCount}x${itemCount}] ${message}\n`);

/** One round's figures. Times are ms from the round's start. */
export interface RoundRecord {
  round: 'cold' | 'unchanged' | 'new items';
  wallMs: number;
  /** process.cpuUsage(), user + system, of the bot's process only (the server is another). */
  cpuMs: number;
  requests: number;
  byStatus: Record<string, number>;
  bodyBytes: number;
  /** What the polls reported, by status. */
  polls: Record<string, number>;
  articlesAdded: number;
  articlesChanged: number;
  /** Hand-overs to the corpus (LiveCorpus.update calls), and the snapshot builds they made. */
  corpusUpdates: number;
  corpusBuilds: number;
  corpusBuildMs: number;
  /** When the last expected article was stored, when the corpus held it, when /summary answered with it. */
  storedMs?: number;
  inCorpusMs?: number;
  answeredMs?: number;
  query: string;
  answerItems: number;
  corpusArticles: number;
  /** The snapshot served after the round is the one served before it. */
  snapshotUnchanged: boolean;
  peakRssBytes: number;
  peakHeapUsedBytes: number;
  heapUsedBytes: number;
}

export interface FeedsRecord {
  feeds: number;
  items: number;
  seed: number;
  hosts: string[];
  settings: Pick<Config, 'FEEDS_CONCURRENCY' | 'FEEDS_PER_HOST' | 'FEEDS_TIMEOUT_SECONDS' | 'FEEDS_MAX_BYTES' | 'FEEDS_MAX_FAILURES'> & { intervalMs: number; fullText: 'never' };
  rounds: RoundRecord[];
  /** Kernel high-water mark of the bot's process over the whole run. */
  peakRssBytes: number;
  baselineRssBytes: number;
  storeBytes: number;
  problems: string[];
  measuredAt: string;
  loadAverage: number[];
  machine: ReturnType<typeof machineInfo>;
  engine: ReturnType<typeof engineRevision>;
}

// --- the news server, in a child process ---------------------------------------------------

// Temporary folder and server go even when the run is interrupted (Ctrl-C, or a timeout's SIGTERM).
const work = mkdtempSync(join(tmpdir(), 'digest-feeds-'));
let server: ChildProcess | undefined;
const cleanUp = () => {
  server?.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
};
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.on(signal, () => {
    cleanUp();
    process.exit(code);
  });
}

function ask<T extends ServerReply['type']>(message: ServerRequest, type: T): Promise<Extract<ServerReply, { type: T }>> {
  return new Promise((resolve, reject) => {
    const child = server!;
    const onExit = (code: number | null) => reject(new Error(`the feed server exited (${code})`));
    child.once('exit', onExit);
    child.once('message', (reply: ServerReply) => {
      child.off('exit', onExit);
      if (reply.type === type) resolve(reply as Extract<ServerReply, { type: T }>);
      else reject(new Error(`feed server: ${reply.type === 'failed' ? reply.error : `expected ${type}, got ${reply.type}`}`));
    });
    child.send(message);
  });
}

const serverStats = async () => (await ask({ type: 'stats' }, 'stats')).stats;

// --- the bot's pieces -------------------------------------------------------------------------

/** The poller's clock: real time, moved on to make feeds due without waiting for their interval. */
let clockOffsetMs = 0;
const now = () => new Date(Date.now() + clockOffsetMs);

/**
 * What src/app/follow-feeds.ts does at start, step for step, minus `/feed` and the hourly
 * retention timer: save the feeds file's feeds, drop expired articles, hand the stored ones to
 * the corpus, and start a FeedPoller with the same settings and hand-over. Mirrored, not called,
 * because followFeeds keeps its poller to itself and a round here must start on demand (its timer
 * may sleep a minute, MAX_SLEEP_MS). `observe` sees each hand-over and the corpus's answer.
 */
async function followFeedsLikeTheBot(
  options: { config: Config; feeds: readonly FeedConfig[]; store: FeedStore; corpus: LiveCorpus; logger: Logger; now: () => Date },
  observe: { stored(changes: FeedArticleChanges): void; built(report: ArticleUpdateReport): void },
): Promise<FeedPoller> {
  const { config, store, corpus, logger } = options;
  const toCorpus = (articles: readonly FeedArticle[], remove: readonly string[] = []) => corpus.update({ upsert: articles.map(corpusArticle), remove });
  for (const f of options.feeds) await store.saveFeed({ url: f.url, intervalMs: f.intervalMs, fullText: f.fullText, origin: 'config' }, options.now());
  const expired = await store.pruneFeedArticles(new Date(options.now().getTime() - config.ARTICLE_MAX_AGE_DAYS * 86_400_000), options.now());
  await toCorpus(await store.feedArticles(), expired);
  const settings = pollSettingsFrom(config);
  const poller = new FeedPoller({
    store,
    ...settings,
    onArticles: async (changes) => {
      observe.stored(changes);
      const report = await toCorpus([...changes.added, ...changes.changed]);
      observe.built(report);
      if (!report.ok) throw new Error(report.error);
    },
    logger,
    now: options.now,
    completeText: fullTextHook(settings.fetchOptions, logger),
  });
  await poller.start();
  return poller;
}

/** A round under way: what the hand-overs brought, and when the corpus could answer. */
class Round {
  readonly started = performance.now();
  readonly cpu = process.cpuUsage();
  readonly sampler = new MemorySampler().start(SAMPLE_MS);
  added = 0;
  changed = 0;
  updates = 0;
  readonly builds = new Set<ArticleUpdateReport>();
  storedMs?: number;
  inCorpusMs?: number;
  answeredMs?: number;
  answerItems = 0;

  constructor(
    readonly name: RoundRecord['round'],
    readonly corpus: LiveCorpus,
    /** Articles the corpus must serve, and how many this round adds. */
    readonly expect: { articles: number; added: number; query: string },
    readonly statsBefore: ServerStats,
  ) {}

  elapsed = () => performance.now() - this.started;

  stored(changes: FeedArticleChanges): void {
    this.updates++;
    this.added += changes.added.length;
    this.changed += changes.changed.length;
    if (this.storedMs === undefined && this.added >= this.expect.added) this.storedMs = this.elapsed();
  }

  built(report: ArticleUpdateReport): void {
    this.builds.add(report);
    if (this.inCorpusMs !== undefined || report.articles < this.expect.articles) return;
    this.inCorpusMs = this.elapsed();
    this.answer();
  }

  /** Asks /summary's question of the current snapshot; the first time it has items is the round's answer. */
  answer(): void {
    if (this.answeredMs !== undefined) return;
    const digest = digestTopic(this.corpus.current, this.expect.query);
    if (digest.items.length === 0) return;
    this.answerItems = digest.items.length;
    this.answeredMs = this.elapsed();
  }

  async finish(reports: readonly PollReport[], snapshotUnchanged: boolean): Promise<RoundRecord> {
    const wallMs = this.elapsed();
    // A round that brings nothing has nothing new to answer: the snapshot must still answer, untimed.
    if (this.expect.added === 0) this.answerItems = digestTopic(this.corpus.current, this.expect.query).items.length;
    const cpu = process.cpuUsage(this.cpu);
    this.sampler.stop();
    const stats = await serverStats();
    const byStatus: Record<string, number> = {};
    for (const [status, n] of Object.entries(stats.byStatus)) {
      const delta = n - (this.statsBefore.byStatus[status] ?? 0);
      if (delta > 0) byStatus[status] = delta;
    }
    const polls: Record<string, number> = {};
    for (const r of reports) polls[r.status] = (polls[r.status] ?? 0) + 1;
    const builds = [...this.builds];
    return {
      round: this.name,
      wallMs: Math.round(wallMs),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      requests: stats.requests - this.statsBefore.requests,
      byStatus,
      bodyBytes: stats.bodyBytes - this.statsBefore.bodyBytes,
      polls,
      articlesAdded: this.added,
      articlesChanged: this.changed,
      corpusUpdates: this.updates,
      corpusBuilds: builds.length,
      corpusBuildMs: builds.reduce((sum, b) => sum + b.elapsedMs, 0),
      ...(this.storedMs !== undefined ? { storedMs: Math.round(this.storedMs) } : {}),
      ...(this.inCorpusMs !== undefined ? { inCorpusMs: Math.round(this.inCorpusMs) } : {}),
      ...(this.answeredMs !== undefined ? { answeredMs: Math.round(this.answeredMs) } : {}),
      query: this.expect.query,
      answerItems: this.answerItems,
      corpusArticles: this.corpus.current.articles.length,
      snapshotUnchanged,
      peakRssBytes: this.sampler.peakRss,
      peakHeapUsedBytes: this.sampler.peakHeapUsed,
      heapUsedBytes: process.memoryUsage().heapUsed,
    };
  }
}

// --- the run ----------------------------------------------------------------------------------

async function run(): Promise<FeedsRecord> {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  const engine = loadEngine(join(PROJECT_ROOT, 'config'));
  const news = new NewsWriter(seed);
  const articlesDir = join(work, 'articles');
  mkdirSync(articlesDir);

  server = fork(join(PROJECT_ROOT, 'bench', 'feeds-server.ts'), [], { cwd: PROJECT_ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  log(`writing ${feedCount * itemCount} items into ${feedCount} feeds on ${HOSTS} loopback hosts (a child process)`);
  const ready = await ask({ type: 'start', feeds: feedCount, items: itemCount, seed, hosts: Math.min(HOSTS, feedCount), nowMs: now().getTime() }, 'ready');

  const logger = createLogger('warn', { pretty: false });
  const storePath = join(work, 'bot.db');
  const store = SqliteStore.open(storePath);
  const corpus = new LiveCorpus({ engine, dir: articlesDir, maxBytes: config.MAX_ARTICLE_BYTES });
  const loaded = await corpus.reload();
  if (!loaded.ok) throw new Error(`could not load the empty articles folder: ${loaded.error}`);
  const baselineRssBytes = process.memoryUsage().rss;

  const feeds: FeedConfig[] = ready.urls.map((url) => ({ url, intervalMs: DEFAULT_INTERVAL_MS, fullText: 'never' }));
  const rounds: RoundRecord[] = [];
  let round: Round | undefined;
  const observe = {
    stored: (changes: FeedArticleChanges) => round?.stored(changes),
    built: (report: ArticleUpdateReport) => round?.built(report),
  };
  const all = feedCount * itemCount;

  // Round 1: cold.
  log(`round 1 (cold): caps ${config.FEEDS_CONCURRENCY} fetches overall, ${config.FEEDS_PER_HOST} per host`);
  round = new Round('cold', corpus, { articles: all, added: all, query: news.busiestPlace }, await serverStats());
  const poller = await followFeedsLikeTheBot({ config, feeds, store, corpus, logger, now }, observe);
  let reports = await poller.pollDue();
  const cold = await round.finish(reports, false);
  rounds.push(cold);
  check(cold.articlesAdded === all && cold.corpusArticles === all, `round 1: ${cold.articlesAdded} articles stored and ${cold.corpusArticles} in the corpus, of ${all}`);
  check(cold.answerItems > 0, `round 1: /summary ${cold.query} found no items`);
  log(`round 1: ${cold.articlesAdded} stored, answerable after ${(cold.answeredMs ?? NaN) / 1000} s`);

  const makeAllDue = () => {
    const latest = Math.max(...poller.knownFeeds().map((f) => f.state.nextPollAt?.getTime() ?? 0));
    clockOffsetMs += Math.max(0, latest - now().getTime()) + 1;
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 500));

  // Round 2: nothing changed.
  await settle();
  makeAllDue();
  log('round 2 (nothing changed): every feed due');
  let snapshot = corpus.current;
  round = new Round('unchanged', corpus, { articles: all, added: 0, query: news.busiestPlace }, await serverStats());
  reports = await poller.pollDue();
  const unchanged = await round.finish(reports, corpus.current === snapshot);
  rounds.push(unchanged);
  check(unchanged.requests === feedCount && unchanged.byStatus['304'] === feedCount, `round 2: ${unchanged.byStatus['304'] ?? 0} of ${unchanged.requests} requests were 304, for ${feedCount} feeds`);
  check(unchanged.articlesAdded + unchanged.articlesChanged === 0 && unchanged.corpusBuilds === 0 && unchanged.snapshotUnchanged, 'round 2: articles changed or the corpus was rebuilt');
  check(unchanged.answerItems > 0, `round 2: /summary ${unchanged.query} no longer finds items`);

  // Round 3: a tenth of the feeds bring one new item each, about a place not reported before.
  await settle();
  const knownBefore = digestTopic(corpus.current, BREAKING_PLACE).items.length;
  check(knownBefore === 0, `round 3: /summary ${BREAKING_PLACE} had items before the news broke`);
  makeAllDue();
  const published = await ask({ type: 'publish', share: NEW_SHARE, nowMs: now().getTime() }, 'published');
  log(`round 3: ${published.feeds.length} feeds with one new item`);
  snapshot = corpus.current;
  round = new Round('new items', corpus, { articles: all + published.feeds.length, added: published.feeds.length, query: BREAKING_PLACE }, await serverStats());
  reports = await poller.pollDue();
  const fresh = await round.finish(reports, corpus.current === snapshot);
  rounds.push(fresh);
  check(fresh.articlesAdded === published.feeds.length && fresh.answerItems > 0, `round 3: ${fresh.articlesAdded} of ${published.feeds.length} new articles stored; /summary ${BREAKING_PLACE} found ${fresh.answerItems} items`);

  await poller.stop();
  await store.close();
  return {
    feeds: feedCount,
    items: itemCount,
    seed,
    hosts: ready.hosts,
    settings: {
      FEEDS_CONCURRENCY: config.FEEDS_CONCURRENCY,
      FEEDS_PER_HOST: config.FEEDS_PER_HOST,
      FEEDS_TIMEOUT_SECONDS: config.FEEDS_TIMEOUT_SECONDS,
      FEEDS_MAX_BYTES: config.FEEDS_MAX_BYTES,
      FEEDS_MAX_FAILURES: config.FEEDS_MAX_FAILURES,
      intervalMs: DEFAULT_INTERVAL_MS,
      fullText: 'never',
    },
    rounds,
    peakRssBytes: osPeakRssBytes(),
    baselineRssBytes,
    storeBytes: statSync(storePath).size,
    problems,
    measuredAt: new Date().toISOString(),
    loadAverage: loadavg(),
    machine: machineInfo(),
    engine: engineRevision(),
  };
}

// --- the report -------------------------------------------------------------------------------

const seconds = (ms: number | undefined) => (ms === undefined ? '-' : (ms / 1000).toFixed(ms < 10_000 ? 2 : 1));
const mb = (bytes: number) => (bytes / 1e6).toFixed(0);
const count = (n: number) => n.toLocaleString('en-US');

export function formatFeedsReport(r: FeedsRecord): string {
  const [cold, unchanged, fresh] = r.rounds;
  const lines = [
    `${count(r.feeds)} feeds x ${r.items} items (seed ${r.seed}) from a local server on ${r.hosts.length} loopback hosts (${r.hosts[0]} to ${r.hosts[r.hosts.length - 1]}), RSS 2.0, gzip, ETag;`,
    `caps ${r.settings.FEEDS_CONCURRENCY} fetches overall, ${r.settings.FEEDS_PER_HOST} per host (FEEDS_CONCURRENCY, FEEDS_PER_HOST); fullText never; SQLite store; empty articles folder.`,
    `machine: ${r.machine.cores} cores, ${r.machine.cpuModel}, Node ${r.machine.node}; load average ${r.loadAverage.map((l) => l.toFixed(1)).join(' ')} at the end.`,
    '',
    '| round | wall s | requests | 200 / 304 | articles added / changed | corpus builds (s) | stored s | in corpus s | answered s | CPU s | CPU / wall | peak RSS MB | peak heap MB |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const round of r.rounds) {
    lines.push(
      `| ${round.round} | ${seconds(round.wallMs)} | ${count(round.requests)} | ${count(round.byStatus['200'] ?? 0)} / ${count(round.byStatus['304'] ?? 0)} | ${count(round.articlesAdded)} / ${count(round.articlesChanged)} | ${round.corpusBuilds} (${seconds(round.corpusBuildMs)}) | ${seconds(round.storedMs)} | ${seconds(round.inCorpusMs)} | ${seconds(round.answeredMs)} | ${seconds(round.cpuMs)} | ${Math.round((100 * round.cpuMs) / Math.max(1, round.wallMs))}% | ${mb(round.peakRssBytes)} | ${mb(round.peakHeapUsedBytes)} |`,
    );
  }
  lines.push('');
  if (cold) {
    lines.push(
      `cold: ${count(cold.articlesAdded)} articles stored in ${seconds(cold.storedMs)} s (${count(Math.round(cold.articlesAdded / ((cold.storedMs ?? cold.wallMs) / 1000)))} articles/s), ` +
        `all served by the corpus after ${seconds(cold.inCorpusMs)} s; /summary ${cold.query} answered with ${cold.answerItems} items after ${seconds(cold.answeredMs)} s. ` +
        `${count(cold.corpusUpdates)} hand-overs to the corpus made ${cold.corpusBuilds} snapshot builds, ${seconds(cold.corpusBuildMs)} s in all.`,
    );
  }
  if (unchanged) {
    lines.push(
      `unchanged: ${count(unchanged.byStatus['304'] ?? 0)} of ${count(unchanged.requests)} requests answered 304; ${unchanged.articlesAdded + unchanged.articlesChanged} articles changed; ` +
        `${unchanged.snapshotUnchanged && unchanged.corpusBuilds === 0 ? 'no corpus build (the same snapshot serves)' : `${unchanged.corpusBuilds} corpus builds`}; ` +
        `CPU ${count(unchanged.cpuMs)} ms (${(unchanged.cpuMs / Math.max(1, r.feeds)).toFixed(2)} ms a feed).`,
    );
  }
  if (fresh) {
    lines.push(`new items: ${fresh.articlesAdded} feeds with one new item about ${fresh.query}; /summary ${fresh.query} answered with ${fresh.answerItems} items after ${seconds(fresh.answeredMs)} s.`);
  }
  lines.push(`peak RSS over the run ${mb(r.peakRssBytes)} MB (kernel high-water mark; ${mb(r.baselineRssBytes)} MB before round 1); SQLite file ${mb(r.storeBytes)} MB.`);
  for (const p of r.problems) lines.push(`PROBLEM: ${p}`);
  return lines.join('\n');
}

try {
  const record = await run();
  process.stdout.write(values.json ? `${JSON.stringify(record, null, 2)}\n` : `${formatFeedsReport(record)}\n`);
  for (const p of record.problems) log(`problem: ${p}`);
  process.exitCode = record.problems.length > 0 ? 1 : 0;
} finally {
  cleanUp();
}
