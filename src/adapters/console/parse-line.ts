import { COMMANDS } from '../../commands/registry.ts';
import type { CommandInput } from '../../commands/types.ts';

/**
 * Reads a typed command the way chat users type it: "/summary kandahar prison --length long".
 * Free words fill the first required option; "--name value" (or "name:value") fills the others.
 */
export function parseLine(line: string): { command: string; input: CommandInput } | undefined {
  const words = line.trim().replace(/^\//, '').split(/\s+/).filter(Boolean);
  const command = words.shift()?.toLowerCase();
  if (!command) return undefined;
  const def = COMMANDS.find((c) => c.name === command);
  const input: CommandInput = {};
  const free: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const flag = /^--([a-z]+)(?:=(.*))?$/.exec(word) ?? /^([a-z]+):(.+)$/.exec(word);
    const option = flag && def?.options.find((o) => o.name === flag[1]);
    if (flag && option) input[option.name] = flag[2] ?? words[++i];
    else free.push(word);
  }
  const main = def?.options.find((o) => o.required) ?? def?.options[0];
  if (main && free.length) input[main.name] = free.join(' ');
  return { command, input };
}
