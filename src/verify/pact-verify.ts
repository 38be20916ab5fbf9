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
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Verifier } from '@pact-foundation/pact';
import { InputError } from '../spec/errors.js';
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
}

export interface PactVerifyResult {
  passed: boolean;
  pacts: string[];
  httpInteractions: number;
  skippedMessages: number;
  /** Pact's failure message (token-free), when it failed. */
  failure?: string;
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
    try {
      pact = JSON.parse(readFileSync(file, 'utf8')) as PactJson;
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

/** POST the provider state to the target's state URL; its JSON object is the state's result. */
async function setupState(stateUrl: string, state: string, params: unknown, timeoutMs: number): Promise<Record<string, unknown>> {
  const res = await fetch(stateUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ state, params: params ?? {}, action: 'setup' }),
    signal: AbortSignal.timeout(timeoutMs),
    redirect: 'error',
  });
  const text = await res.text();
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
async function stateUrlPreflight(stateUrl: string, state: { name: string; params: unknown } | undefined, timeoutMs: number): Promise<ConfigurationProblem | undefined> {
  if (!state) return undefined;
  try {
    await setupState(stateUrl, state.name, state.params, timeoutMs);
    return undefined;
  } catch (err) {
    // No answer at all is the target's to explain; Pact's verifier reports it per interaction.
    return err instanceof StateAnswerError ? stateUrlProblem(stateUrl, { status: err.status, message: err.message }) : undefined;
  }
}

export async function verifyPacts(opts: PactVerifyOptions): Promise<PactVerifyResult> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const dir = mkdtempSync(join(tmpdir(), 'callconform-pact-verify-'));
  try {
    const prepared = preparePacts(opts, dir);
    const base = { passed: true, pacts: prepared.pacts, httpInteractions: prepared.http, skippedMessages: prepared.messages };
    if (prepared.files.length === 0) return base;
    const configuration = await stateUrlPreflight(opts.stateUrl, prepared.firstState, timeoutMs);
    if (configuration) return { ...base, passed: false, configuration };
    const token = opts.token;
    const stateHandlers = Object.fromEntries([...prepared.states].map((name) => [name, (params?: unknown) => setupState(opts.stateUrl, name, params, timeoutMs)]));
    type Options = ConstructorParameters<typeof Verifier>[0];
    // An express middleware on Pact's proxy (express types are not installed: typed by hand).
    const requestFilter = (req: IncomingMessage, _res: ServerResponse, next: () => void): void => {
      if (token && req.headers.authorization !== undefined) req.headers.authorization = `Bearer ${token}`;
      next();
    };
    const options: Options = {
      providerBaseUrl: opts.target,
      pactUrls: prepared.files,
      stateHandlers: stateHandlers as Options['stateHandlers'],
      requestFilter: requestFilter as unknown as Options['requestFilter'],
      timeout: timeoutMs,
      logLevel: 'error',
      failIfNoPactsFound: true,
    };
    const verifier = new Verifier(options);
    try {
      await verifier.verifyProvider();
      return base;
    } catch (err) {
      // Pact already printed each interaction and its mismatches; keep only the first line of its error.
      const message = (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 200);
      const failure = /^\s*\{/.test(message) ? 'see the mismatches above' : message;
      return { ...base, passed: false, failure: token ? failure.split(token).join('***') : failure };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
