import type { CommandDefinition, CommandInput, OptionSpec } from './types.ts';

/**
 * Whether a word can fill an option given by position at the end of a line: a choice it lists,
 * or the shape its `pattern` describes. Shape only; the command still validates the value.
 */
const fits = (option: OptionSpec, word: string) =>
  option.choices ? option.choices.includes(word.toLowerCase()) : Boolean(option.pattern?.test(word));

/**
 * Reads a command's arguments from free text, for platforms without typed options (Slack, the
 * terminal): "kandahar prison long", "ghazni 8:30 Europe/Berlin". "--name value" and "name:value"
 * set any option; of the rest, trailing words that fit the later options fill them, and the
 * words left fill the first option, so a topic may have spaces.
 */
export function parseArguments(def: CommandDefinition, text: string): CommandInput {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const input: CommandInput = {};
  const free: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const flag = /^--([a-z]+)(?:=(.*))?$/.exec(word) ?? /^([a-z]+):(\D.*)$/.exec(word);
    const option = flag && def.options.find((o) => o.name === flag[1]);
    if (flag && option) input[option.name] = flag[2] ?? words[++i];
    else free.push(word);
  }
  const [first, ...later] = def.options;
  for (const option of [...later].reverse()) {
    if (input[option.name] === undefined && free.length > 1 && fits(option, free[free.length - 1]!)) input[option.name] = free.pop();
  }
  if (first && free.length && input[first.name] === undefined) input[first.name] = free.join(' ');
  return input;
}
