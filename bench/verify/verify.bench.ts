/**
 * Certification speed (`npm run bench -- verify`):
 * 1. full certification of every profile against the reference: `callconform verify` wall time,
 *    process start included, median of 5 (BENCH_RUNS) — and the same HTTP interactions through
 *    `callconform pact-verify` (Pact's Rust verifier), as a ratio;
 * 2. under `--fault slow` (50 ms per response): the check phase against 3× the longest chain of
 *    dependent requests of any one check (status-code: 1 slowed request; operation-resource and
 *    the accumulation check: 2), i.e. 3 × 2 × 50 ms — independent checks run concurrently in a
 *    bounded pool (--concurrency).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startReference, STATE_PATH } from '../../src/reference/index.js';
import { certify } from '../../src/verify/certify.js';
import { DEFAULTS } from '../../src/verify/options.js';
import { knownProfiles } from '../../src/verify/plan.js';
import { loadInputs } from '../../src/verify/load-inputs.js';

const root = resolve(import.meta.dirname, '..', '..');
const cli = join(root, 'bin', 'callconform.js');
const TOKEN = 'bench-token';
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function timed(args: string[]): Promise<{ ms: number; code: number }> {
  const t0 = performance.now();
  return new Promise((done) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: root, env: { ...process.env, CI: '1', CALLCONFORM_TOKEN: TOKEN }, stdio: 'ignore' });
    child.on('close', (code) => done({ ms: performance.now() - t0, code: code ?? -1 }));
  });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

export async function benchVerify(): Promise<string> {
  const reports = mkdtempSync(join(tmpdir(), 'callconform-bench-'));
  const lines: string[] = [];
  const server = await startReference({ port: 0, token: TOKEN });
  try {
    const state = `${server.url}${STATE_PATH}`;
    const verifyRuns: number[] = [];
    const pactRuns: number[] = [];
    // Interleaved, so both tools see the same load on a shared machine.
    for (let i = 0; i < RUNS; i++) {
      const v = await timed(['verify', '--target', server.url, '--state-url', state, '--reports', reports]);
      if (v.code !== 0) throw new Error(`verify exited ${v.code}`);
      verifyRuns.push(v.ms);
      const p = await timed(['pact-verify', '--target', server.url, '--state-url', state]);
      pactRuns.push(p.code === 0 ? p.ms : NaN);
    }
    const v = median(verifyRuns);
    const p = median(pactRuns);
    lines.push(
      `verify (all profiles): ${Math.round(v)} ms wall incl. process start, median of ${RUNS} (runs ${verifyRuns.map(Math.round).join(', ')}); ` +
        `pact-verify: ${Number.isNaN(p) ? 'failed' : `${Math.round(p)} ms (runs ${pactRuns.map(Math.round).join(', ')})`}; ratio verify/pact-verify ${Number.isNaN(p) ? 'n/a' : (v / p).toFixed(2)}`,
    );
  } finally {
    await server.close();
  }
  const slowMs = 50;
  const slow = await startReference({ port: 0, token: TOKEN, faults: [`slow=${slowMs}`] });
  try {
    const inputs = loadInputs('specs', 'contracts');
    const profiles = knownProfiles(inputs);
    const options = {
      targets: profiles.map((p) => ({ profile: p, url: `${slow.url}/${p}`, stateUrl: `${slow.url}/${p}${STATE_PATH}` })),
      token: TOKEN,
      timeoutMs: DEFAULTS.timeoutMs,
      maxBodyBytes: DEFAULTS.maxBodyBytes,
      concurrency: DEFAULTS.concurrency,
      specsDir: 'specs',
      contractsDir: 'contracts',
    };
    const chain = 2 * slowMs;
    const out = await certify(options, { inputs });
    if (out.kind !== 'done') throw new Error('unreachable');
    const n = out.reports.reduce((k, r) => k + r.results.length, 0);
    const within = out.timings.checksMs <= 3 * chain;
    lines.push(`slow=${slowMs}ms: ${n} checks in ${out.timings.checksMs} ms (longest chain ${chain} ms; limit 3× = ${3 * chain} ms: ${within ? 'within' : 'OVER'}), concurrency ${options.concurrency}`);
  } finally {
    await slow.close();
    rmSync(reports, { recursive: true, force: true });
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchVerify());
