import { bootstrap } from './app/bootstrap.ts';
import { startBot } from './app/run-bot.ts';
import { runConsoleSession } from './adapters/console/console-session.ts';
import { TerminalScreen } from './adapters/console/terminal-screen.ts';
import { reloadNotice } from './adapters/console/render-text.ts';

// With chat tokens the bot serves Discord and/or Slack until SIGINT or SIGTERM; without any,
// it is a terminal session with the same commands, where daily digests print.
try {
  const chat = Boolean(process.env.DISCORD_TOKEN || process.env.SLACK_BOT_TOKEN);
  // A person at a terminal reads digests there; log lines would land over their prompt.
  const interactive = !chat && Boolean(process.stdin.isTTY && process.stdout.isTTY);
  const app = await bootstrap(process.env, { defaultLogLevel: chat ? 'info' : 'warn', logToFile: interactive });
  const screen = chat ? undefined : new TerminalScreen(process.stdout);
  const starting = startBot(app, screen ? { consoleOutput: screen, onArticlesReloaded: (report) => screen.write(`${reloadNotice(report)}\n`) } : {});
  let signalled = false;
  const shutdown = (reason: string, exitCode: number) => {
    if (signalled) {
      app.logger.warn({ reason }, 'second stop request: exiting without waiting');
      process.exit(1);
    }
    signalled = true;
    app.logger.info({ reason }, 'shutting down: finishing posts in flight');
    // A stop during start-up (whose first tick may be posting a missed digest) waits for it, then stops.
    void starting.then((bot) => bot.stop()).then(
      () => process.exit(exitCode),
      (err: unknown) => {
        app.logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT', 0));
  process.on('SIGTERM', () => shutdown('SIGTERM', 0));
  // A bug must not leave a half-working bot: log it, finish what is in flight, exit non-zero so a
  // supervisor restarts it (the delivery log makes a restart safe).
  const crash = (kind: string) => (err: unknown) => {
    app.logger.fatal({ err }, `${kind}: stopping`);
    shutdown(kind, 1);
  };
  process.on('unhandledRejection', crash('unhandled rejection'));
  process.on('uncaughtException', crash('uncaught exception'));
  const bot = await starting;

  if (screen) {
    const top = app.deps.corpus.current.topics.find((t) => t.kind === 'entity');
    const { skipped, warned } = app.load;
    const files = (n: number) => (n === 1 ? '1 file' : `${n} files`);
    const problems = [skipped.length ? `${files(skipped.length)} skipped` : '', warned.length ? `${files(warned.length)} loaded with warnings` : ''].filter(Boolean);
    const notes = [
      `Loaded ${app.load.articles} articles from ${app.config.ARTICLES_DIR}${problems.length ? `; ${problems.join(', ')} (/reload lists them)` : ''}.`,
      ...(app.logFile ? [`Logs: ${app.logFile}`] : []),
    ];
    await runConsoleSession({ input: process.stdin, output: process.stdout, screen, deps: app.deps, openingTopic: top?.name, notes });
    await bot.stop();
  } else {
    app.logger.info({ platforms: bot.platforms }, 'bot running; Ctrl-C or SIGTERM stops it');
  }
} catch (err) {
  console.error(`news-digest-bot: ${(err as Error).message}`);
  process.exitCode = 1;
}
