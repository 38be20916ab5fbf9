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

export const INLINE_POOL = 'callconform-inline';

/** Whether this thread already hosts a vitest runtime (certify called from a test): its globals belong to that run. */
export function insideVitestRuntime(): boolean {
  return '__vitest_worker__' in globalThis;
}

export function inlinePool(runtime: typeof VitestWorker): PoolRunnerInitializer {
  return { name: INLINE_POOL, createPoolWorker: () => new InlineWorker(runtime) };
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
    return Promise.resolve();
  }
}
