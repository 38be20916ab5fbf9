/** Body of the input-loading thread (see load-inputs-thread.ts): load, then post the inputs or the error as data. */
import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../spec/errors.js';
import type { LoaderMessage, LoaderRequest } from './load-inputs-thread.js';
import { loadInputs } from './load-inputs.js';
import { serializeInputs } from './plan.js';

const { specsDir, contractsDir } = workerData as LoaderRequest;
let message: LoaderMessage;
try {
  message = { kind: 'inputs', inputs: serializeInputs(loadInputs(specsDir, contractsDir)) };
} catch (err) {
  message =
    err instanceof InputError
      ? { kind: 'input-error', message: err.message, ...(err.where ? { where: { file: err.where.file, ...(err.where.line !== undefined ? { line: err.where.line } : {}) } } : {}) }
      : { kind: 'crash', message: err instanceof Error ? err.message : String(err) };
}
parentPort?.postMessage(message);
