import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temp folder and the database path inside it; `cleanup` removes both. */
export function tempDb(): { dir: string; path: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'digest-store-'));
  return { dir, path: join(dir, 'data', 'digests.sqlite'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
