/**
 * The time limit on Pact's mock server, apart from the Pact writer so the CLI can name it (and
 * its error) without loading Pact's native core.
 */
import type { HttpInteraction } from './pact-plan.js';

/** Pact's mock server did not answer an interaction's request in time. */
export class PactTimeoutError extends Error {
  constructor(
    readonly interaction: Pick<HttpInteraction, 'operation' | 'description'>,
    readonly timeoutMs: number,
  ) {
    super(`Pact's mock server gave no answer to "${interaction.description}" within ${timeoutMs} ms`);
  }
}

/** Pact's mock server could not be sent an interaction's request, or answered it otherwise than planned. */
export class PactRequestError extends Error {
  constructor(
    readonly interaction: Pick<HttpInteraction, 'operation' | 'description'>,
    message: string,
  ) {
    super(message);
  }
}

export interface PactWriteOptions {
  /** Time limit for Pact's mock server to answer one interaction's request. */
  timeoutMs?: number;
}

export const DEFAULT_PACT_TIMEOUT_MS = 10_000;

