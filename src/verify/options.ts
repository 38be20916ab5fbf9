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
  /** Fixed ids by state key (`--param participantId=…`; `--call-id` is `callId`). */
  params?: Record<string, string>;
  /** Default `<url>/api/v2/notifications` (DESIGN.md "Target contract"). */
  cometdUrl?: string;
}

/** A header sent on every request to the target (`--header` / `--secret-header`). */
export interface ExtraHeader {
  name: string;
  value: string;
  /** Redacted like the token wherever it would appear (always so for credential headers such as Cookie). */
  secret: boolean;
}

export interface VerifyOptions {
  targets: TargetOptions[];
  token?: string;
  /** Extra headers on every request (state URL, operations, Location GETs, Bayeux). */
  headers?: ExtraHeader[];
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

/** Header names a user may not set with --header: the token has its own flag, the rest belong to the request itself. */
const RESERVED_HEADERS = new Set(['authorization', 'host', 'content-length', 'content-type', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'expect', 'te', 'trailer', 'proxy-connection']);

/** Header names whose values are credentials even without --secret-header (the report stage masks them too). */
export const CREDENTIAL_HEADERS: readonly string[] = ['cookie', 'proxy-authorization', 'x-api-key', 'api-key', 'x-auth-token', 'x-csrf-token'];

/** `NAME: VALUE` of `--header` / `--secret-header`, or an InputError naming the flag. */
export function parseHeader(text: string, flag: string, secret: boolean): ExtraHeader {
  const colon = text.indexOf(':');
  const name = colon > 0 ? text.slice(0, colon).trim() : '';
  const value = colon > 0 ? text.slice(colon + 1).trim() : '';
  // The value is never echoed back: it may be a credential.
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) throw new InputError(`${flag} must be "NAME: VALUE" with a header name of letters, digits and !#$%&'*+-.^_\`|~`);
  if (!/^[\t\x20-\x7e\x80-\xff]*$/.test(value)) throw new InputError(`${flag} ${name}: the value must be one line of printable characters`);
  const lower = name.toLowerCase();
  if (lower === 'authorization') throw new InputError(`${flag} ${name}: give the bearer token with --token (or env CALLCONFORM_TOKEN)`);
  if (RESERVED_HEADERS.has(lower)) throw new InputError(`${flag} ${name}: callconform sets this header itself`);
  return { name, value, secret: secret || CREDENTIAL_HEADERS.includes(lower) };
}

/**
 * The extra headers of `--header NAME:VALUE…` and `--secret-header NAME:VALUE…` (or `--secret-header
 * NAME`, marking a `--header` of that name secret). One value per name.
 */
export function parseHeaders(plain: readonly string[] = [], secret: readonly string[] = []): ExtraHeader[] {
  const out: ExtraHeader[] = plain.map((h) => parseHeader(h, '--header', false));
  for (const h of secret) {
    if (!h.includes(':')) {
      const named = out.filter((x) => x.name.toLowerCase() === h.trim().toLowerCase());
      // Not quoted back: a value given without its name is still a secret.
      if (named.length === 0) throw new InputError('--secret-header must be "NAME: VALUE", or the NAME of a --header given too');
      for (const x of named) x.secret = true;
      continue;
    }
    out.push(parseHeader(h, '--secret-header', true));
  }
  const seen = new Set<string>();
  for (const h of out) {
    const lower = h.name.toLowerCase();
    if (seen.has(lower)) throw new InputError(`header ${h.name} is given twice (--header / --secret-header)`);
    seen.add(lower);
  }
  return out;
}

/** Values that must never appear in an output: the token and every secret header value. */
export function secretValues(options: Pick<VerifyOptions, 'token' | 'headers'>): string[] {
  // The header as sent too: a target that echoes it encoded (base64 of "Bearer …") is caught as well.
  return [...(options.token ? [options.token, `Bearer ${options.token}`] : []), ...(options.headers ?? []).filter((h) => h.secret && h.value !== '').map((h) => h.value)];
}
