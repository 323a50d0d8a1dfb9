import { bootstrap } from '../app/bootstrap.ts';
import { addStoredFeedArticles } from '../app/stored-feed-articles.ts';
import { runCommand } from '../commands/registry.ts';
import type { CommandInput, Reply } from '../commands/types.ts';
import { renderDigestText, renderReplyText } from '../adapters/console/render-text.ts';
import { usageError, type CliSpec } from './cli-args.ts';

/**
 * Runs one command for scripts, on the articles folder and the feed articles a bot stored. The reply goes to stdout as text, or with --json as its data;
 * a digest that found nothing is a result too (its suggestions are in it), with exit code 2.
 * Errors go to stderr: a refused argument as a usage error (2), anything else with exit code 1.
 */
export async function oneShot(spec: CliSpec, input: CommandInput, json: boolean): Promise<void> {
  try {
    const app = await bootstrap(process.env, { defaultLogLevel: 'warn' });
    await addStoredFeedArticles(app);
    const reply = await runCommand(spec.name, input, { platform: 'console', id: 'cli', isAdmin: true, channel: 'terminal' }, app.deps);
    // The articles are loaded before the command runs, so an error reply can only be about its arguments.
    if (reply.kind === 'error') return usageError(spec, renderReplyText(reply));
    process.stdout.write(`${json ? JSON.stringify(jsonOf(reply), null, 2) : textOf(reply)}\n`);
    if (reply.kind === 'digest' && reply.digest.items.length === 0) process.exitCode = 2;
  } catch (err) {
    console.error(`news-digest-bot: ${(err as Error).message}`);
    process.exitCode = 1;
  }
}

const textOf = (reply: Reply) => (reply.kind === 'digest' ? renderDigestText(reply.digest, "'npm run topics'") : renderReplyText(reply));

function jsonOf(reply: Exclude<Reply, { kind: 'error' }>): unknown {
  switch (reply.kind) {
    case 'digest':
      return reply.digest;
    case 'topics':
      return { articles: reply.articles, topics: reply.topics };
    default:
      return reply;
  }
}
