/**
 * Pages per second for extract (+ lint when available) over the real corpus, on one core.
 * `npm run bench -- extract` — corpus: ../shared/corpus/graph-full (3,329 pages), replicated
 * to at least 2,000 pages when a smaller corpus is given.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { extractPage } from '../../src/extract/index.js';

type LintFn = (file: string, text: string) => unknown;

function pages(root: string): Array<[string, string]> {
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

export async function benchExtract(corpus = resolve(import.meta.dirname, '../../../shared/corpus/graph-full')): Promise<string> {
  let set = pages(corpus);
  const unique = set.length;
  while (set.length < 2000) set = set.concat(set);
  let lint: LintFn | undefined;
  try {
    const mod = (await import('../../src/lint/index.js')) as { lintPage?: LintFn };
    lint = mod.lintPage;
  } catch {
    lint = undefined;
  }
  // Warm-up (JIT), then the measured pass.
  for (const [f, t] of set.slice(0, 200)) extractPage(f, t);
  const t0 = performance.now();
  let bytes = 0;
  for (const [f, t] of set) {
    bytes += t.length;
    if (lint) lint(f, t);
    else extractPage(f, t);
  }
  const ms = performance.now() - t0;
  return `extract${lint ? '+lint' : ''}: ${set.length} pages (${unique} unique, ${(bytes / 1048576).toFixed(1)} MiB) in ${(ms / 1000).toFixed(2)} s = ${Math.round((set.length / ms) * 1000)} pages/s, ${((bytes / 1048576 / ms) * 1000).toFixed(2)} MiB/s (one core)`;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchExtract(process.argv[2]));
