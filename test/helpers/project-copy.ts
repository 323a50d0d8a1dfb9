import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './fixtures.ts';

/**
 * The code of the project copied into a fresh temporary folder, with nothing beside it: as a
 * newcomer's clone is, without the `shared/` folder that the benchmarks' default data lives in.
 */
export function projectWithNothingBeside(): { root: string; cleanup: () => void } {
  const parent = mkdtempSync(join(tmpdir(), 'digest-clone-'));
  const root = join(parent, 'project');
  for (const entry of ['bench', 'src', 'config', 'articles', 'package.json', 'tsconfig.json']) {
    cpSync(join(ROOT, entry), join(root, entry), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  return { root, cleanup: () => rmSync(parent, { recursive: true, force: true }) };
}
