/**
 * Parsing of the one-word-per-line lists in `config/` (abbreviations, stopwords).
 */

/**
 * Reads a word list: one entry per line, `#` starts a comment line, blank lines are skipped.
 * Entries must be lowercase, without spaces, and (for abbreviations) without a final dot.
 * @throws Error with the 1-based line number of the first bad entry.
 */
export function parseWordList(text: string): Set<string> {
  const words = new Set<string>();
  text.split(/\r?\n/).forEach((raw, k) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const problem =
      /\s/.test(line) ? 'contains whitespace'
      : line !== line.toLowerCase() ? 'is not lowercase'
      : line.endsWith('.') ? 'ends with a dot'
      : undefined;
    if (problem) throw new Error(`line ${k + 1}: "${line}" ${problem}`);
    words.add(line.normalize('NFKC'));
  });
  return words;
}
