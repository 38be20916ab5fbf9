/** The markdown pages of a corpus folder, read once, sorted by path. */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const GRAPH_FULL = resolve(import.meta.dirname, '../../../shared/corpus/graph-full');

export function corpusPages(root: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const walk = (d: string): void => {
    for (const n of readdirSync(d).sort()) {
      const f = join(d, n);
      if (statSync(f).isDirectory()) walk(f);
      else if (n.endsWith('.md')) out.push([f, readFileSync(f, 'utf8')]);
    }
  };
  walk(root);
  return out;
}

/**
 * A temp working folder with a callconform `specs/` (the spec schema is what makes it one: commands
 * refuse a specs folder without it) and an empty `specs/sources/bench/` for a bench profile's pages.
 */
export function benchWorkFolder(prefix: string): { dir: string; sources: string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const sources = join(dir, 'specs', 'sources', 'bench');
  mkdirSync(sources, { recursive: true });
  copyFileSync(resolve(import.meta.dirname, '../../specs/spec.schema.json'), join(dir, 'specs', 'spec.schema.json'));
  return { dir, sources };
}
