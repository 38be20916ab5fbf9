import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '..');
export const cliPath = join(repoRoot, 'bin', 'callconform.js');

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI as a user would: a separate Node process (dist/ is built by `npm test`'s pretest). */
export function runCli(args: string[], opts: { cwd?: string; env?: Record<string, string>; input?: string; timeoutMs?: number } = {}): CliRun {
  const r = spawnSync(process.execPath, [cliPath, ...args], {
    cwd: opts.cwd ?? repoRoot,
    env: { ...process.env, CI: '1', ...opts.env },
    input: opts.input ?? '',
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 60_000,
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** `runCli` without blocking the test process (needed when the test process also runs the target server). */
export function runCliAsync(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd: opts.cwd ?? repoRoot, env: { ...process.env, CI: '1', ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ status: code ?? -1, stdout, stderr }));
  });
}

/** A scratch copy of the repo's specs/ (and nothing else) to run commands that write. */
export function scratchWithSpecs(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'callconform-'));
  cpSync(join(repoRoot, 'specs'), join(dir, 'specs'), { recursive: true });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A fresh folder, under `parent` when given (a folder inside the repo resolves the repo's packages). */
export function tempDir(parent = tmpdir()): { dir: string; cleanup: () => void } {
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, 'callconform-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** No stack trace leaked: no "    at " frames, no "Error:" class dumps. */
export function looksLikeStackTrace(text: string): boolean {
  return /\n\s+at .+\(.+:\d+:\d+\)|^\s+at /m.test(text) || /node:internal/.test(text);
}

/** Like `runCli`, asynchronously (this process keeps running servers or reading a FIFO meanwhile); killed after `guardMs`. */
export function spawnCli(args: string[], opts: { cwd?: string; env?: Record<string, string>; guardMs?: number } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd: opts.cwd ?? repoRoot, env: { ...process.env, CI: '1', CALLCONFORM_TOKEN: '', ...opts.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const guard = setTimeout(() => child.kill('SIGKILL'), opts.guardMs ?? 60_000);
    child.on('close', (code) => {
      clearTimeout(guard);
      resolve({ code, stdout, stderr });
    });
  });
}
