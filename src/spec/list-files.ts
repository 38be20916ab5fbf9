import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { assertReadableInput } from './read-input.js';

/**
 * Every file below `dir`, depth first in name order, for the commands that read a folder
 * (specs, pages, contracts). Hidden entries (temp files of atomic writes among them) and
 * `node_modules` are never read; `skipDir` leaves out more folders by name and depth
 * (0 = directly in `dir`). A missing `dir` throws, as readdirSync does. An entry that is neither
 * a folder nor a regular file (a symlink to /dev/zero, a FIFO) is an InputError naming it: every
 * caller would read it, and reading it never ends.
 */
export function listFiles(dir: string, skipDir: (name: string, depth: number) => boolean = () => false, depth = 0): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const full = join(dir, name);
    const stats = statSync(full);
    if (stats.isDirectory()) {
      if (!skipDir(name, depth)) out.push(...listFiles(full, skipDir, depth + 1));
    } else {
      assertReadableInput(full, stats, Number.MAX_SAFE_INTEGER, 'file');
      out.push(full);
    }
  }
  return out;
}
