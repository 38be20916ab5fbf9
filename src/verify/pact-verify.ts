/**
 * Provider verification of contracts/pacts/ with Pact's own verifier (the Rust core through
 * @pact-foundation/pact's `Verifier`) against a live target. It lives with `verify`, not with the
 * compile stage that writes the pacts: like `verify` it talks to a target, and it shares
 * `verify`'s probe, so exit code 3 (unreachable) means the same in both commands.
 *
 * - Provider states (`a call exists`, `a participant exists in a call`: every state the pacts
 *   name): POSTed to the target's state URL as `{"state","params","action":"setup"}`; its JSON
 *   answer (`{"callId":"…","participantId":"…"}`) feeds the `fromProviderState` expressions.
 * - Token: the Authorization header of an interaction that has one is replaced by
 *   `Bearer <token>` on its way to the target (interactions without it stay without it); the
 *   token never reaches Pact's logs or output.
 * - Asynchronous-message interactions (CometD notifications) need a CometD subscriber, not an
 *   HTTP exchange: they are left out here and counted (`callconform verify` checks them).
 * - Bounds: Pact talks to the target through bounded-proxy.ts (one deadline per exchange, the
 *   body capped after decoding, no redirect followed); the state URL's answer is read up to the
 *   same cap.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Verifier } from '@pact-foundation/pact';
import { Agent, fetch, type Dispatcher, type Response } from 'undici';
import { InputError } from '../spec/errors.js';
import { startBoundedProxy, type BoundedProxy } from './bounded-proxy.js';
import { DEFAULTS } from './options.js';
import { INPUT_LIMITS, readInputText } from '../spec/read-input.js';

/** How much longer Pact's own per-request timeout is than the proxy's deadline. */
const PROXY_MARGIN_MS = 2_000;
import type { ConfigurationProblem } from '../report/result.js';
import { stateUrlProblem } from './run-observations.js';

export interface PactVerifyOptions {
  target: string;
  stateUrl: string;
  token?: string;
  pactsDir: string;
  /** Only this profile's pact (default: every pact in pactsDir). */
  profile?: string;
  /** Per-request timeout of the verifier, ms. */
  timeoutMs?: number;
  /** Largest answer body (decoded), from the target and from the state URL. */
  maxBodyBytes?: number;
  /** CA certificates (PEM) an https target's certificate may chain to (`trustedCas`). */
  ca?: readonly string[];
}

export interface PactVerifyResult {
  passed: boolean;
  pacts: string[];
  httpInteractions: number;
  skippedMessages: number;
  /** Pact's failure message (token-free), when it failed. */
  failure?: string;
  /** Answers of the target that could not be passed to Pact, and what stood in for them (`POST /path: 504 no complete response …`). */
  replaced: readonly string[];
  /** The state URL is not a state handler: nothing was verified (exit 2). */
  configuration?: ConfigurationProblem;
}

interface PactJson {
  provider: { name: string };
  interactions: { type?: string; providerStates?: { name?: unknown; params?: unknown }[] }[];
}

/** The pacts to verify, with their message interactions removed, written into `dir`. */
function preparePacts(opts: PactVerifyOptions, dir: string): { files: string[]; pacts: string[]; http: number; messages: number; states: string[]; firstState?: { name: string; params: unknown } } {
  let names: string[];
  try {
    names = readdirSync(opts.pactsDir).filter((n) => n.endsWith('.json')).sort();
  } catch {
    throw new InputError('cannot read pacts folder (run `callconform build`)', { file: opts.pactsDir });
  }
  const files: string[] = [];
  const pacts: string[] = [];
  let http = 0;
  let messages = 0;
  const states = new Set<string>();
  let firstState: { name: string; params: unknown } | undefined;
  for (const name of names) {
    const file = join(opts.pactsDir, name);
    let pact: PactJson;
    const text = readInputText(file, INPUT_LIMITS.contract, 'pact file');
    try {
      pact = JSON.parse(text) as PactJson;
    } catch {
      throw new InputError('not a pact file (invalid JSON)', { file, line: 1 });
    }
    if (opts.profile && pact.provider?.name !== opts.profile) continue;
    const kept = pact.interactions.filter((i) => i.type !== 'Asynchronous/Messages');
    messages += pact.interactions.length - kept.length;
    http += kept.length;
    for (const i of kept) {
      for (const s of i.providerStates ?? []) {
        if (typeof s.name !== 'string') continue;
        states.add(s.name);
        firstState ??= { name: s.name, params: s.params };
      }
    }
    if (kept.length === 0) continue;
    const out = join(dir, name);
    writeFileSync(out, JSON.stringify({ ...pact, interactions: kept }, null, 2));
    files.push(out);
    pacts.push(file);
  }
  if (opts.profile && pacts.length === 0 && messages === 0) throw new InputError(`no pact for provider ${opts.profile}`, { file: opts.pactsDir });
  return { files, pacts, http, messages, states: [...states].sort(), ...(firstState ? { firstState } : {}) };
}

/** A state URL's answer that is not the state's result, with the status it came with. */
class StateAnswerError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** The body of a fetch answer as text, reading at most `maxBytes` (after decoding); more is an error. */
async function boundedText(res: Response, maxBytes: number, what: string): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > maxBytes) {
      await reader.cancel();
      throw new Error(`${what} answered more than ${maxBytes} bytes (--max-body)`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** POST the provider state to the target's state URL; its JSON object is the state's result. */
async function setupState(stateUrl: string, state: string, params: unknown, timeoutMs: number, maxBytes: number, dispatcher?: Dispatcher): Promise<Record<string, unknown>> {
  const res = await fetch(stateUrl, {
    ...(dispatcher ? { dispatcher } : {}),
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ state, params: params ?? {}, action: 'setup' }),
    signal: AbortSignal.timeout(timeoutMs),
    redirect: 'error',
  });
  const text = await boundedText(res, maxBytes, 'state URL');
  if (res.status !== 200) throw new StateAnswerError(`the state URL ${stateUrl} answered ${res.status} to state "${state}"`, res.status);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const missing = Object.keys(params !== null && typeof params === 'object' ? params : {}).filter((k) => typeof (value as Record<string, unknown> | undefined)?.[k] !== 'string');
  if (typeof value !== 'object' || value === null || Array.isArray(value) || missing.length > 0) {
    throw new StateAnswerError(`the state URL ${stateUrl} answered ${JSON.stringify(text.slice(0, 80))} to state "${state}", expected a JSON object with ${missing.length > 0 ? missing.join(', ') : 'an id per parameter'}`, res.status);
  }
  return value as Record<string, unknown>;
}

/**
 * One state set up before Pact's verifier starts: a state URL that is not a state handler would
 * otherwise fail every interaction, each with Pact's full mismatch dump.
 */
async function stateUrlPreflight(stateUrl: string, state: { name: string; params: unknown } | undefined, timeoutMs: number, maxBytes: number, dispatcher?: Dispatcher): Promise<ConfigurationProblem | undefined> {
  if (!state) return undefined;
  try {
    await setupState(stateUrl, state.name, state.params, timeoutMs, maxBytes, dispatcher);
    return undefined;
  } catch (err) {
    // No answer at all is the target's to explain; Pact's verifier reports it per interaction.
    return err instanceof StateAnswerError ? stateUrlProblem(stateUrl, { status: err.status, message: err.message }) : undefined;
  }
}

export async function verifyPacts(opts: PactVerifyOptions): Promise<PactVerifyResult> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const dir = mkdtempSync(join(tmpdir(), 'callconform-pact-verify-'));
  let proxy: BoundedProxy | undefined;
  let stateAgent: Agent | undefined;
  try {
    const prepared = preparePacts(opts, dir);
    const base = { passed: true, pacts: prepared.pacts, httpInteractions: prepared.http, skippedMessages: prepared.messages, replaced: [] };
    if (prepared.files.length === 0) return base;
    const maxBodyBytes = opts.maxBodyBytes ?? DEFAULTS.maxBodyBytes;
    stateAgent = opts.ca ? new Agent({ connect: { ca: [...opts.ca] } }) : undefined;
    const configuration = await stateUrlPreflight(opts.stateUrl, prepared.firstState, timeoutMs, maxBodyBytes, stateAgent);
    if (configuration) return { ...base, passed: false, configuration };
    const token = opts.token;
    const stateHandlers = Object.fromEntries([...prepared.states].map((name) => [name, (params?: unknown) => setupState(opts.stateUrl, name, params, timeoutMs, maxBodyBytes, stateAgent)]));
    type Options = ConstructorParameters<typeof Verifier>[0];
    // An express middleware on Pact's proxy (express types are not installed: typed by hand).
    const requestFilter = (req: IncomingMessage, _res: ServerResponse, next: () => void): void => {
      if (token && req.headers.authorization !== undefined) req.headers.authorization = `Bearer ${token}`;
      next();
    };
    proxy = await startBoundedProxy({ target: opts.target, timeoutMs, maxBodyBytes, ...(opts.ca ? { ca: opts.ca } : {}) });
    const options: Options = {
      providerBaseUrl: proxy.url,
      pactUrls: prepared.files,
      stateHandlers: stateHandlers as Options['stateHandlers'],
      requestFilter: requestFilter as unknown as Options['requestFilter'],
      // The proxy's deadline ends an exchange first, with callconform's explanation as the answer.
      timeout: timeoutMs + PROXY_MARGIN_MS,
      logLevel: 'error',
      failIfNoPactsFound: true,
    };
    const verifier = new Verifier(options);
    try {
      await verifier.verifyProvider();
      return { ...base, replaced: proxy.replaced };
    } catch (err) {
      // Pact already printed each interaction and its mismatches; keep only the first line of its error.
      const message = (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 200);
      const failure = /^\s*\{/.test(message) ? 'see the mismatches above' : message;
      return { ...base, passed: false, failure: token ? failure.split(token).join('***') : failure, replaced: proxy.replaced };
    }
  } finally {
    await proxy?.close();
    await stateAgent?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
