/**
 * A profile made of graph-full pages through the built CLI as a user runs it: `extract`, `lint`,
 * `build`, each timed (wall) with its exit code. `npm run bench -- profile-300` takes the first 300
 * API pages that lint without an error finding (a page with one needs a ruling in decisions.yaml
 * before build accepts it); `npm run bench -- graph-full` takes every page of the corpus, where
 * build is expected to refuse (exit 1) the contradictions no decision rules on, without hanging,
 * and then extracts and builds every page but those with an error finding (the whole compile:
 * schemas, pact, OpenAPI).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { lintPage } from '../../src/lint/index.js';
import { corpusPages, GRAPH_FULL } from '../extract/corpus-pages.js';

const CLI = resolve(import.meta.dirname, '../../bin/callconform.js');

function timed(args: string[], cwd: string, out?: { stdout?: string }): string {
  const t0 = performance.now();
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 1_800_000, maxBuffer: 1 << 30 });
  const s = ((performance.now() - t0) / 1000).toFixed(1);
  if (out) out.stdout = run.stdout;
  const last = (run.stderr.trim() || run.stdout.trim()).split('\n').pop() ?? '';
  return `${args[0]}: exit ${run.status ?? run.signal} in ${s} s (${last.slice(0, 160)})`;
}

/** extract, lint, build in `dir`; `then` may run more steps there (the lint report's JSON in hand). */
function runProfile(label: string, copy: (sources: string) => number, then?: (dir: string, lintJson: string) => string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'callconform-bench-'));
  try {
    const sources = join(dir, 'specs', 'sources', 'bench');
    mkdirSync(sources, { recursive: true });
    const pages = copy(sources);
    const lint: { stdout?: string } = {};
    const lines = [`${label}: ${pages} pages`, ...['extract', 'lint', 'build'].map((c) => `  ${timed(c === 'lint' ? ['lint', 'specs/sources', '--format', 'json'] : [c], dir, c === 'lint' ? lint : undefined)}`)];
    return [...lines, ...(then?.(dir, lint.stdout ?? '{}') ?? [])].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The first 300 API pages of graph-full that lint without an error finding (file, text). */
export function profile300Pages(): [string, string][] {
  return corpusPages(join(GRAPH_FULL, 'api-reference/v1.0/api'))
    .filter(([f, t]) => !lintPage(f, t).some((x) => x.severity === 'error'))
    .slice(0, 300);
}

export function benchProfile300(): string {
  return runProfile('profile of 300 graph-full API pages without error findings', (sources) => {
    const chosen = profile300Pages();
    for (const [f, t] of chosen) writeFileSync(join(sources, basename(f)), t);
    return chosen.length;
  });
}

export function benchGraphFull(): string {
  return runProfile(
    'the whole of graph-full',
    (sources) => {
      cpSync(join(GRAPH_FULL, 'api-reference'), sources, { recursive: true });
      return corpusPages(sources).length;
    },
    (dir, lintJson) => {
      const findings = (JSON.parse(lintJson) as { findings?: Array<{ severity: string; source: { file: string } }> }).findings ?? [];
      const withError = [...new Set(findings.filter((f) => f.severity === 'error').map((f) => f.source.file))].filter((f) => relative('specs/sources', f).split(/[\\/]/).length > 1);
      for (const f of withError) rmSync(join(dir, f), { force: true });
      return [`without the ${withError.length} pages that have an error finding:`, ...['extract', 'build'].map((c) => `  ${timed([c], dir)}`)];
    },
  );
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(process.argv[2] === 'graph-full' ? benchGraphFull() : benchProfile300());
