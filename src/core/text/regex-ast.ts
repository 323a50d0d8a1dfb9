// Kept by hand: 114 lines serve the backtracking check and the prefilter; @eslint-community/regexpp could replace it, but no kept checker needed its AST (issue 20).
/**
 * A small parser for JavaScript regular expressions (the `u` dialect), just precise enough for the
 * backtracking check in `regex-safety.ts`. Character classes and escapes are not interpreted here:
 * each one becomes an `atom` carrying its source text, which the checker turns into a character set
 * by asking the regex engine itself. The input must already have compiled, so syntax is trusted.
 */

/** A node of the parsed pattern. */
export type RegexNode =
  | { type: 'atom'; source: string }
  | { type: 'empty' }
  | { type: 'backref' }
  | { type: 'look'; body: RegexNode }
  | { type: 'seq'; items: RegexNode[] }
  | { type: 'alt'; options: RegexNode[] }
  | { type: 'repeat'; body: RegexNode; min: number; max: number };

/** Parses `source`, which must be a valid pattern for `new RegExp(source, 'u')`. */
export function parseRegex(source: string): RegexNode {
  let i = 0;

  const parseAlt = (): RegexNode => {
    const options = [parseSeq()];
    while (source[i] === '|') {
      i++;
      options.push(parseSeq());
    }
    return options.length === 1 ? options[0]! : { type: 'alt', options };
  };

  const parseSeq = (): RegexNode => {
    const items: RegexNode[] = [];
    while (i < source.length && source[i] !== '|' && source[i] !== ')') {
      items.push(parseQuantifier(parseAtom()));
    }
    return items.length === 1 ? items[0]! : { type: 'seq', items };
  };

  const parseQuantifier = (body: RegexNode): RegexNode => {
    const c = source[i];
    let min: number;
    let max: number;
    if (c === '*' || c === '+' || c === '?') {
      i++;
      min = c === '+' ? 1 : 0;
      max = c === '?' ? 1 : Infinity;
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i, i + 24));
      if (!m) return body;
      i += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    } else {
      return body;
    }
    if (source[i] === '?') i++; // lazy or greedy backtrack alike
    return { type: 'repeat', body, min, max };
  };

  const parseAtom = (): RegexNode => {
    const c = source[i]!;
    if (c === '(') return parseGroup();
    if (c === '[') {
      const start = i;
      i++;
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
      i++;
      return { type: 'atom', source: source.slice(start, i) };
    }
    if (c === '\\') return parseEscape();
    if (c === '^' || c === '$') {
      i++;
      return { type: 'empty' };
    }
    const cp = source.codePointAt(i)!;
    const text = String.fromCodePoint(cp);
    i += text.length;
    return { type: 'atom', source: c === '.' ? '.' : text.replace(/[$()*+.?[\\\]^{|}]/, '\\$&') };
  };

  const parseGroup = (): RegexNode => {
    let look = false;
    if (source.startsWith('(?:', i)) i += 3;
    else if (source.startsWith('(?=', i) || source.startsWith('(?!', i)) (i += 3), (look = true);
    else if (source.startsWith('(?<=', i) || source.startsWith('(?<!', i)) (i += 4), (look = true);
    else if (source.startsWith('(?<', i)) i = source.indexOf('>', i) + 1;
    else i += 1;
    const body = parseAlt();
    i++; // ')'
    return look ? { type: 'look', body } : body;
  };

  const parseEscape = (): RegexNode => {
    const start = i;
    const c = source[i + 1]!;
    i += 2;
    if (c === 'b' || c === 'B') return { type: 'empty' };
    if (/[1-9]/.test(c)) {
      while (/\d/.test(source[i] ?? '')) i++;
      return { type: 'backref' };
    }
    if (c === 'k') {
      i = source.indexOf('>', i) + 1;
      return { type: 'backref' };
    }
    if ((c === 'p' || c === 'P' || c === 'u') && source[i] === '{') i = source.indexOf('}', i) + 1;
    else if (c === 'u') i += 4;
    else if (c === 'x') i += 2;
    else if (c === 'c') i += 1;
    return { type: 'atom', source: source.slice(start, i) };
  };

  return parseAlt();
}
