/**
 * The part of every command's `--help` after the options, in one shape: examples, exit codes,
 * environment. Descriptions and option texts are single sentences or paragraphs without line
 * breaks (commander wraps them to the terminal); defaults are printed once, by commander.
 */
export interface HelpFooter {
  /** Command lines, each with an optional `# comment`. */
  examples: readonly string[];
  /** Exit code → what it means for this command. */
  exitCodes: Readonly<Partial<Record<0 | 1 | 2 | 3, string>>>;
  /** Variables the command reads besides CALLCONFORM_DEBUG. */
  env?: Readonly<Record<string, string>>;
}

export const DEBUG_ENV = { CALLCONFORM_DEBUG: 'when set (to 1), an internal error prints its stack trace to stderr' } as const;

export const USAGE_ERROR = 'usage or input error, one line naming the file:line or the flag';

function aligned(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...rows.map(([a]) => a.length));
  return rows.map(([a, b]) => `  ${a.padEnd(width)}  ${b}`);
}

export function helpFooter(f: HelpFooter): string {
  const codes = Object.entries(f.exitCodes).map(([code, meaning]): [string, string] => [code, meaning ?? '']);
  const env = Object.entries({ ...f.env, ...DEBUG_ENV });
  return ['', 'Examples:', ...f.examples.map((e) => `  ${e}`), '', 'Exit codes:', ...aligned(codes), '', 'Environment:', ...aligned(env)].join('\n');
}
