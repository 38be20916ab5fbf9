/**
 * What a certification run is asked to do: serializable (it crosses into the vitest worker
 * that runs the suites), validated once at the edge (`validateOptions`) with one-line errors.
 */
import { InputError } from '../spec/errors.js';
import type { CheckName } from '../report/result.js';

/** The check vocabulary (DESIGN.md "Checks"), as data for flag validation without loading the checks. */
export const CHECK_VOCABULARY = [
  'status-code',
  'location-header',
  'operation-resource',
  'response-schema',
  'enum',
  'max-length',
  'required',
  'content-type',
  'auth',
  'not-found',
  'notification',
  'robustness',
] as const satisfies readonly CheckName[];

export interface TargetOptions {
  profile: string;
  /** Base URL including any path prefix. */
  url: string;
  stateUrl?: string;
  callId?: string;
  /** Default `<url>/api/v2/notifications` (DESIGN.md "Target contract"). */
  cometdUrl?: string;
}

export interface VerifyOptions {
  targets: TargetOptions[];
  token?: string;
  /** Only these checks (all when absent). */
  only?: CheckName[];
  timeoutMs: number;
  maxBodyBytes: number;
  concurrency: number;
  specsDir: string;
  contractsDir: string;
}

export const DEFAULTS = {
  timeoutMs: 5_000,
  maxBodyBytes: 1_048_576,
  concurrency: 32,
  specsDir: 'specs',
  contractsDir: 'contracts',
} as const;

/** Where CometD is when `--cometd-url` is not given. */
export const DEFAULT_COMETD_PATH = '/api/v2/notifications';

export function defaultCometdUrl(target: string): string {
  return `${target.replace(/\/+$/, '')}${DEFAULT_COMETD_PATH}`;
}

/** An http(s) URL, or an InputError naming the flag. */
export function parseHttpUrl(value: string, flag: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError(`${flag} must be an http(s) URL, got ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InputError(`${flag} must be an http(s) URL, got ${JSON.stringify(value)}`);
  if (url.username || url.password) throw new InputError(`${flag} must not carry credentials (use --token)`);
  return url;
}

/** A positive integer flag within bounds. */
export function parseBoundedInt(value: string, flag: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) throw new InputError(`${flag} must be an integer ${min}..${max}, got ${JSON.stringify(value)}`);
  return n;
}
