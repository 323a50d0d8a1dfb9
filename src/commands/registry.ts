import { summaryCommand } from './summary.ts';
import { topicsCommand } from './topics.ts';
import { reloadCommand } from './reload.ts';
import { subscribeCommand, subscriptionsCommand, unsubscribeCommand } from './subscription-commands.ts';
import { feedCommand } from './feed-command.ts';
import { refusal } from './access.ts';
import { validateInput } from './validate.ts';
import { parseArguments } from './parse-text.ts';
import { closestName } from './usage.ts';
import type { CommandDefinition, CommandDeps, CommandInput, Invoker, Reply } from './types.ts';

const helpCommand: CommandDefinition = {
  name: 'help',
  description: 'What this bot can do',
  access: 'everyone',
  needsCorpus: false,
  options: [],
  run: () => ({ kind: 'help', commands: COMMANDS }),
};

/** Every command, in the order help lists them. Platforms register exactly these. */
export const COMMANDS: readonly CommandDefinition[] = [
  summaryCommand,
  topicsCommand,
  subscribeCommand,
  unsubscribeCommand,
  subscriptionsCommand,
  feedCommand,
  reloadCommand,
  helpCommand,
];

/**
 * Runs a command by name for any platform: checks permission and arguments first. Arguments come
 * as options (Discord, scripts) or as the text typed after the name (Slack, the terminal). An
 * empty name means a typed line named no command at all.
 */
export async function runCommand(name: string, args: CommandInput | string, invoker: Invoker, deps: CommandDeps): Promise<Reply> {
  const started = performance.now();
  const def = COMMANDS.find((c) => c.name === name.toLowerCase());
  const reply = def ? await dispatch(def, args, invoker, deps) : unknown(name);
  // Only known names become metric labels: typed names are unbounded.
  deps.observer?.commandServed(def?.name ?? 'unknown', invoker.platform, performance.now() - started, reply);
  return reply;
}

function unknown(name: string): Reply {
  if (!name) return { kind: 'error', code: 'not-a-command', detail: {} };
  const suggestion = closestName(name, COMMANDS.map((c) => c.name));
  return { kind: 'error', code: 'unknown-command', detail: { command: name, ...(suggestion && { suggestion }) } };
}

async function dispatch(def: CommandDefinition, args: CommandInput | string, invoker: Invoker, deps: CommandDeps): Promise<Reply> {
  const refused = refusal(def, invoker, deps);
  if (refused) return refused;
  const parsed = typeof args === 'string' ? parseArguments(def, args) : { input: args };
  if ('error' in parsed) return parsed.error;
  const checked = validateInput(def, parsed.input);
  if ('error' in checked) return checked.error;
  if (def.rateLimited && deps.rateLimiter) {
    const wait = deps.rateLimiter.take(invoker.platform, invoker.id, invoker.channel);
    if (wait > 0) return { kind: 'error', code: 'rate-limited', detail: { seconds: String(wait) } };
  }
  if (def.needsCorpus && !deps.corpus.loaded) return { kind: 'error', code: 'not-loaded', detail: {} };
  const reply = await def.run(checked.input, invoker, deps);
  const foundNothing = reply.kind === 'digest' && reply.digest.items.length === 0;
  return foundNothing && 'ifNothingFound' in parsed && parsed.ifNothingFound ? parsed.ifNothingFound : reply;
}
