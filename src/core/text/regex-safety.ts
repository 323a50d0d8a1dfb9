// Kept by hand: safe-regex2 misses (a|a)*b and rejects 9 of the 28 shipped rules, scslre misses (\d+\d)+ and (a?){2,}, redos-detector refuses the iu flags, re2js has no lookahead (issue 20).
/**
 * A conservative static check for patterns that can backtrack catastrophically.
 *
 * Exponential backtracking needs a repeated group whose iterations can split the same text in more
 * than one way: `(a+)+`, `(\w+\s?)+`, `(a|a)*`, `(.*)*`. Inside any repetition with a maximum above
 * one, this check rejects (1) a body that can match the empty string, (2) an inner repetition whose
 * first characters overlap what may follow it (including the start of the next outer iteration),
 * and (3) alternatives whose first characters overlap. Top-level ambiguity such as `.*foo.*` is at
 * most polynomial and is left alone: the cleaner caps the length of text that patterns see.
 *
 * Character sets are approximated by testing a sample alphabet (ASCII plus a few letters, digits,
 * spaces and punctuation from other scripts) against each class or escape with the regex engine.
 */
import { parseRegex, type RegexNode } from './regex-ast.ts';

const SAMPLE: string[] = [
  '\t', '\n', '\r',
  ...Array.from({ length: 0x7f - 0x20 }, (_, k) => String.fromCharCode(0x20 + k)),
  '\u00a0', '\u00e9', '\u00c9', '\u00df', '\u0436', '\u0416', '\u0645', '\u0661', '\u4e2d', '\u0301',
  '\u2013', '\u2014', '\u2019', '\u201c', '\u201d', '\u2026', '\u2028', '\u{1f600}',
];
const ALL = (1n << BigInt(SAMPLE.length)) - 1n;

/**
 * Returns why `source` is prone to catastrophic backtracking, or undefined when it looks safe.
 * `flags` matter because `i` and `s` change what a class matches. The pattern must already compile.
 */
export function backtrackingRisk(source: string, flags: string): string | undefined {
  const atomFlags = flags.replace(/[gyd]/g, '');
  const cache = new Map<string, bigint>();
  const charSet = (atom: string): bigint => {
    let set = cache.get(atom);
    if (set === undefined) {
      const re = new RegExp(`^(?:${atom})$`, atomFlags);
      set = 0n;
      SAMPLE.forEach((ch, k) => {
        if (re.test(ch)) set! |= 1n << BigInt(k);
      });
      cache.set(atom, set);
    }
    return set;
  };

  const nullable = (n: RegexNode): boolean => {
    switch (n.type) {
      case 'atom': return false;
      case 'empty': case 'look': case 'backref': return true;
      case 'seq': return n.items.every(nullable);
      case 'alt': return n.options.some(nullable);
      case 'repeat': return n.min === 0 || nullable(n.body);
    }
  };

  const first = (n: RegexNode): bigint => {
    switch (n.type) {
      case 'atom': return charSet(n.source);
      case 'empty': case 'look': return 0n;
      case 'backref': return ALL; // could be anything the group captured
      case 'seq': return firstOfSeq(n.items, 0, 0n);
      case 'alt': return n.options.reduce((acc, o) => acc | first(o), 0n);
      case 'repeat': return first(n.body);
    }
  };

  /** First characters of items[from..], falling through to `after` when all of them are nullable. */
  const firstOfSeq = (items: RegexNode[], from: number, after: bigint): bigint => {
    let set = 0n;
    for (let k = from; k < items.length; k++) {
      set |= first(items[k]!);
      if (!nullable(items[k]!)) return set;
    }
    return set | after;
  };

  /** Walks the tree; `follow` is what may come right after `n`, `inLoop` says a repetition encloses it. */
  const walk = (n: RegexNode, follow: bigint, inLoop: boolean): string | undefined => {
    switch (n.type) {
      case 'atom': case 'empty': case 'backref': return undefined;
      case 'look': return walk(n.body, 0n, false);
      case 'seq':
        for (let k = 0; k < n.items.length; k++) {
          const risk = walk(n.items[k]!, firstOfSeq(n.items, k + 1, follow), inLoop);
          if (risk) return risk;
        }
        return undefined;
      case 'alt': {
        if (inLoop) {
          const firsts = n.options.map(first);
          for (let a = 0; a < firsts.length; a++) {
            for (let b = a + 1; b < firsts.length; b++) {
              if (firsts[a]! & firsts[b]!) return 'alternatives that can start with the same character inside a repeated group';
            }
          }
        }
        for (const option of n.options) {
          const risk = walk(option, follow, inLoop);
          if (risk) return risk;
        }
        return undefined;
      }
      case 'repeat': {
        if (n.max <= 1) return walk(n.body, follow, inLoop);
        if (nullable(n.body)) return 'a repeated group that can match the empty string';
        const start = first(n.body);
        if (inLoop && start & follow) return 'a quantifier nested in a repeated group over overlapping characters';
        return walk(n.body, (inLoop ? follow : 0n) | start, true);
      }
    }
  };

  return walk(parseRegex(source), 0n, false);
}
