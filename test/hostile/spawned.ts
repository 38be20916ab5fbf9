/**
 * A representative few rows of the hostile table through the built CLI, as a user runs it: the
 * process ends by itself (no handle keeps it alive; the guard never fires), with exit 1 (3 when
 * nothing listens), the verdict table on stdout, nothing of the target's on the terminal, and a
 * report on disk. Spawned together, in the background of the in-process table (hostile.test.ts).
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { cliPath, looksLikeStackTrace, repoRoot } from '../helpers.js';
import { CASES, TIMEOUT_MS, type HostileCase } from './cases.js';
import { COMETD_PATH, STATE_PATH } from './servers.js';

const TOKEN = 'hostile-cli-token-0b7d93aa';
/** A process still running after this long is hung: it is killed and the test fails. */
const GUARD_MS = 40_000;

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function run(args: string[], token: string): Promise<Exit> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd: repoRoot, env: { ...process.env, CI: '1', CALLCONFORM_TOKEN: token } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const guard = setTimeout(() => child.kill('SIGKILL'), GUARD_MS);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      resolve({ code, signal, stdout, stderr, ms: Math.round(performance.now() - t0) });
    });
  });
}

const pick = (name: string): HostileCase => {
  const c = CASES.find((x) => x.name.startsWith(name));
  if (!c) throw new Error(`no hostile case "${name}"`);
  return c;
};

/** Rows spawned. */
const SPAWNED: { c: HostileCase; noToken?: boolean }[] = [
  { c: pick('CometD never delivers') },
  // Without a token nothing is redacted on the way: the evidence itself must stay serializable for the reports.
  { c: pick('JSON nested 100,000 levels deep'), noToken: true },
  { c: pick('never answers (state') },
  { c: pick('streams a 1 GB body (--max-body') },
  { c: pick('nothing listens') },
];

export interface SpawnedRun {
  c: HostileCase;
  exit: Exit;
  reports: string;
}

/** Start the representative rows, each against its own server, all at once. */
export function spawnRepresentative(outDir: string): Promise<SpawnedRun[]> {
  return Promise.all(
    SPAWNED.map(async ({ c, noToken }, i) => {
      const started = await c.start();
      const url = started.target.url;
      const reports = join(outDir, String(i));
      const args = ['verify', '--target', url, '--state-url', `${url}${STATE_PATH}`, '--cometd-url', `${url}${COMETD_PATH}`, '--timeout', String(c.timeoutMs ?? TIMEOUT_MS), '--reports', reports];
      for (const p of c.profiles ?? []) args.push('--profile', p);
      if (c.only) args.push('--only', ...c.only);
      if (c.maxBodyBytes) args.push('--max-body', String(c.maxBodyBytes));
      const exit = await run(args, noToken ? '' : TOKEN);
      await started.target.close();
      await started.canary?.close();
      return { c, exit, reports };
    }),
  );
}

/** What each spawned run must show. */
export function checkSpawned(runs: readonly SpawnedRun[]): void {
  for (const { c, exit, reports } of runs) {
    const what = `${c.name}: exit ${exit.code} signal ${exit.signal} after ${exit.ms} ms\nstdout: ${exit.stdout}\nstderr: ${exit.stderr}`;
    expect(exit.signal, what).toBeNull();
    expect(exit.code, what).toBe(c.exit);
    expect(exit.ms, what).toBeLessThan(GUARD_MS / 2);
    expect(looksLikeStackTrace(exit.stderr), what).toBe(false);
    expect(exit.stdout + exit.stderr).not.toContain(TOKEN);
    if (c.exit === 3) {
      expect(exit.stderr.trim().split('\n'), what).toHaveLength(1);
      expect(exit.stderr, what).toMatch(/target unreachable: http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED/);
      continue;
    }
    // Nothing the target sent reaches the terminal: the verdict table only.
    expect(exit.stderr, what).toBe('');
    expect(exit.stdout, what).toMatch(/^profile\s+verdict/);
    expect(exit.stdout, what).toMatch(/overall\s+(nonconformant|error)/);
    const files = readdirSync(reports, { recursive: true, withFileTypes: true }).filter((d) => d.isFile() && d.name === 'report.json');
    expect(files.length, what).toBeGreaterThan(0);
    const report = JSON.parse(readFileSync(join(files[0]!.parentPath, files[0]!.name), 'utf8')) as { results: { verdict: string; message: string }[] };
    if (c.reported) expect(report.results.some((r) => (r.verdict === 'fail' || r.verdict === 'error') && c.reported!.test(r.message)), what).toBe(true);
  }
}
