import { closestName, usageDetail } from './usage.ts';
import type { CommandDefinition, CommandInput, ErrorCode, OptionSpec, Reply } from './types.ts';

/**
 * Typed arguments read as options, or the error that says what is wrong with them.
 * `ifNothingFound` is the answer to give instead of a digest that finds nothing (see topicEnd).
 */
export type ParsedText = { input: CommandInput; ifNothingFound?: Reply } | { error: Reply };

/** Whether a word can be an option's value by position: a choice it lists, or the shape its `pattern` describes. */
const fits = (option: OptionSpec, word: string) =>
  option.choices ? option.choices.includes(word.toLowerCase()) : Boolean(option.pattern?.test(word));

const refuse = (def: CommandDefinition, code: ErrorCode, detail: Record<string, string>): { error: Reply } => ({
  error: { kind: 'error', code, detail: { ...usageDetail(def), ...detail } },
});

/**
 * Reads a command's arguments from free text, for platforms without typed options (Slack, the
 * terminal): "kandahar prison long", "ghazni 8:30 Europe/Berlin". "--name value" and "name:value"
 * set any option; the other words fill the remaining options in order, a topic taking as many
 * words as come before the next option's value. Shape only: the command still checks the values.
 */
export function parseArguments(def: CommandDefinition, text: string): ParsedText {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const named: CommandInput = {};
  const free: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const dashed = /^--(\p{L}[\p{L}\p{N}_-]*)(?:=(.*))?$/u.exec(word);
    // "name:value" is only an option for a name the command has: "re:publica" can be a topic.
    const flag = dashed ?? /^([a-z]+):(\D.*)$/.exec(word);
    const option = flag && def.options.find((o) => o.name === flag[1]!.toLowerCase());
    if (dashed && !option) {
      const suggestion = closestName(dashed[1]!, def.options.map((o) => o.name));
      return refuse(def, 'unknown-option', { option: dashed[1]!, ...(suggestion && { suggestion }) });
    }
    if (!flag || !option) {
      free.push(word);
      continue;
    }
    const value = flag[2] ?? words[++i];
    if (!value) return refuse(def, 'missing-value', { option: option.name });
    named[option.name] = value;
  }
  const open = def.options.filter((o) => named[o.name] === undefined);
  const topic = open[0]?.topic ? open[0] : undefined;
  if (!topic) return fill(def, named, free, open);
  const end = topicEnd(free, open[1]);
  const read = (at: number) => fill(def, { ...named, [topic.name]: free.slice(0, at).join(' ') || undefined }, free.slice(at), open.slice(1));
  const first = read(end.at);
  if (end.orAt === undefined || 'error' in first) return first;
  const second = read(end.orAt);
  return 'error' in second ? { ...first, ifNothingFound: second.error } : first;
}

/**
 * Where a topic's words end and the next option's begin. A value with a shape of its own (07:30)
 * ends the topic wherever it stands. A choice is an ordinary word that topics use too ("long
 * march", "short selling"), so only a last word is taken as one; one further in ("ghazni medium
 * extra words") leaves the whole line the topic, and `orAt` is the reading that takes it as an
 * option followed by stray words, the likelier mistake when that topic finds nothing.
 */
function topicEnd(words: readonly string[], next: OptionSpec | undefined): { at: number; orAt?: number } {
  const whole = { at: words.length };
  if (!next) return whole;
  if (next.choices) {
    if (words.length > 1 && fits(next, words.at(-1)!)) return { at: words.length - 1 };
    const inside = words.findIndex((w, i) => i > 0 && fits(next, w));
    return inside > 0 ? { ...whole, orAt: inside } : whole;
  }
  const shaped = words.findIndex((w) => fits(next, w));
  if (shaped >= 0) return { at: shaped };
  // A time typed in a shape not taken ("8am", "7h30") is better refused as a bad time than searched as part of the topic.
  const digits = words.map((w) => /\d/.test(w)).lastIndexOf(true);
  return next.required && digits > 0 ? { at: digits } : whole;
}

/** Gives each option the next word (a phrase option, the next words), in order; words left over are an error. */
function fill(def: CommandDefinition, input: CommandInput, words: readonly string[], options: readonly OptionSpec[]): ParsedText {
  const filled = { ...input };
  let used = 0;
  let after: string | undefined;
  for (const [i, option] of options.entries()) {
    const rest = words.slice(used);
    if (rest.length === 0) break;
    const take = option.phrase && !fits(option, rest[0]!) ? Math.max(1, topicEnd(rest, options[i + 1]).at) : 1;
    filled[option.name] = rest.slice(0, take).join(' ');
    used += take;
    after = option.name;
  }
  const extra = words.slice(used);
  if (extra.length === 0) return { input: filled };
  return refuse(def, 'unexpected-words', { words: extra.join(' '), count: String(extra.length), ...(after && { after }) });
}
