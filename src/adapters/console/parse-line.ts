import { COMMANDS } from '../../commands/registry.ts';

// Words the terminal session itself answers (see console-session.ts).
const SESSION_WORDS = ['quit', 'exit'];

/**
 * Reads a typed line the way chat users type a command: "/summary kandahar prison --length long".
 * The arguments stay text, read by runCommand as Slack's are. The slash may be left out before a
 * command's name ("help"); any other line ("hello there") names no command, so its name is empty.
 */
export function parseLine(line: string): { command: string; input: string } | undefined {
  const match = /^(\/?)(\S+)\s*(.*)$/s.exec(line.trim());
  if (!match) return undefined;
  const [, slash, name = '', rest = ''] = match;
  const command = name.toLowerCase();
  const known = SESSION_WORDS.includes(command) || COMMANDS.some((c) => c.name === command);
  return slash || known ? { command, input: rest } : { command: '', input: line.trim() };
}
