import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every file below `dir`, depth first in name order, for the commands that read a folder
 * (specs, pages, contracts). Hidden entries (temp files of atomic writes among them) and
 * `node_modules` are never read; `skipDir` leaves out more folders by name and depth
 * (0 = directly in `dir`). A missing `dir` throws, as readdirSync does.
 */
export function listFiles(dir: string, skipDir: (name: string, depth: number) => boolean = () => false, depth = 0): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      if (!skipDir(name, depth)) out.push(...listFiles(full, skipDir, depth + 1));
    } else out.push(full);
  }
  return out;
}
