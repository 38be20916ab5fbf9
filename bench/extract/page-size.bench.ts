/**
 * extract + lint time against page size, for the page shapes that cost the most per byte, up to
 * the 5 MiB page cap: time per MiB must stay flat (linear), never grow with size (quadratic).
 * `npm run bench -- page-size` (sizes in MiB as arguments to run this file directly).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintPage } from '../../src/lint/index.js';
import { GRAPH_FULL } from './corpus-pages.js';

const BASE = readFileSync(join(GRAPH_FULL, 'api-reference/v1.0/api/user-post-messages.md'), 'utf8');

/** A real page with `filler` repeated after it until the page is `bytes` long. */
const grown = (filler: string, bytes: number, prefix = '', suffix = '\n'): string =>
  `${BASE}\n\n${prefix}${filler.repeat(Math.max(1, Math.floor((bytes - BASE.length - prefix.length) / filler.length)))}${suffix}`;

/** Shapes that once were, or could be, worse than linear. */
export const SHAPES = {
  'emphasis run on one line (*a*a…)': (bytes: number) => grown('*a', bytes),
  'link brackets on one line ([a[a…)': (bytes: number) => grown('[a', bytes),
  'code spans on one line (`a`a…)': (bytes: number) => grown('`a', bytes),
  'block quote markers (> > > …)': (bytes: number) => grown('> ', bytes, '', 'x\n'),
  'table rows': (bytes: number) => grown('| Content-Length | number | 0. Required. |\n', bytes, '## Request headers\n\n| Name | Type | Description |\n|:--|:--|:--|\n'),
  'one huge permission cell': (bytes: number) => grown('User.Read, ', bytes, '## Permissions\n\n| Permission type | Permissions |\n|:--|:--|\n| Delegated (work or school account) | ', ' |\n'),
  'JSON example lines': (bytes: number) => grown('  "subject": "Did you see last night\'s game?",\n', bytes, '## Request body\n\n```json\n{\n', '  "end": 1\n}\n```\n'),
} as const satisfies Record<string, (bytes: number) => string>;

function secondsFor(text: string): number {
  const cpu = process.cpuUsage();
  lintPage('specs/sources/bench/page.md', text);
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / 1e6;
}

export async function benchPageSize(mib: number[] = [1, 2, 4]): Promise<string> {
  const lines: string[] = [];
  secondsFor(BASE);
  for (const [shape, make] of Object.entries(SHAPES)) {
    const cells = mib.map((m) => {
      const s = secondsFor(make(m * 1024 * 1024));
      return `${m} MiB ${s.toFixed(2)} s (${(s / m).toFixed(2)} s/MiB)`;
    });
    lines.push(`page size, ${shape}: ${cells.join(', ')}`);
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  console.log(await benchPageSize(sizes.length ? sizes : undefined));
}
