/**
 * Pages per second for extract + lint over the real corpus (`lintPage`: parse, extract, every lint
 * rule), on one core. `npm run bench -- extract`; corpus: ../shared/corpus/graph-full (3,329 pages),
 * replicated to at least 2,000 pages when a smaller corpus is given.
 *
 * The machine is shared, so the figure is CPU time of this process (user + system), best of three
 * passes after a warm-up; wall time is printed beside it.
 */
import { lintPage } from '../../src/lint/index.js';
import { corpusPages, GRAPH_FULL } from './corpus-pages.js';

export interface PassTime {
  cpuMs: number;
  wallMs: number;
}

/** CPU and wall time of one pass of `run` over every page. */
export function timePass(pages: ReadonlyArray<readonly [string, string]>, run: (file: string, text: string) => unknown): PassTime {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  for (const [f, t] of pages) run(f, t);
  const used = process.cpuUsage(cpu);
  return { cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - wall };
}

/** Best (least CPU) of `passes` passes after one warm-up pass over the first 200 pages. */
export function bestPass(pages: ReadonlyArray<readonly [string, string]>, run: (file: string, text: string) => unknown, passes = 3): PassTime {
  for (const [f, t] of pages.slice(0, 200)) run(f, t);
  const times = Array.from({ length: passes }, () => timePass(pages, run));
  return times.reduce((a, b) => (b.cpuMs < a.cpuMs ? b : a));
}

export async function benchExtract(corpus = GRAPH_FULL): Promise<string> {
  let set = corpusPages(corpus);
  const unique = set.length;
  while (set.length < 2000) set = set.concat(set);
  const bytes = set.reduce((n, [, t]) => n + t.length, 0);
  const best = bestPass(set, (f, t) => lintPage(f, t));
  const rate = (ms: number): number => Math.round((set.length / ms) * 1000);
  return (
    `extract+lint: ${set.length} pages (${unique} unique, ${(bytes / 1048576).toFixed(1)} MiB): ` +
    `${(best.cpuMs / 1000).toFixed(2)} s CPU = ${rate(best.cpuMs)} pages/s, ${((bytes / 1048576 / best.cpuMs) * 1000).toFixed(2)} MiB/s on one core ` +
    `(wall ${(best.wallMs / 1000).toFixed(2)} s = ${rate(best.wallMs)} pages/s on the shared machine; best of 3 passes)`
  );
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchExtract(process.argv[2]));
