/**
 * Run a callconform command in a child process whose stdout and stderr pass through the
 * redactor on their way to the terminal. For commands whose output is written by native code
 * (Pact's Rust verifier prints each mismatch, actual bodies and headers included, straight to
 * file descriptor 1): a target that echoes the token back would otherwise put it on the screen
 * and in CI logs. The secrets reach the child through its environment, never its arguments.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { redactText, redactor, type Redactor } from '../report/redact.js';

/** Set in the child's environment: the command runs itself instead of re-spawning. */
export const REDACTED_CHILD_ENV = 'CALLCONFORM_REDACTED_CHILD';

const cli = fileURLToPath(new URL('../../bin/callconform.js', import.meta.url));

/** A line-buffered filter: whole lines are redacted, so a secret split across two chunks is still found. */
function redactingWriter(write: (s: string) => void, r: Redactor): { push(chunk: Buffer): void; end(): void } {
  let pending = '';
  const clean = (text: string): string => redactText(text, r);
  return {
    push(chunk) {
      pending += chunk.toString('utf8');
      const cut = pending.lastIndexOf('\n');
      if (cut < 0) return;
      write(clean(pending.slice(0, cut + 1)));
      pending = pending.slice(cut + 1);
    },
    end() {
      if (pending) write(clean(pending));
      pending = '';
    },
  };
}

/** Run `callconform <args>` with `env` added; its output redacted of `secrets`. Resolves with its exit code. */
export function runRedactedChild(args: readonly string[], env: Record<string, string>, secrets: readonly string[]): Promise<number> {
  const r = redactor(secrets);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, ...env, [REDACTED_CHILD_ENV]: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = redactingWriter((s) => process.stdout.write(s), r);
    const err = redactingWriter((s) => process.stderr.write(s), r);
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    const stop = (): void => void child.kill('SIGTERM');
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    child.on('error', (e) => {
      process.stderr.write(`callconform: cannot start the verifier process: ${e.message}\n`);
      resolve(2);
    });
    child.on('close', (code) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      out.end();
      err.end();
      resolve(code ?? 2);
    });
  });
}
