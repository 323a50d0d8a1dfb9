import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { runCommand } from '../../commands/registry.ts';
import type { CommandDeps, Invoker } from '../../commands/types.ts';
import { renderReplyText } from './render-text.ts';
import { parseLine } from './parse-line.ts';
import { TerminalScreen } from './terminal-screen.ts';

export interface ConsoleSessionOptions {
  input: Readable;
  output: Writable;
  deps: CommandDeps;
  /** Where text that arrives on its own (daily digests, reload notices) is printed; made from `output` when left out. */
  screen?: TerminalScreen;
  /** Shown on start: the first thing a new user sees should be a real digest. */
  openingTopic?: string;
  /** Lines shown under the opening digest, such as where the logs go. */
  notes?: string[];
}

// The person at the terminal runs the process, so they may run admin and operator commands too.
const LOCAL_USER: Invoker = { platform: 'console', id: 'local', isAdmin: true, channel: 'terminal' };

/**
 * An interactive terminal session that takes the same slash commands as chat.
 * Resolves when the input ends (Ctrl-D, end of a pipe), the user types /quit, or Ctrl-C.
 */
export async function runConsoleSession(options: ConsoleSessionOptions): Promise<void> {
  const { output, deps } = options;
  const screen = options.screen ?? new TerminalScreen(output);
  const say = (text: string) => output.write(`${text}\n`);
  const interactive = Boolean((options.input as { isTTY?: boolean }).isTTY);
  const rl = createInterface({ input: options.input, output, terminal: interactive, prompt: '> ' });
  let closed = false;
  rl.on('close', () => {
    closed = true;
    screen.attach(undefined);
  });
  // In a raw-mode terminal Ctrl-C reaches readline, not the process: treat it as leaving.
  rl.on('SIGINT', () => rl.close());
  // A prompt drawn after close() would resume the terminal's input and keep the process alive.
  const prompt = () => {
    if (!interactive || closed) return;
    rl.prompt();
    screen.attach(rl);
  };
  const run = async (line: string) => {
    const parsed = parseLine(line);
    if (!parsed) return;
    if (parsed.command === 'quit' || parsed.command === 'exit') return rl.close();
    say(renderReplyText(await runCommand(parsed.command, parsed.input, LOCAL_USER, deps)));
  };
  if (options.openingTopic) {
    say(`Digest of the top topic, "${options.openingTopic}":\n`);
    await run(`/summary ${options.openingTopic}`);
    say('');
  }
  for (const note of options.notes ?? []) say(note);
  say('Type /summary <topic>, /topics, /subscribe <topic> <HH:MM> [zone], /reload or /help; /quit or Ctrl-D to leave.');
  prompt();
  for await (const line of rl) {
    screen.attach(undefined);
    try {
      await run(line);
    } catch (err) {
      say(`Something went wrong: ${(err as Error).message}`);
    }
    prompt();
  }
}
