/**
 * Reading a run's inputs on a worker thread, so that YAML parsing and schema checks overlap the
 * main thread's own start-up work (loading the test runner). Same result and same errors as
 * `loadInputs`: an InputError crosses the thread as data and is thrown again here with its file:line.
 */
import { Worker } from 'node:worker_threads';
import { InputError } from '../spec/errors.js';
import type { Inputs, SerializedInputs } from './plan.js';

export type LoaderMessage =
  | { kind: 'inputs'; inputs: SerializedInputs }
  | { kind: 'input-error'; message: string; where?: { file: string; line?: number } }
  | { kind: 'crash'; message: string };

export interface LoaderRequest {
  specsDir: string;
  contractsDir: string;
}

/** The thread's module, next to this one; only built code (`.js`) runs on a plain worker thread. */
const threadModule = new URL('./load-inputs-worker.js', import.meta.url);
const canUseThread = import.meta.url.endsWith('.js');

/** Starts the thread at once; this module imports nothing heavy itself, so the thread starts first. */
export async function loadInputsInThread(specsDir: string, contractsDir: string): Promise<Inputs> {
  if (!canUseThread) return (await import('./load-inputs.js')).loadInputs(specsDir, contractsDir);
  const request: LoaderRequest = { specsDir, contractsDir };
  const message = await new Promise<LoaderMessage>((resolve, reject) => {
    const worker = new Worker(threadModule, { workerData: request });
    worker.once('message', (m: LoaderMessage) => resolve(m));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the input loader stopped (exit ${code}) before it answered`)));
  });
  if (message.kind === 'input-error') throw new InputError(message.message, message.where);
  if (message.kind === 'crash') throw new Error(message.message);
  return (await import('./plan.js')).deserializeInputs(message.inputs);
}
