/**
 * Shared by the malformed-input tests: run the CLI's `main` in-process (stdout and stderr
 * captured, so hundreds of cases cost no process start-up), judge an error the way a user sees
 * it (exit 2, one line, naming the file:line or the flag, no stack trace, no "internal error"),
 * and fingerprint a folder to prove a failed command left nothing behind.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { main } from '../../src/cli/main.js';
import { looksLikeStackTrace } from '../helpers.js';

export interface MainRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `callconform <args>` in this process. */
export async function runMain(args: readonly string[]): Promise<MainRun> {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)) as typeof process.stderr.write;
  try {
    const code = await main(['node', 'callconform', ...args]);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

/** What is wrong with an error as the user sees it (empty when it is right). */
export function errorProblems(run: MainRun, where: RegExp): string[] {
  const problems: string[] = [];
  const lines = run.stderr.split('\n').filter((l) => l.trim() !== '');
  if (run.code !== 2) problems.push(`exit ${run.code}, expected 2`);
  if (lines.length !== 1) problems.push(`${lines.length} lines on stderr, expected 1`);
  if (!/^callconform: /.test(lines[0] ?? '')) problems.push('the line does not start with "callconform: "');
  if (!where.test(lines[0] ?? '')) problems.push(`the line does not name ${where}`);
  if (/internal error/.test(run.stderr)) problems.push('an internal error');
  if (looksLikeStackTrace(run.stderr) || looksLikeStackTrace(run.stdout)) problems.push('a stack trace');
  return problems.map((p) => `${p}\n    stderr: ${run.stderr.trim()}`);
}

/** `file:line` naming a file (any path ending in `name`) and a line number. */
export function fileLine(name: string, line?: number): RegExp {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${escaped}:${line ?? '\\d+'}: `);
}

/** Every file and folder under `dir` with a hash of its content: equal fingerprints, nothing written. */
export function fingerprint(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .map((d) => {
      const full = join(d.parentPath, d.name);
      const rel = relative(dir, full);
      return d.isFile() ? `${rel} ${createHash('sha1').update(readFileSync(full)).digest('hex')}` : `${rel}/`;
    })
    .sort();
}
