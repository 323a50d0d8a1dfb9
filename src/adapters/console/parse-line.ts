import { COMMANDS } from '../../commands/registry.ts';
import { parseArguments } from '../../commands/parse-text.ts';
import type { CommandInput } from '../../commands/types.ts';

/** Reads a typed command the way chat users type it: "/summary kandahar prison --length long". */
export function parseLine(line: string): { command: string; input: CommandInput } | undefined {
  const match = /^\/?(\S+)\s*(.*)$/s.exec(line.trim());
  if (!match) return undefined;
  const command = match[1]!.toLowerCase();
  const def = COMMANDS.find((c) => c.name === command);
  return { command, input: def ? parseArguments(def, match[2]!) : {} };
}
