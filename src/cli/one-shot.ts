import { bootstrap } from '../app/bootstrap.ts';
import { runCommand } from '../commands/registry.ts';
import type { CommandInput, Reply } from '../commands/types.ts';
import { renderReplyText } from '../adapters/console/render-text.ts';

/**
 * Runs one command for scripts and prints its reply: as text, or with --json as the
 * reply's data. Exit code 1 for errors, 2 when a digest found nothing.
 */
export async function oneShot(command: string, toInput: (args: string[]) => CommandInput): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const rest = args.filter((a) => a !== '--json');
  try {
    const app = await bootstrap(process.env, { defaultLogLevel: 'warn' });
    const reply = await runCommand(command, toInput(rest), { platform: 'console', id: 'cli', isAdmin: true, channel: 'terminal' }, app.deps);
    process.stdout.write(`${json ? JSON.stringify(jsonOf(reply), null, 2) : renderReplyText(reply)}\n`);
    if (reply.kind === 'error') process.exitCode = 1;
    else if (reply.kind === 'digest' && reply.digest.items.length === 0) process.exitCode = 2;
  } catch (err) {
    console.error(`news-digest-bot: ${(err as Error).message}`);
    process.exitCode = 1;
  }
}

function jsonOf(reply: Reply): unknown {
  switch (reply.kind) {
    case 'digest':
      return reply.digest;
    case 'topics':
      return { articles: reply.articles, topics: reply.topics };
    case 'error':
      return { error: reply.code, message: renderReplyText(reply) };
    default:
      return reply;
  }
}
