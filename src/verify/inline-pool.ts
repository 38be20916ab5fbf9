/**
 * A vitest pool (vitest 4's custom pool API) that runs vitest's test runtime in this thread
 * instead of a worker thread. verify runs one suite file against a live target; a worker would
 * boot a second isolate and load vitest's runtime, the checks and the CometD client again
 * (≈ 0.15 s of a 0.8 s run on two cores). The runtime is vitest's own (`vitest/worker`), fed the
 * same messages a thread would get. Messages are cloned both ways, as a thread boundary would:
 * vitest's side keys its task state by object identity.
 */
import { EventEmitter } from 'node:events';
import type { PoolRunnerInitializer, PoolWorker } from 'vitest/node';
import type * as VitestWorker from 'vitest/worker';

const INLINE_POOL = 'callconform-inline';

/** Whether this thread already hosts a vitest runtime (certify called from a test): its globals belong to that run. */
export function insideVitestRuntime(): boolean {
  return '__vitest_worker__' in globalThis;
}

export function inlinePool(runtime: typeof VitestWorker): PoolRunnerInitializer {
  return { name: INLINE_POOL, createPoolWorker: () => new InlineWorker(runtime) };
}

/**
 * What vitest's runtime changes in the process it runs in, undone when the pool stops. In a worker
 * these changes end with the thread; here they would outlive the run, and one of them would break
 * the CLI during it: the runtime replaces `process.exit` with a function that throws (tests must not
 * end their worker), and vitest's own SIGINT/SIGTERM handler ends the process with `process.exit`,
 * so Ctrl-C would no longer stop a run. The real `process.exit` is kept in place throughout; the
 * runtime's error listeners are removed when it stops (its environment variables go with the
 * session's, see vitest-session.ts).
 */
class ProcessGuard {
  private readonly exit = Object.getOwnPropertyDescriptor(process, 'exit');
  private readonly uncaught = process.listeners('uncaughtException');
  private readonly unhandled = process.listeners('unhandledRejection');

  constructor() {
    const realExit = process.exit;
    // An accessor whose setter ignores the assignment: the runtime's `process.exit = …` neither throws nor takes.
    Object.defineProperty(process, 'exit', { configurable: true, enumerable: this.exit?.enumerable ?? true, get: () => realExit, set: () => undefined });
  }

  restore(): void {
    if (this.exit) Object.defineProperty(process, 'exit', this.exit);
    for (const listener of process.listeners('uncaughtException')) if (!this.uncaught.includes(listener)) process.off('uncaughtException', listener);
    for (const listener of process.listeners('unhandledRejection')) if (!this.unhandled.includes(listener)) process.off('unhandledRejection', listener);
  }
}

/** Like postMessage: a structured clone, delivered on a later turn. */
function deliver(to: EventEmitter, message: unknown): void {
  const copy = structuredClone(message);
  setImmediate(() => to.emit('message', copy));
}

class InlineWorker implements PoolWorker {
  readonly name = INLINE_POOL;
  /** Events for vitest's pool (it listens for `message`; `error` and `exit` never come from a thread that is ours). */
  private readonly toPool = new EventEmitter();
  private readonly toRuntime = new EventEmitter();
  private guard: ProcessGuard | undefined;

  constructor(private readonly runtime: typeof VitestWorker) {}

  on(event: string, callback: (arg: unknown) => void): void {
    this.toPool.on(event, callback);
  }

  off(event: string, callback: (arg: unknown) => void): void {
    this.toPool.off(event, callback);
  }

  send(message: unknown): void {
    deliver(this.toRuntime, message);
  }

  deserialize(data: unknown): unknown {
    return data;
  }

  start(): Promise<void> {
    const { init, runBaseTests, setupEnvironment } = this.runtime;
    this.guard ??= new ProcessGuard();
    init({
      post: (response) => deliver(this.toPool, response),
      on: (callback) => this.toRuntime.on('message', callback),
      off: (callback) => this.toRuntime.off('message', callback),
      teardown: () => this.toRuntime.removeAllListeners('message'),
      runTests: (state, traces) => runBaseTests('run', state, traces),
      collectTests: (state, traces) => runBaseTests('collect', state, traces),
      setup: setupEnvironment,
    });
    return Promise.resolve();
  }

  stop(): Promise<void> {
    this.toRuntime.removeAllListeners();
    this.guard?.restore();
    this.guard = undefined;
    return Promise.resolve();
  }
}
