import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { InputError } from '../spec/errors.js';
import { commands } from './commands/index.js';

export const version: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Exit codes (DESIGN.md): 0 conformant/ok, 1 nonconformant/findings, 2 usage or input error, 3 target unreachable. */
export type ExitCode = 0 | 1 | 2 | 3;

/** Run the CLI; returns the exit code instead of exiting so tests and `start` can call it. */
export async function main(argv: string[]): Promise<ExitCode> {
  let exitCode: ExitCode = 0;
  const program = new Command('callconform')
    .description('Contract tests and conformance certification generated from API documentation pages.')
    .version(version, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  for (const register of commands) {
    register(program, (code) => {
      exitCode = code;
    });
  }
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here with exit code 0; usage errors are already printed.
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof InputError) {
      process.stderr.write(`callconform: ${err.line}\n`);
      return 2;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`callconform: internal error: ${message}\n`);
    if (process.env.CALLCONFORM_DEBUG) process.stderr.write(`${(err as Error).stack ?? ''}\n`);
    return 2;
  }
}
