/**
 * What comparing the pages with the service metadata costs: `lint` over graph-full without
 * metadata, then with graph-metadata/v1.0.xml (reading the CSDL included), alternated three times
 * so both see the same machine load; the best of each is compared. The goal (issue 18): within
 * 1.5×. On a shared machine the two whole runs differ by load as much as by metadata, so the part
 * metadata adds (reading the CSDL, pairing, the cross-source rules) is also timed on its own, over
 * the same extraction.
 * `npm run bench -- lint-metadata`
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lintAcrossSources, lintPages, type LintResult } from '../../src/lint/index.js';
import { readCsdl } from '../../src/metadata/read-csdl.js';

function pagesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.md'))
    .map((d) => join(d.parentPath, d.name))
    .sort();
}

function timed(run: () => unknown): number {
  const t0 = performance.now();
  run();
  return performance.now() - t0;
}

export async function benchLintMetadata(
  corpus = resolve(import.meta.dirname, '../../../shared/corpus/graph-full'),
  metadata = resolve(import.meta.dirname, '../../../shared/corpus/graph-metadata/v1.0.xml'),
): Promise<string> {
  const files = pagesUnder(corpus);
  const without: number[] = [];
  const withMetadata: number[] = [];
  const crossOnly: number[] = [];
  let read = 0;
  let plain: LintResult | undefined;
  for (let i = 0; i < 3; i++) {
    without.push(timed(() => (plain = lintPages(files, { permissions: null }))));
    withMetadata.push(
      timed(() => {
        const t0 = performance.now();
        const model = readCsdl(metadata);
        read = performance.now() - t0;
        return lintPages(files, { permissions: null, metadataFor: () => model });
      }),
    );
  }
  for (let i = 0; i < 3; i++) crossOnly.push(timed(() => lintAcrossSources(plain!.pages, plain!.specs, ((model) => () => model)(readCsdl(metadata)))));
  const a = Math.min(...without);
  const b = Math.min(...withMetadata);
  const c = Math.min(...crossOnly);
  return (
    `lint-metadata: ${files.length} pages, lint ${(a / 1000).toFixed(2)} s without metadata, ${(b / 1000).toFixed(2)} s with v1.0.xml (read in ${read.toFixed(0)} ms) = ${(b / a).toFixed(2)}×; ` +
    `what metadata adds, timed alone (read + cross-source rules): ${(c / 1000).toFixed(2)} s = ${((a + c) / a).toFixed(2)}× (goal ≤ 1.5×; best of 3 each, one core)`
  );
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchLintMetadata(process.argv[2], process.argv[3]));
