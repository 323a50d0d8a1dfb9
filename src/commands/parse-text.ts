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
    // "name:value" is only an option for a name the command has, and a value led by a digit only
    // in the option's own shape: "re:publica" and "g:7" can be topics, "since:24h" is a since.
    const colon = dashed ? null : /^([a-z]+):(.+)$/.exec(word);
    const flag = dashed ?? colon;
    const known = flag && def.options.find((o) => o.name === flag[1]!.toLowerCase());
    const option = colon && known && /^\d/.test(colon[2]!) && !fits(known, colon[2]!) ? undefined : known;
    // "ghazni since 24h": an option's name just before a value of the option's own shape names it,
    // as --since 24h does; only shaped values, and never as the first word: "time 08:30" is about Time.
    const spoken = !flag && free.length > 0 && def.options.find((o) => o.pattern && o.name === word.toLowerCase());
    if (spoken && words[i + 1] !== undefined && fits(spoken, words[i + 1]!)) {
      named[spoken.name] = words[++i]!;
      continue;
    }
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
  const end = topicEnd(free, open.slice(1));
  const read = (at: number) => fill(def, { ...named, [topic.name]: free.slice(0, at).join(' ') || undefined }, free.slice(at), open.slice(1));
  const first = read(end.at);
  if (end.orAt === undefined || 'error' in first) return first;
  const second = read(end.orAt);
  return 'error' in second ? { ...first, ifNothingFound: second.error } : first;
}

/**
 * Where a topic's words end and the options' after it begin. Last words that each fit one of the
 * options after the topic are those options, in any order ("ghazni 24h long"). A value with a
 * shape of its own (07:30) for the next option ends the topic wherever it stands. A choice is an
 * ordinary word that topics use too ("long march", "short selling"), so only a last word is taken
 * as one; an option's word further in ("ghazni medium extra words") leaves the whole line the
 * topic, and `orAt` is the reading that takes it as an option followed by stray words, the
 * likelier mistake when that topic finds nothing.
 */
function topicEnd(words: readonly string[], later: readonly OptionSpec[]): { at: number; orAt?: number } {
  const whole = { at: words.length };
  const next = later[0];
  if (!next) return whole;
  // The topic keeps its first word, whatever it looks like: "3d printing", "long march".
  let tail = 1;
  while (tail < words.length && !assign(words.slice(tail), later).every((o, i) => o !== undefined && fits(o, words[tail + i]!))) tail++;
  const byNext = nextEnd(words, next, later);
  return tail < byNext.at ? { at: tail } : byNext;
}

function nextEnd(words: readonly string[], next: OptionSpec, later: readonly OptionSpec[]): { at: number; orAt?: number } {
  const whole = { at: words.length };
  if (next.choices) {
    const inside = words.findIndex((w, i) => i > 0 && later.some((o) => fits(o, w)));
    return inside > 0 ? { ...whole, orAt: inside } : whole;
  }
  const shaped = words.findIndex((w) => fits(next, w));
  if (shaped >= 0) return { at: shaped };
  // A time typed in a shape not taken ("8am", "7h30") is better refused as a bad time than searched as part of the topic.
  const digits = words.map((w) => /\d/.test(w)).lastIndexOf(true);
  return next.required && digits > 0 ? { at: digits } : whole;
}

/**
 * The option each word goes to, in order; undefined for a word left over. A word goes to the next
 * option not given yet (but never to one that takes `byShapeOnly` a word it does not fit), unless
 * it has the shape of one after it and the options it would skip are optional ones of another
 * shape: "ghazni 24h" leaves the length out and gives the since.
 */
function assign(words: readonly string[], options: readonly OptionSpec[]): (OptionSpec | undefined)[] {
  const open = [...options];
  return words.map((word) => {
    const shaped = open.findIndex((o) => fits(o, word));
    const skips = open.slice(0, Math.max(0, shaped));
    const k = shaped === 0 || (shaped > 0 && skips.every((o) => !o.required && (o.choices || o.pattern))) ? shaped : open.findIndex((o) => !o.byShapeOnly);
    return k < 0 ? undefined : open.splice(k, 1)[0];
  });
}

/**
 * Gives the options their words (see assign); a phrase option takes the words up to where the
 * options after it begin ("Example News" for a feed's name). Words left over are an error.
 */
function fill(def: CommandDefinition, input: CommandInput, words: readonly string[], options: readonly OptionSpec[]): ParsedText {
  const filled = { ...input };
  const open = [...options];
  const extra: string[] = [];
  let after: string | undefined;
  for (let i = 0; i < words.length; ) {
    const [option] = assign([words[i]!], open);
    if (!option) {
      extra.push(words[i++]!);
      continue;
    }
    open.splice(open.indexOf(option), 1);
    const rest = words.slice(i);
    const take = option.phrase && !fits(option, rest[0]!) ? Math.max(1, topicEnd(rest, open).at) : 1;
    filled[option.name] = rest.slice(0, take).join(' ');
    i += take;
    after = option.name;
  }
  if (extra.length === 0) return { input: filled };
  return refuse(def, 'unexpected-words', { words: extra.join(' '), count: String(extra.length), ...(after && { after }) });
}
