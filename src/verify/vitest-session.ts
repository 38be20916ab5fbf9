/**
 * The conformance suite under vitest, in two steps so the expensive one can start early: `open`
 * loads vitest and creates its instance (server, config, pool settings) before the run's inputs
 * are known; `run` provides the options and inputs to the suite and runs it once, collecting each
 * test's `CheckResult` through a custom reporter. A session runs once and is then closed.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Vitest } from 'vitest/node';
import type { CheckResult } from '../report/result.js';
import type { VerifyOptions } from './options.js';
import type {} from './suite-context.js';
import { inlinePool, insideVitestRuntime } from './inline-pool.js';
import { serializeInputs, type Inputs } from './plan.js';

/** The package root (holds `suites/`), from this module's place in `src/verify` or `dist/verify`. */
export const packageRoot = fileURLToPath(new URL('../../', import.meta.url));
export const SUITE_FILE = 'suites/conformance.test.ts';

/** The runtime module the suite loads, next to this one (`.ts` under a TS loader, `.js` when built). */
function runtimeModule(): string {
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  return fileURLToPath(new URL(`./suite-runtime${ext}`, import.meta.url));
}

/** What the session needs before the inputs are read. */
export type SessionSettings = Pick<VerifyOptions, 'concurrency' | 'timeoutMs'>;

/** Where results go as tests finish. */
export type ResultSink = (result: CheckResult, profile: string) => void;

/** Put the environment back as it was: vitest and vite set variables for the tests (NODE_ENV, MODE, DEV, PROD, BASE_URL, VITEST_*). */
function restoreEnv(before: Readonly<NodeJS.ProcessEnv>): void {
  for (const key of Object.keys(process.env)) if (!(key in before)) delete process.env[key];
  for (const [key, value] of Object.entries(before)) if (value !== undefined && process.env[key] !== value) process.env[key] = value;
}

interface ReportedCase {
  meta(): unknown;
}

export class VitestSession {
  private sink: ResultSink = () => undefined;
  private failure: string | undefined;

  private vitest: Vitest | undefined;

  private constructor(
    private readonly missing?: string,
    /** The environment before vitest was loaded; restored when the session closes. */
    private readonly env: Readonly<NodeJS.ProcessEnv> = {},
  ) {}

  /** The reporter vitest calls: each finished test's result to the sink, runner errors kept. */
  private reporter(): object {
    return {
      onTestCaseResult: (testCase: ReportedCase): void => {
        const meta = testCase.meta() as { callconform?: CheckResult; callconformProfile?: string };
        if (meta.callconform && meta.callconformProfile) this.sink(meta.callconform, meta.callconformProfile);
      },
      onTestRunEnd: (_modules: unknown, errors: readonly unknown[]): void => {
        if (errors.length > 0) this.failure = `the suite runner reported: ${errors.map((e) => (e as { message?: string }).message ?? String(e)).join('; ')}`;
      },
    };
  }

  static async open(settings: SessionSettings): Promise<VitestSession> {
    const suite = `${packageRoot}${SUITE_FILE}`;
    if (!existsSync(suite)) return new VitestSession(`the conformance suite ${SUITE_FILE} is missing from ${packageRoot}`);
    const env = { ...process.env };
    const inline = !insideVitestRuntime();
    const [{ createVitest }, runtime] = await Promise.all([import('vitest/node'), inline ? import('vitest/worker') : undefined]);
    const session = new VitestSession(undefined, env);
    session.vitest = await createVitest(
      'test',
      {
        watch: false,
        config: false,
        root: packageRoot,
        dir: `${packageRoot}suites`,
        include: ['conformance.test.ts'],
        // Installed as a package, the suites themselves live under node_modules/.
        exclude: [],
        reporters: [session.reporter()],
        // Tuned for start-up time: the runtime in this thread (or one worker thread when this
        // thread already runs vitest), no isolation, no file parallelism; instances run
        // concurrently inside the file.
        pool: runtime ? inlinePool(runtime) : 'threads',
        // Inline, the runtime's console would be this process's console.
        disableConsoleIntercept: true,
        isolate: false,
        maxWorkers: 1,
        fileParallelism: false,
        maxConcurrency: settings.concurrency,
        testTimeout: settings.timeoutMs * 6 + 10_000,
        hookTimeout: settings.timeoutMs * 2 + 10_000,
        passWithNoTests: true,
        silent: true,
        // The built runtime is plain ESM: let Node load it natively instead of transforming it.
        // Everything under node_modules is external too, except the suites of this package itself.
        server: { deps: { external: [/[\\/]dist[\\/]/, /node_modules(?!.*[\\/]suites[\\/]conformance\.test\.ts$)/] } },
      },
      { logLevel: 'silent', clearScreen: false, server: { watch: null }, optimizeDeps: { noDiscovery: true, include: [] } },
    );
    return session;
  }

  /** Run the suite once; returns why results may be missing (a runner failure), or undefined. */
  async run(options: VerifyOptions, inputs: Inputs, sink: ResultSink): Promise<string | undefined> {
    if (!this.vitest) return this.missing;
    this.sink = sink;
    this.vitest.provide('callconformRuntime', runtimeModule());
    this.vitest.provide('callconformOptions', options);
    this.vitest.provide('callconformInputs', serializeInputs(inputs));
    const exitCodeBefore = process.exitCode;
    try {
      await this.vitest.start([`${packageRoot}${SUITE_FILE}`]);
    } finally {
      process.exitCode = exitCodeBefore;
      await this.close();
    }
    return this.failure;
  }

  async close(): Promise<void> {
    if (!this.vitest) return;
    await this.vitest.close();
    restoreEnv(this.env);
  }
}
