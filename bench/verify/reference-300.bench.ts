/**
 * The reference against its own contracts on the 300-page profile of graph-full (the pages
 * `profile-300` selects): `extract` and `build` through the CLI, then `serve` and a timed
 * `verify` of it, as a user runs them, then Pact's verifier (`pact-verify`) over its pact. Prints the
 * verdict counts, the interactions Pact's verifier passed, and both wall times.
 */
import { spawn, spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { profile300Pages } from '../compile/profile-run.bench.js';
import { benchWorkFolder } from '../extract/corpus-pages.js';

const CLI = resolve(import.meta.dirname, '../../bin/callconform.js');
const TOKEN = 'bench-token-300';

function cli(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 1_800_000, maxBuffer: 1 << 30, env: { ...process.env, CALLCONFORM_TOKEN: TOKEN } });
}

export async function benchReference300(): Promise<string> {
  const { dir, sources } = benchWorkFolder('callconform-bench-ref-');
  try {
    const pages = profile300Pages();
    for (const [f, t] of pages) writeFileSync(join(sources, basename(f)), t);
    for (const step of [['extract'], ['build']]) {
      const r = cli(step, dir);
      if (r.status !== 0) return `reference-300: ${step[0]} exit ${r.status}: ${(r.stderr || r.stdout).trim().split('\n').pop() ?? ''}`;
    }
    const folders = ['--specs', 'specs', '--contracts', 'contracts'];
    const server = spawn(process.execPath, [CLI, 'serve', '--port', '0', ...folders], { cwd: dir, env: { ...process.env, CALLCONFORM_TOKEN: TOKEN } });
    try {
      const url = await new Promise<string>((ok, fail) => {
        let out = '';
        server.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /^(http:\/\/\S+)\n/.exec(out);
          if (m?.[1]) ok(m[1]);
        });
        server.on('exit', (code) => fail(new Error(`serve exited ${code}`)));
      });
      const t0 = performance.now();
      const run = cli(['verify', '--target', url, '--state-url', `${url}/_callconform/state`, ...folders, '--reports', join(dir, 'reports')], dir);
      const s = ((performance.now() - t0) / 1000).toFixed(1);
      const overall = run.stdout.split('\n').find((l) => l.startsWith('overall')) ?? run.stdout.trim().split('\n').pop() ?? '';
      const [, verdict, passed, failed, warned, skipped, errored] = overall.split(/\s+/);
      const failures = run.stdout.split('\n').filter((l) => /^\d+\) (FAIL|ERROR|WARN)/.test(l)).slice(0, 20);
      const t1 = performance.now();
      const pact = cli(['pact-verify', '--target', url, '--state-url', `${url}/_callconform/state`, '--pacts', join('contracts', 'pacts')], dir);
      const ps = ((performance.now() - t1) / 1000).toFixed(1);
      const pactLine = `${pact.stdout}\n${pact.stderr}`.split('\n').find((l) => l.startsWith('pact verification')) ?? (pact.stderr || pact.stdout).trim().split('\n').pop() ?? '';
      const pactFailures = pact.stdout.split('\n').filter((l) => /^\d+\) Verifying/.test(l)).slice(0, 20);
      return [
        `reference-300: ${pages.length} pages; verify exit ${run.status} in ${s} s: ${verdict} — ${passed} passed, ${failed} failed, ${warned} warned, ${skipped} skipped, ${errored} errored`,
        ...failures.map((l) => `  ${l}`),
        `reference-300: pact-verify exit ${pact.status} in ${ps} s: ${pactLine}`,
        ...pactFailures.map((l) => `  ${l}`),
      ].join('\n');
    } finally {
      server.kill('SIGTERM');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchReference300());
