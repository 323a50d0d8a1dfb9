import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine, type Engine } from '../core/index/engine.ts';
import { parseLexiconSpec } from '../core/index/lexicon.ts';
import { loadTextRules } from './text-rules.ts';

/** Reads and compiles every rule file in the config folder; a bad file stops start-up with its name. */
export function loadEngine(configDir: string): Engine {
  const file = join(configDir, 'aliases.json');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message}`);
  }
  return createEngine({ ...loadTextRules(configDir), lexicon: parseLexiconSpec(json, file) });
}
