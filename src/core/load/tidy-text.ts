// Zero-width characters, soft hyphens and bidi controls: invisible, yet they split words for the tokenizer.
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF\u202A-\u202E\u2066-\u2069]/g;
// C0 controls other than tab and the line breaks handled below, plus DEL.
const CONTROL = /[\u0000-\u0008\u000E-\u001F\u007F]/g;
// Everything prepareText would change, in one class: most files have none of it,
// and one scan is cheaper than five replaces that find nothing.
const NEEDS_FIXING = /[\u0000-\u0008\u000B-\u001F\u007F\u0085\u00AD\u200B-\u200D\u2028\u2029\u2060\uFEFF\u202A-\u202E\u2066-\u2069]/;
const NON_ASCII = /[^\u0000-\u007F]/;
// Printable ASCII, tabs and line feeds: nothing prepareText changes. One scan tells most files apart.
const NOT_PLAIN = /[^\t\n\u0020-\u007E]/;
// Spaces other than the plain one, which become it.
const OTHER_SPACES = '\\t\\u00A0\\u1680\\u2000-\\u200A\\u202F\\u205F\\u3000';
const OTHER_SPACE = new RegExp(`[${OTHER_SPACES}]`);
// A single space is left alone: replacing every word gap with itself is the slow part.
const SPACES = new RegExp(`[ ${OTHER_SPACES}]{2,}|[${OTHER_SPACES}]`, 'g');

/**
 * Whether SPACES matches anywhere: two spaces or one other space character. Native searches and
 * an ASCII check (a text without other characters has no other space but the tab) cost less than the replace.
 */
const hasSpacesToCollapse = (text: string): boolean =>
  text.includes('  ') || text.includes('\t') || (Buffer.byteLength(text, 'utf8') !== text.length && OTHER_SPACE.test(text));
const PUNCTUATION_ONLY = /^[\p{P}\p{S}\s]+$/u;

/**
 * Normalises a decoded file before any format parsing: invisible characters out,
 * line endings to `\n`, Unicode to NFC. Runs first so front matter and markup
 * detection see the same text the body will be made of.
 */
export function prepareText(text: string): string {
  if (!NOT_PLAIN.test(text)) return text;
  let out = text;
  if (NEEDS_FIXING.test(out)) {
    out = out
      .replace(INVISIBLE, '')
      .replace(/\r\n?|[\u2028\u0085]/g, '\n')
      .replace(/[\u2029\f\v]/g, '\n\n')
      .replace(CONTROL, '');
  }
  return NON_ASCII.test(out) ? out.normalize('NFC') : out;
}

/** How {@link tidyBody} treats line breaks. */
export interface TidyOptions {
  /** Plain text with no blank line at all: every line is taken as a paragraph. */
  linesAsParagraphs?: boolean;
  /** Drop lines made only of punctuation (the `.` between `</p>.<p>` in scraped HTML). */
  dropPunctuationLines?: boolean;
}

/**
 * Collapses spaces inside lines and rebuilds paragraphs separated by one blank line.
 * Expects text that went through {@link prepareText}. Returns '' when nothing readable is left.
 */
export function tidyBody(text: string, options: TidyOptions = {}): string {
  const blocks: string[][] = [];
  let current: string[] = [];
  for (const raw of (hasSpacesToCollapse(text) ? text.replace(SPACES, ' ') : text).split('\n')) {
    const line = raw.trim();
    const drop = line === '' || (options.dropPunctuationLines === true && PUNCTUATION_ONLY.test(line));
    if (drop) {
      if (current.length > 0) blocks.push(current);
      current = [];
    } else {
      current.push(line);
    }
  }
  if (current.length > 0) blocks.push(current);

  const only = blocks[0];
  if (options.linesAsParagraphs === true && blocks.length === 1 && only !== undefined && only.length > 1) {
    return only.join('\n\n');
  }
  return blocks.map((lines) => lines.join('\n')).join('\n\n');
}

/** Collapses whitespace in a one-line metadata value; undefined when empty. */
export function tidyLine(value: string): string | undefined {
  const line = prepareText(value).replace(/\s+/g, ' ').trim();
  return line === '' ? undefined : line;
}
