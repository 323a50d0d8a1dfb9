import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Reply } from '../commands/types.ts';
import type { ReloadReport } from '../core/index/live-corpus.ts';

/** What the bot counts for `GET /metrics`; each method is one event. */
export interface Metrics {
  readonly registry: Registry;
  commandServed(command: string, platform: string, ms: number, reply: Reply): void;
  digestPublished(platform: string, ok: boolean): void;
  reloaded(report: ReloadReport): void;
}

/** A fresh registry per bot, so tests (and two bots in one process) never share counts. */
/** Feeds followed, by health: polled fine, failing (backing off) and paused after too many failures. */
export interface FeedHealth {
  ok: number;
  failing: number;
  paused: number;
}

export function createMetrics(options: { articlesLoaded: () => number; feeds?: () => FeedHealth }): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'digest_bot_' });
  const commands = new Counter({
    name: 'digest_bot_commands_total',
    help: 'Commands answered, by command, platform and outcome (ok or the error code)',
    labelNames: ['command', 'platform', 'outcome'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'digest_bot_command_seconds',
    help: 'Time to build the reply to a command',
    labelNames: ['command'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const digests = new Counter({
    name: 'digest_bot_scheduled_digests_total',
    help: 'Scheduled digest posts, by platform and result (posted or failed; failures are retried)',
    labelNames: ['platform', 'result'],
    registers: [registry],
  });
  const reloads = new Histogram({
    name: 'digest_bot_reload_seconds',
    help: 'Article reload durations, by result',
    labelNames: ['result'],
    buckets: [0.1, 0.5, 1, 5, 15, 60, 180],
    registers: [registry],
  });
  new Gauge({
    name: 'digest_bot_articles_loaded',
    help: 'Articles in the corpus being served',
    registers: [registry],
    collect() {
      this.set(options.articlesLoaded());
    },
  });
  new Gauge({
    name: 'digest_bot_feeds',
    help: 'Feeds followed, by state: ok, failing (retried with backoff) or paused (resumed by /feed add)',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const health = options.feeds?.() ?? { ok: 0, failing: 0, paused: 0 };
      for (const [state, count] of Object.entries(health)) this.set({ state }, count);
    },
  });
  return {
    registry,
    commandServed(command, platform, ms, reply) {
      commands.inc({ command, platform, outcome: reply.kind === 'error' ? reply.code : 'ok' });
      latency.observe({ command }, ms / 1000);
      if (reply.kind === 'reload') this.reloaded(reply.report);
    },
    digestPublished(platform, ok) {
      digests.inc({ platform, result: ok ? 'posted' : 'failed' });
    },
    reloaded(report) {
      reloads.observe({ result: report.ok ? 'ok' : 'failed' }, report.elapsedMs / 1000);
    },
  };
}
