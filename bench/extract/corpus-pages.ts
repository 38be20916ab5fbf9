/** The markdown pages of a corpus folder, read once, sorted by path. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
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
