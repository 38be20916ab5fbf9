/**
 * A profile made of graph-full pages through the built CLI as a user runs it: `extract`, `lint`,
 * `build`, each timed (wall) with its exit code. `npm run bench -- profile-300` takes the first 300
 * API pages that lint without an error finding (a page with one needs a ruling in decisions.yaml
 * before build accepts it); `npm run bench -- graph-full` takes every page of the corpus: with no
 * decisions file, build leaves out the operations of the contradictions no decision rules on and
 * those Pact cannot take (a finding each; exit 1) and builds the rest, without hanging.
 * `npm run bench -- build-scaling` times `build` of profiles of about 100, 200, 400 and 800 pact
 * interactions made of graph-full API pages.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { lintPage } from '../../src/lint/index.js';
import { benchWorkFolder, corpusPages, GRAPH_FULL } from '../extract/corpus-pages.js';

const CLI = resolve(import.meta.dirname, '../../bin/callconform.js');

function timed(args: string[], cwd: string, out?: { stdout?: string; stderr?: string }): string {
  const t0 = performance.now();
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 1_800_000, maxBuffer: 1 << 30 });
  const s = ((performance.now() - t0) / 1000).toFixed(1);
  if (out) Object.assign(out, { stdout: run.stdout, stderr: run.stderr });
  // build prints its summary on stdout after its findings on stderr; lint's stdout here is JSON.
  const summary = args[0] === 'build' && run.stdout.trim() ? run.stdout : run.stderr.trim() || run.stdout;
  const last = summary.trim().split('\n').pop() ?? '';
  return `${args[0]}: exit ${run.status ?? run.signal} in ${s} s (${last.slice(0, 220)})`;
}

/** extract, lint, build in `dir`; `then` may add lines from build's stderr (its findings). */
function runProfile(label: string, copy: (sources: string) => number, then?: (buildStderr: string) => string[]): string {
  const { dir, sources } = benchWorkFolder('callconform-bench-');
  try {
    const pages = copy(sources);
    const build: { stderr?: string } = {};
    const lines = [`${label}: ${pages} pages`, ...['extract', 'lint', 'build'].map((c) => `  ${timed(c === 'lint' ? ['lint', 'specs/sources', '--format', 'json'] : [c], dir, c === 'build' ? build : undefined)}`)];
    return [...lines, ...(then?.(build.stderr ?? '') ?? [])].join('\n');
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
    (stderr) => {
      const count = (rule: string): number => stderr.split('\n').filter((l) => l.includes(` error ${rule} `)).length;
      return [`  build findings: ${count('left-out')} left-out (unruled contradictions and the statuses they leave open), ${count('pact-refused')} pact-refused (Pact cannot take the request)`];
    },
  );
}

/**
 * `build` of profiles of about 100, 200, 400 and 800 pact interactions: graph-full API pages that
 * lint without an error finding, extracted once; each profile is the first specs (in page order)
 * whose interactions (counted in a build of them all) reach the size. Wall time through the CLI.
 */
export function benchBuildScaling(sizes = [100, 200, 400, 800]): string {
  const { dir, sources } = benchWorkFolder('callconform-bench-scale-');
  try {
    const pages = corpusPages(join(GRAPH_FULL, 'api-reference/v1.0/api'))
      .filter(([f, t]) => !lintPage(f, t).some((x) => x.severity === 'error'))
      .slice(0, 500);
    for (const [f, t] of pages) writeFileSync(join(sources, basename(f)), t);
    timed(['extract'], dir);
    timed(['build', '--out', 'all'], dir);
    const pact = JSON.parse(readFileSync(join(dir, 'all', 'pacts', 'bench.json'), 'utf8')) as { interactions: { description: string }[] };
    const perOperation = new Map<string, number>();
    for (const i of pact.interactions) {
      const op = i.description.split(':')[0]!;
      perOperation.set(op, (perOperation.get(op) ?? 0) + 1);
    }
    const specs = readdirSync(join(dir, 'specs', 'bench')).filter((f) => f.endsWith('.yaml')).sort();
    const lines = [`build scaling: profiles of graph-full API pages (${pact.interactions.length} interactions in the first ${pages.length} pages)`];
    for (const size of sizes) {
      const profile = join(dir, `p${size}`);
      mkdirSync(join(profile, 'specs', 'bench'), { recursive: true });
      let total = 0;
      let operations = 0;
      for (const f of specs) {
        if (total >= size) break;
        const n = perOperation.get(f.replace(/\.yaml$/, '')) ?? 0;
        if (n === 0) continue;
        cpSync(join(dir, 'specs', 'bench', f), join(profile, 'specs', 'bench', f));
        total += n;
        operations++;
      }
      const t0 = performance.now();
      const run = spawnSync(process.execPath, [CLI, 'build', '--specs', 'specs', '--out', 'contracts'], { cwd: profile, encoding: 'utf8', timeout: 1_800_000, maxBuffer: 1 << 30 });
      const s = (performance.now() - t0) / 1000;
      lines.push(`  ${total} interactions (${operations} operations): build exit ${run.status} in ${s.toFixed(2)} s, ${((s * 1000) / total).toFixed(1)} ms per interaction`);
    }
    return lines.join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(process.argv[2] === 'graph-full' ? benchGraphFull() : process.argv[2] === 'build-scaling' ? benchBuildScaling() : benchProfile300());
