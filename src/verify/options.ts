/**
 * What a certification run is asked to do, and how it is read from what a user gave (the CLI's
 * flags, or the environment of the vitest adapter): validated once, with one-line errors.
 */
import { InputError } from '../spec/errors.js';
import { CHECK_NAMES, type CheckName } from '../report/result.js';
import { trustedCas } from './trusted-cas.js';

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
  /** Only these operations (all when absent). */
  operations?: string[];
  /** Not these operations. */
  excludeOperations?: string[];
  /** A partial run (narrowed, or no check ran) exits 0 instead of 1; its verdict stays `partial`. */
  allowPartial?: boolean;
  /** Stop starting checks once this many have failed or errored (`--max-failures`, `--fail-fast` is 1); the run is then partial. */
  maxFailures?: number;
  timeoutMs: number;
  maxBodyBytes: number;
  concurrency: number;
  /** CA certificates an https target may chain to, besides Node's bundled roots (`--ca`, `trustedCas`). */
  ca?: readonly string[];
  specsDir: string;
  contractsDir: string;
}

/**
 * The largest `--max-body`: an answer is held as bytes, then as text and parsed JSON while its
 * checks run, with up to `--concurrency` answers at once; 64 MiB keeps that well inside V8's heap
 * (a 1 GiB cap let a 100 MB answer exhaust it).
 */
export const MAX_BODY_CAP = 67_108_864;

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

/** `--param NAME=ID…` (and `--call-id ID`, which is `callId=ID`) as fixed ids by state key. */
export function parseParams(values: readonly string[], callId?: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of values) {
    const eq = raw.indexOf('=');
    const name = eq > 0 ? raw.slice(0, eq).trim() : '';
    const value = eq > 0 ? raw.slice(eq + 1).trim() : '';
    if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(name) || value === '') throw new InputError(`--param must be NAME=ID with a name of letters, digits, - and _ (e.g. participantId=1234), got ${JSON.stringify(raw)}`);
    if (out[name] !== undefined) throw new InputError(`--param ${name} is given twice`);
    out[name] = value;
  }
  if (callId !== undefined) {
    if (out.callId !== undefined) throw new InputError('give the call either with --call-id or with --param callId=…, not both');
    out.callId = callId.trim();
  }
  return out;
}

/** A run as a user describes it, as text: `verify`'s flags, or the vitest adapter's environment variables. */
export interface VerifySettings {
  target?: string;
  profiles?: readonly string[];
  token?: string;
  headers?: readonly string[];
  secretHeaders?: readonly string[];
  callId?: string;
  /** `NAME=ID` fixed ids of provider-state parameters. */
  params?: readonly string[];
  stateUrl?: string;
  cometdUrl?: string;
  only?: readonly string[];
  operations?: readonly string[];
  excludeOperations?: readonly string[];
  allowPartial?: boolean;
  /** `--max-failures N` as given. */
  maxFailures?: string;
  failFast?: boolean;
  timeout: string;
  maxBody: string;
  concurrency: string;
  /** `--ca FILE`: PEM certificates to trust besides Node's roots. */
  ca?: string;
  specsDir: string;
  contractsDir: string;
}

/** `a,b` and repeated values alike, blanks dropped. */
export function splitList(values: readonly string[] | undefined): string[] | undefined {
  return values?.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

/**
 * Settings → options; every problem is one InputError line (exit 2). `knownProfiles` reads the
 * specs: it is called last, so a mistyped flag is reported before any file is read.
 */
export function resolveVerifyOptions(s: VerifySettings, knownProfiles: () => readonly string[]): VerifyOptions {
  if (!s.target) throw new InputError("--target URL is required (the implementation's base URL)");
  const target = parseHttpUrl(s.target, '--target');
  if (s.callId !== undefined && s.stateUrl !== undefined) throw new InputError('give either --call-id or --state-url, not both');
  if (s.callId === undefined && s.stateUrl === undefined && s.params === undefined) {
    throw new InputError('give --state-url URL (a fresh provider state per check), or --call-id ID / --param NAME=ID (existing resources)');
  }
  if (s.callId !== undefined && s.callId.trim() === '') throw new InputError('--call-id must not be empty');
  const params = parseParams(s.params ?? [], s.callId);
  const stateUrl = s.stateUrl !== undefined ? parseHttpUrl(s.stateUrl, '--state-url').href : undefined;
  const cometdUrl = s.cometdUrl !== undefined ? parseHttpUrl(s.cometdUrl, '--cometd-url').href : undefined;
  const only = splitList(s.only);
  const checkNames: readonly string[] = CHECK_NAMES;
  for (const name of only ?? []) {
    if (!checkNames.includes(name)) throw new InputError(`unknown check "${name}" for --only (known: ${CHECK_NAMES.join(', ')})`);
  }
  const token = s.token;
  if (token !== undefined && token !== '' && /[\s]/.test(token)) throw new InputError('the token must not contain whitespace');
  if (token !== undefined && token !== '' && !/^[\x21-\x7e]+$/.test(token)) throw new InputError('the token must be printable ASCII');
  const headers = parseHeaders(s.headers, s.secretHeaders);
  const timeoutMs = parseBoundedInt(s.timeout, '--timeout', 1, 600_000);
  const maxBodyBytes = parseBoundedInt(s.maxBody, '--max-body', 1, MAX_BODY_CAP);
  const concurrency = parseBoundedInt(s.concurrency, '--concurrency', 1, 256);
  const ca = s.ca !== undefined ? trustedCas(s.ca) : undefined;
  if (s.failFast && s.maxFailures !== undefined) throw new InputError('give either --fail-fast or --max-failures N, not both');
  const maxFailures = s.failFast ? 1 : s.maxFailures !== undefined ? parseBoundedInt(s.maxFailures, '--max-failures', 1, 1_000_000) : undefined;
  const operations = splitList(s.operations);
  const excludeOperations = splitList(s.excludeOperations);
  const known = knownProfiles();
  const profiles = splitList(s.profiles) ?? [...known];
  for (const p of profiles) if (!known.includes(p)) throw new InputError(`unknown profile "${p}" (known: ${known.join(', ')})`);
  const url = target.href.replace(/\/+$/, '');
  const targets: TargetOptions[] = [...new Set(profiles)].map((profile) => ({
    profile,
    url,
    ...(stateUrl ? { stateUrl } : {}),
    ...(Object.keys(params).length > 0 ? { params } : {}),
    ...(cometdUrl ? { cometdUrl } : {}),
  }));
  return {
    targets,
    ...(token ? { token } : {}),
    ...(headers.length > 0 ? { headers } : {}),
    ...(only && only.length > 0 ? { only: only as CheckName[] } : {}),
    ...(operations && operations.length > 0 ? { operations } : {}),
    ...(excludeOperations && excludeOperations.length > 0 ? { excludeOperations } : {}),
    ...(s.allowPartial ? { allowPartial: true } : {}),
    ...(maxFailures !== undefined ? { maxFailures } : {}),
    timeoutMs,
    maxBodyBytes,
    concurrency,
    ...(ca ? { ca } : {}),
    specsDir: s.specsDir,
    contractsDir: s.contractsDir,
  };
}
