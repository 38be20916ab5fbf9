/** Run one command as its own process group, with a time limit, its output kept in a log file. */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface CommandResult {
  /** null when the process was killed (time limit) or could not start. */
  exitCode: number | null;
  durationMs: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Why it did not start (ENOENT…), if so. */
  spawnError?: string;
}

export interface CommandOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Where stdout and stderr are written after the run. */
  logFile?: string;
}

const MAX_KEPT = 8 * 1024 * 1024;

export function runCommand(command: string, args: readonly string[], options: CommandOptions): Promise<CommandResult> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let spawnError: string | undefined;
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      if (stdout.length < MAX_KEPT) stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      if (stderr.length < MAX_KEPT) stderr += d;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }, options.timeoutMs);
    child.on('error', (err) => {
      spawnError = err.message;
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const result: CommandResult = {
        exitCode: timedOut ? null : code,
        durationMs: Math.round(performance.now() - t0),
        stdout,
        stderr,
        timedOut,
        ...(spawnError ? { spawnError } : {}),
      };
      if (options.logFile) {
        mkdirSync(dirname(options.logFile), { recursive: true });
        writeFileSync(
          options.logFile,
          `$ ${command} ${args.join(' ')}\n# exit ${String(result.exitCode)}${timedOut ? ' (time limit)' : ''} after ${result.durationMs} ms\n--- stdout\n${stdout}\n--- stderr\n${stderr}\n`,
        );
      }
      resolve(result);
    });
  });
}
