/**
 * Loads the text-processing rules from a config folder: boilerplate patterns, abbreviations and
 * stopwords. Read once at start (synchronously, before anything serves) and handed to the pure core.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileCleanRules, type CleanRules } from '../core/text/clean-rules.ts';
import { parseWordList } from '../core/text/word-list.ts';

/** Everything the cleaner, sentence splitter and analyzer need. */
export interface TextRules {
  clean: CleanRules;
  abbreviations: Set<string>;
  stopwords: Set<string>;
}

/** File names inside the config folder. */
export const TEXT_RULE_FILES = {
  boilerplate: 'boilerplate.json',
  abbreviations: 'abbreviations.txt',
  stopwords: 'stopwords.txt',
} as const;

/**
 * Reads and compiles `boilerplate.json`, `abbreviations.txt` and `stopwords.txt` from `configDir`.
 * @throws Error naming the file and what is wrong with it (missing, bad JSON, bad rule, bad line).
 */
export function loadTextRules(configDir: string): TextRules {
  const clean = withFile(join(configDir, TEXT_RULE_FILES.boilerplate), (text) => {
    let spec: unknown;
    try {
      spec = JSON.parse(text);
    } catch (err) {
      throw new Error(`invalid JSON: ${(err as Error).message}`);
    }
    return compileCleanRules(spec);
  });
  const abbreviations = withFile(join(configDir, TEXT_RULE_FILES.abbreviations), parseWordList);
  const stopwords = withFile(join(configDir, TEXT_RULE_FILES.stopwords), parseWordList);
  return { clean, abbreviations, stopwords };
}

function withFile<T>(path: string, parse: (text: string) => T): T {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`${path}: cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    return parse(text);
  } catch (err) {
    throw new Error(`${path}: ${(err as Error).message}`);
  }
}
