import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadEngine } from '../../src/config/load-engine.ts';
import type { Engine } from '../../src/core/index/engine.ts';
import { loadCorpus } from '../../src/core/index/corpus.ts';
import type { Corpus } from '../../src/core/index/snapshot.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const ARTICLES = join(ROOT, 'articles');
export const CONFIG = join(ROOT, 'config');

let engine: Engine | undefined;
/** The engine with the project's own config/, compiled once per test file. */
export function realEngine(): Engine {
  return (engine ??= loadEngine(CONFIG));
}

let bundled: Promise<Corpus> | undefined;
/** The five bundled articles, loaded once per test file. */
export function bundledCorpus(): Promise<Corpus> {
  return (bundled ??= loadCorpus(realEngine(), ARTICLES, { maxBytes: 5_000_000 }));
}

/** A temp folder with the given files (paths may contain folders); removed by the returned cleanup. */
export function tempArticles(files: Record<string, string | Buffer>): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'digest-test-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
