import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { byCodeUnits } from '../text/code-order.ts';

/** A path under the articles folder (forward slashes), or a subfolder that could not be read. */
export interface Listed {
  path: string;
  /** Set for a subfolder that could not be listed; its path ends with '/'. */
  error?: string;
}

const errorText = (error: unknown): string =>
  (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));

/**
 * Lists every non-hidden entry below `root` that is not a folder, sorted by path.
 * Symbolic links to folders are listed as entries, not followed, so link loops cannot hang a load.
 * Throws when `root` itself is missing or not a folder.
 */
export async function listFiles(root: string): Promise<Listed[]> {
  let info;
  try {
    info = await stat(root);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`articles folder not found: ${root}`);
    throw new Error(`cannot open articles folder ${root}: ${errorText(error)}`);
  }
  if (!info.isDirectory()) throw new Error(`articles path is not a folder: ${root}`);

  const listed: Listed[] = [];
  const visit = async (relative: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(relative === '' ? root : join(root, relative), { withFileTypes: true });
    } catch (error) {
      if (relative === '') throw new Error(`cannot read articles folder ${root}: ${errorText(error)}`);
      listed.push({ path: `${relative}/`, error: `cannot read folder: ${errorText(error)}` });
      return;
    }
    const folders: Promise<void>[] = [];
    for (const entry of entries) {
      // Hidden files and folders (.git, .DS_Store, editor swap files) are not articles.
      if (entry.name.startsWith('.')) continue;
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) folders.push(visit(path));
      else listed.push({ path });
    }
    await Promise.all(folders);
  };
  await visit('');
  return listed.sort((a, b) => byCodeUnits(a.path, b.path));
}
