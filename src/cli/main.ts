import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { redactSecrets } from '../report/redact.js';
import { InputError, SYSTEM_ERROR_WORDS } from '../spec/errors.js';
import { commands } from './commands/index.js';
import { DEBUG_ENV } from './help.js';

export const version: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Exit codes (DESIGN.md): 0 conformant/ok, 1 nonconformant/findings, 2 usage or input error, 3 target unreachable. */
export type ExitCode = 0 | 1 | 2 | 3;

/** Secrets given on the command line or in the environment: the token, secret header values. */
export function secretsOf(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): string[] {
  const out = env.CALLCONFORM_TOKEN ? [env.CALLCONFORM_TOKEN] : [];
  for (const line of env.CALLCONFORM_SECRET_HEADER?.split('\n') ?? []) if (line.includes(':')) out.push(line.slice(line.indexOf(':') + 1).trim());
  let inSecretHeaders = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--token' && argv[i + 1] !== undefined) out.push(argv[i + 1]!);
    else if (arg.startsWith('--token=')) out.push(arg.slice('--token='.length));
    if (arg.startsWith('-')) inSecretHeaders = arg === '--secret-header';
    else if (inSecretHeaders) {
      out.push(arg);
      if (arg.includes(':')) out.push(arg.slice(arg.indexOf(':') + 1).trim());
    }
  }
  return out.filter((s) => s.length > 0);
}

/** What Node reports about a file or network operation (`ENOTDIR`, `EACCES`, `ENOTFOUND`…), as one line naming the path. */
function systemError(err: unknown): string | undefined {
  const e = err as { code?: unknown; syscall?: unknown; path?: unknown; hostname?: unknown };
  if (typeof e?.code !== 'string' || !/^E[A-Z]+$/.test(e.code) || typeof e.syscall !== 'string') return undefined;
  const what = typeof e.path === 'string' ? e.path : typeof e.hostname === 'string' ? e.hostname : undefined;
  return `${what ?? e.syscall}: cannot ${e.syscall} (${e.code}: ${SYSTEM_ERROR_WORDS[e.code] ?? 'system error'})`;
}

/** Run the CLI; returns the exit code instead of exiting so tests and `start` can call it. */
export async function main(argv: string[]): Promise<ExitCode> {
  let exitCode: ExitCode = 0;
  // Error lines may quote what the user typed; a secret typed in the wrong place is not repeated.
  const secrets = secretsOf(argv);
  const clean = (text: string): string => (secrets.length > 0 ? redactSecrets(text, secrets) : text);
  const program = new Command('callconform')
    .description('Contract tests and conformance certification generated from API documentation pages.')
    .version(version, '-V, --version')
    .addHelpText(
      'after',
      '\nRun `callconform <command> --help` for a command\'s options, examples and exit codes.\n' +
        '\nExit codes: 0 ok, 1 findings or nonconformant, 2 usage or input error, 3 target unreachable.\n' +
        `\nEnvironment:\n${Object.entries({ CALLCONFORM_TOKEN: 'the bearer token of verify, pact-verify and serve, when --token is not given', ...DEBUG_ENV }).map(([k, v]) => `  ${k.padEnd(18)}  ${v}`).join('\n')}`,
    )
    .exitOverride()
    .configureOutput({
      writeErr: (s) => process.stderr.write(clean(s)),
      // Usage errors in the one-line shape of every other error.
      outputError: (s, write) => write(`callconform: ${s.replace(/^error: /, '').trim().replace(/\s*\n\s*/g, ' ')} (run with --help for usage)\n`),
    });
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
      process.stderr.write(`callconform: ${clean(err.line)}\n`);
      return 2;
    }
    const sys = systemError(err);
    if (sys) {
      process.stderr.write(`callconform: ${clean(sys)}\n`);
      return 2;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`callconform: internal error: ${clean(message.split('\n')[0] ?? '')}\n`);
    if (process.env.CALLCONFORM_DEBUG) process.stderr.write(`${(err as Error).stack ?? ''}\n`);
    return 2;
  }
}
