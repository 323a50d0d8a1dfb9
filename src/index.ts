import { bootstrap } from './app/bootstrap.ts';
import { runConsoleSession } from './adapters/console/console-session.ts';

// With no chat tokens configured, the bot runs as a terminal session with the same commands.
try {
  const app = await bootstrap(process.env, { defaultLogLevel: 'warn' });
  const top = app.deps.corpus.current.topics.find((t) => t.kind === 'entity');
  await runConsoleSession({ input: process.stdin, output: process.stdout, deps: app.deps, openingTopic: top?.name });
} catch (err) {
  console.error(`news-digest-bot: ${(err as Error).message}`);
  process.exitCode = 1;
}
