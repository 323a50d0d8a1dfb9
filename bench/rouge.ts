/**
 * ROUGE-N recall as ROUGE-1.5.5 computes it in the standard DUC 2004 setting
 * (`-n 2 -m -a -l 100 -x -c 95 -r 1000 -f A -p 0.5 -t 0`), re-implemented so the benchmark needs no Perl.
 *
 * What the Perl script does, and so what this file does, in order:
 * 1. Lowercase each line (ASCII only, `tr/A-Z/a-z/`).
 * 2. `-l 100`: keep the first 100 *whitespace-separated* words of the raw lines, before any
 *    punctuation is removed, so stray tokens such as "_", "--" or "``" count toward the 100. The
 *    cut is applied to the references as well as to the summary.
 * 3. Hyphens and every other non-alphanumeric become spaces; tokens are the remaining runs of [a-z0-9].
 * 4. `-m`: tokens longer than 3 characters are Porter-stemmed (ROUGE's own variant, see
 *    rouge-porter.ts); shorter ones are kept as they are. Stopwords are kept (no `-s`).
 * 5. Clipped n-gram hits per reference; `-f A` pools them: sum of hits over all references divided
 *    by the sum of the references' n-gram counts (not a mean of per-reference recalls).
 * 6. `-t 0`: the system score is the mean of these per-cluster recalls (done by the caller).
 *
 * Step 4 has a twist that is easy to miss: before stemming, ROUGE-1.5.5 replaces irregular forms by
 * their WordNet base form ("were" -> "be", "said" -> "say"); see rouge-exceptions.ts. Without it
 * ROUGE-1 comes out about 0.3 points low on DUC 2004.
 */
import { ROUGE_EXCEPTIONS } from './rouge-exceptions.ts';
import { rougePorterStem } from './rouge-porter.ts';

/** Scoring knobs; the defaults are the standard setting. */
export interface RougeOptions {
  /** Keep only the first N whitespace-separated words of each text (`-l`); 0 keeps everything. Default 100. */
  wordLimit?: number;
  /**
   * Stem tokens longer than 3 characters (`-m`): WordNet irregular form if listed, else Porter.
   * Default true.
   */
  stem?: boolean;
  /** Irregular form -> base form used instead of the Porter stem. Default: ROUGE_EXCEPTIONS. */
  exceptions?: ReadonlyMap<string, string>;
}

/** ROUGE-1 and ROUGE-2 recall of one summary, in [0, 1]. */
export interface RougeScores {
  rouge1: number;
  rouge2: number;
}

// Perl's \s without Unicode semantics: a no-break space is part of a word there, so it is here too.
const PERL_SPACE = /[ \t\n\r\f\v]+/;

/**
 * Applies ROUGE-1.5.5's `-l` cut: the first `limit` words, counting words as Perl's `split(/\s+/)` does
 * on each line (a line with leading spaces yields one empty word, as in Perl). Lines are joined by spaces.
 */
export function cutToWords(text: string, limit: number): string {
  const lines = text.split('\n').filter((line) => line.length > 0);
  if (limit <= 0) return lines.join(' ');
  const kept: string[] = [];
  let count = 0;
  for (const line of lines) {
    const words = splitLikePerl(line);
    if (count + words.length < limit) {
      kept.push(line);
      count += words.length;
    } else {
      kept.push(words.slice(0, limit - count).join(' '));
      break;
    }
  }
  return kept.join(' ');
}

function splitLikePerl(line: string): string[] {
  const words = line.split(PERL_SPACE);
  // Perl drops trailing empty fields but keeps a leading one.
  while (words.length > 0 && words[words.length - 1] === '') words.pop();
  return words;
}

// The same few thousand words recur across systems and clusters: stemming each once keeps a full
// calibration run well under a second.
const stemCache = new Map<string, string>();

function porter(token: string): string {
  let stem = stemCache.get(token);
  if (stem === undefined) {
    stem = rougePorterStem(token);
    stemCache.set(token, stem);
  }
  return stem;
}

/**
 * Turns a text (one sentence per line, or any text) into the tokens ROUGE-1.5.5 counts:
 * cut to the word limit, ASCII-lowercased, split on non-alphanumerics, long tokens stemmed.
 */
export function tokenizeForRouge(text: string, options: RougeOptions = {}): string[] {
  const { wordLimit = 100, stem = true, exceptions = ROUGE_EXCEPTIONS } = options;
  const lowered = text.replace(/[A-Z]/g, (ch) => ch.toLowerCase());
  const cut = cutToWords(lowered, wordLimit);
  const tokens = cut.split(/[^a-z0-9]+/).filter((t) => t.length > 0);
  if (!stem) return tokens;
  return tokens.map((t) => (t.length > 3 ? (exceptions.get(t) ?? porter(t)) : t));
}

/** Counts the n-grams of a token list. */
export function countNgrams(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const gram = n === 1 ? tokens[i]! : tokens.slice(i, i + n).join(' ');
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

/** Pooled (`-f A`) clipped recall of already tokenised texts. */
function pooledRecall(summary: readonly string[], references: readonly (readonly string[])[], n: number): number {
  const peer = countNgrams(summary, n);
  let hits = 0;
  let total = 0;
  for (const reference of references) {
    for (const [gram, count] of countNgrams(reference, n)) {
      total += count;
      const inPeer = peer.get(gram);
      if (inPeer !== undefined) hits += Math.min(inPeer, count);
    }
  }
  return total === 0 ? 0 : hits / total;
}

/**
 * ROUGE-N recall of `summary` against `references`, in [0, 1], as ROUGE-1.5.5 computes it for one
 * cluster. Texts are plain strings, one sentence per line is the usual layout.
 */
export function rougeRecall(
  summary: string,
  references: readonly string[],
  n: 1 | 2,
  options?: RougeOptions,
): number {
  const refs = references.map((r) => tokenizeForRouge(r, options));
  return pooledRecall(tokenizeForRouge(summary, options), refs, n);
}

/** ROUGE-1 and ROUGE-2 recall together, tokenising each text once. */
export function rougeScores(summary: string, references: readonly string[], options?: RougeOptions): RougeScores {
  const peer = tokenizeForRouge(summary, options);
  const refs = references.map((r) => tokenizeForRouge(r, options));
  return { rouge1: pooledRecall(peer, refs, 1), rouge2: pooledRecall(peer, refs, 2) };
}
