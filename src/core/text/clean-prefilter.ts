/**
 * Cheap necessary conditions for a boilerplate rule to match a line, derived from its pattern when
 * the rules compile. Most lines match no rule, and an `exec` per rule per line was most of the
 * cleaner's time; a line that fails a rule's gate cannot match it, so the regex is not run.
 *
 * Each top-level alternative of a pattern gives what any of its matches must have: when anchored at
 * the start, a first character from a known set; anywhere, its longest run of literal characters.
 * A rule passes when one of its alternatives passes; an alternative with neither leaves the rule ungated.
 */
import { parseRegex, type RegexNode } from './regex-ast.ts';

/** What one alternative's matches must have; at least one of the two is set. */
interface AlternativeGate {
  /** Whether each ASCII character can start a match, and a regex over the first character for the rest. */
  first?: { ascii: Uint8Array; regex: RegExp };
  /** Text every match contains; lower case when the rule ignores case (compared with the folded line). */
  literal?: string;
}

export interface RuleGate {
  caseless: boolean;
  alternatives: AlternativeGate[];
}

/**
 * A line as the gates see it. The folded form, made once per line and only when a case-insensitive
 * literal asks for it, is lower case with `ſ` as `s`: under the `iu` flags the only characters
 * outside ASCII that match an ASCII letter are `ſ` and the Kelvin sign, and `toLowerCase` already
 * turns the Kelvin sign into `k`. So any match of an ASCII literal shows in the folded line.
 */
export class GateInput {
  #folded: string | undefined;

  constructor(readonly text: string) {}

  get folded(): string {
    return (this.#folded ??= foldCase(this.text));
  }
}

export function foldCase(text: string): string {
  const lower = text.toLowerCase();
  return lower.includes('ſ') ? lower.replaceAll('ſ', 's') : lower;
}

/** False only when the rule cannot match the line; an ungated rule always passes. */
export function mayMatch(gate: RuleGate | undefined, line: GateInput): boolean {
  if (gate === undefined) return true;
  for (const { first, literal } of gate.alternatives) {
    if (first && !startsRight(first, line.text)) continue;
    if (literal !== undefined && !(gate.caseless ? line.folded : line.text).includes(literal)) continue;
    return true;
  }
  return false;
}

function startsRight(first: NonNullable<AlternativeGate['first']>, text: string): boolean {
  const c = text.charCodeAt(0);
  if (c < 0x80) return first.ascii[c] === 1;
  return text === '' ? false : first.regex.test(String.fromCodePoint(text.codePointAt(0)!));
}

/**
 * The gate of a compiled pattern. `flags` are those it compiled with: `y` anchors every alternative
 * at the start, `m` makes `^` match after line breaks too, so it anchors nothing.
 */
export function ruleGate(source: string, flags: string): RuleGate | undefined {
  const caseless = flags.includes('i');
  const alternatives: AlternativeGate[] = [];
  for (const alternative of topLevelAlternatives(source)) {
    const anchored = flags.includes('y') || (!flags.includes('m') && alternative.startsWith('^'));
    const node = parseRegex(alternative);
    const gate: AlternativeGate = {};
    const atoms = anchored ? firstAtoms(node) : undefined;
    if (atoms) gate.first = firstCharGate(atoms, flags.replace(/[gy]/g, ''));
    const literal = longestLiteral(node, caseless);
    if (literal !== '') gate.literal = literal;
    if (!gate.first && gate.literal === undefined) return undefined;
    alternatives.push(gate);
  }
  return { caseless, alternatives };
}

/** Splits a pattern at the `|` that are outside any group or class. */
function topLevelAlternatives(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let from = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(source.slice(from, i));
      from = i + 1;
    }
  }
  out.push(source.slice(from));
  return out;
}

/**
 * Sources of the atoms a match can start with, or undefined when that is not known (a `.`, a
 * backreference) or the node can match the empty string. Zero-width parts (`^`, `\b`, lookarounds) consume nothing.
 */
function firstAtoms(node: RegexNode): string[] | undefined {
  const atoms: string[] = [];
  /** Adds the first atoms of `n` and says whether `n` can match the empty string; throws on the unknown. */
  const add = (n: RegexNode): boolean => {
    switch (n.type) {
      case 'atom':
        if (n.source === '.') throw new Error('any character');
        atoms.push(n.source);
        return false;
      case 'empty': case 'look': return true;
      case 'backref': throw new Error('backreference');
      case 'seq': return n.items.every(add);
      case 'alt': return n.options.map(add).some(Boolean);
      case 'repeat': return add(n.body) || n.min === 0;
    }
  };
  try {
    return add(node) ? undefined : atoms;
  } catch {
    return undefined;
  }
}

/** The first-character test, asking the regex engine itself what each atom matches under the rule's flags. */
function firstCharGate(atoms: string[], flags: string): AlternativeGate['first'] {
  const regex = new RegExp(`^(?:${atoms.join('|')})`, flags);
  const ascii = new Uint8Array(0x80);
  for (let c = 0; c < 0x80; c++) ascii[c] = regex.test(String.fromCharCode(c)) ? 1 : 0;
  return { ascii, regex };
}

/**
 * The longest run of literal characters in the node's top-level sequence (groups without a
 * quantifier are part of it; zero-width parts do not break a run, as they consume nothing).
 * Under `i` only ASCII characters count, lower-cased, as {@link GateInput} folds only those exactly.
 */
function longestLiteral(node: RegexNode, caseless: boolean): string {
  let best = '';
  let run = '';
  const visit = (n: RegexNode): void => {
    if (n.type === 'seq') return n.items.forEach(visit);
    if (n.type === 'empty') return;
    const char = n.type === 'atom' ? literalChar(n.source) : undefined;
    if (char === undefined || (caseless && char.charCodeAt(0) >= 0x80)) run = '';
    else if ((run += caseless ? char.toLowerCase() : char).length > best.length) best = run;
  };
  visit(node);
  return best;
}

/** The character an atom matches when it is a plain or escaped literal, else undefined. */
function literalChar(source: string): string | undefined {
  if (source.length === 1) return source === '.' ? undefined : source;
  return source.length === 2 && source[0] === '\\' && !/[\p{L}\p{N}]/u.test(source[1]!) ? source[1] : undefined;
}
