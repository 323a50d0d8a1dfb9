import { editDistance } from '../core/query/suggest.ts';
import type { CommandDefinition, OptionSpec } from './types.ts';

// A required choice says which words the command takes ("/feed add|remove|list"): its name alone
// would not tell a reader what to type.
const shownAs = (o: OptionSpec) => (o.required ? (o.choices?.join('|') ?? o.name) : `[${o.name}]`);

/** "/subscribe topic time [timezone]": how a command is typed, for help and for errors. */
export function usageOf(c: CommandDefinition): string {
  return `/${c.name}${c.options.map((o) => ` ${shownAs(o)}`).join('')}`;
}

/** The details every error about typed arguments carries, so its reply can show how to type them. */
export function usageDetail(c: CommandDefinition): Record<string, string> {
  return { command: c.name, usage: usageOf(c), ...(c.example ? { example: `/${c.name} ${c.example}` } : {}) };
}

/**
 * The name a typo most likely meant ("sumary" -> summary, "lenght" -> length). Only a letter or
 * two away, so "hello" is not taken for "help".
 */
export function closestName(typed: string, names: readonly string[]): string | undefined {
  const limit = typed.length >= 6 ? 2 : 1;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const name of names) {
    const d = editDistance(typed.toLowerCase(), name, limit);
    if (d < bestDistance) [best, bestDistance] = [name, d];
  }
  return best;
}
