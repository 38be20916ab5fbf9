/**
 * The run context of one profile's target: the HTTP client, provider states from the state URL
 * (a fresh one per mutating check, Pact's convention) or the fixed ids of `--param` / `--call-id`,
 * and CometD subscriptions. Every failure comes back as data.
 */
import type { ProviderState, StateRequest } from '../spec/provider-state.js';
import type { RunContext, StateLease, Target } from './checks/types.js';
import { HttpClient, type Exchange, type HttpRequest } from './http.js';
import { defaultCometdUrl, secretValues, type ExtraHeader, type TargetOptions, type VerifyOptions } from './options.js';
import type { Inputs } from './plan.js';
import type { RunObservations } from './run-observations.js';

export function toTarget(t: TargetOptions): Target {
  return {
    profile: t.profile,
    url: t.url.replace(/\/+$/, ''),
    origin: new URL(t.url).origin,
    ...(t.stateUrl ? { stateUrl: t.stateUrl } : {}),
    ...(t.params && Object.keys(t.params).length > 0 ? { params: t.params } : {}),
    cometdUrl: t.cometdUrl ?? defaultCometdUrl(t.url),
  };
}

/** A `--header` that carries credentials: marked secret (Cookie and the like always are), or an Authorization. */
function isCredential(h: ExtraHeader): boolean {
  return h.secret || h.name.toLowerCase() === 'authorization';
}

/** The request with the `--header`s added, where it does not carry a header of that name already. */
export function withExtraHeaders(req: HttpRequest, extra: readonly ExtraHeader[] = []): HttpRequest {
  if (extra.length === 0) return req;
  const present = new Set(Object.keys(req.headers).map((h) => h.toLowerCase()));
  const headers = { ...req.headers };
  for (const h of extra) if (!present.has(h.name.toLowerCase())) headers[h.name] = h.value;
  return { ...req, headers };
}

/** `{"callId": "…", "participantId": "…"}`: what a state handler answers for a state. */
function expectedAnswer(state: ProviderState): string {
  return `{${state.parameters.map((p) => `"${p.key}": "…"`).join(', ')}}`;
}

/**
 * Ask the state URL for a provider state: `{"state", "params", "action": "setup"}`, where params
 * carries the fixed ids; the answer is 200 with an id per parameter the params did not fix.
 */
export async function provisionState(http: HttpClient, stateUrl: string, state: ProviderState, fixed: Readonly<Record<string, string>> = {}, extra: readonly ExtraHeader[] = []): Promise<StateLease> {
  const params: Record<string, string> = {};
  for (const p of state.parameters) {
    const value = fixed[p.key];
    if (value !== undefined) params[p.key] = value;
  }
  const request: StateRequest = { state: state.name, params, action: 'setup' };
  const setup: Exchange = await http.send(
    withExtraHeaders({ method: 'POST', url: stateUrl, headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(request) }, extra),
  );
  const what = `no ${state.name.replace(/ exists.*$/, '').replace(/^an? /, '')} to act on ("${state.name}")`;
  if (!setup.response) return { ok: false, message: `${what}: the state URL ${stateUrl} did not answer (${setup.error ?? 'error'})`, setup };
  const json = setup.response.json as Record<string, unknown> | undefined;
  const ids: Record<string, string> = {};
  for (const p of state.parameters) {
    const value = params[p.key] ?? json?.[p.key];
    if (typeof value === 'string' && value !== '') ids[p.placeholder] = value;
  }
  if (setup.response.status !== 200 || Object.keys(ids).length < state.parameters.length) {
    return { ok: false, message: `${what}: the state URL ${stateUrl} answered ${setup.response.status}${setup.response.isJson ? '' : ' (not JSON)'}, expected 200 with ${expectedAnswer(state)}`, setup };
  }
  return { ok: true, ids, setup };
}

/** The ids of a state from the fixed `--param`s alone (no state URL). */
export function fixedState(state: ProviderState, fixed: Readonly<Record<string, string>>): StateLease {
  const missing = state.parameters.filter((p) => fixed[p.key] === undefined);
  if (missing.length > 0) {
    const flags = missing.map((p) => (p.key === 'callId' ? '--call-id ID' : `--param ${p.key}=ID`)).join(', ');
    return { ok: false, message: `no ${missing.map((p) => p.resource).join(' and ')} to act on ("${state.name}"): give ${flags}, or --state-url` };
  }
  return { ok: true, ids: Object.fromEntries(state.parameters.map((p) => [p.placeholder, fixed[p.key] ?? ''])) };
}

let cometdModule: Promise<typeof import('./cometd.js')> | undefined;
const loadCometd = (): Promise<typeof import('./cometd.js')> => (cometdModule ??= import('./cometd.js'));

/**
 * Load the clients the profiles need before their checks start: the CometD client only where the
 * docs describe notifications (loading it inside a check would stall every request in flight).
 */
export async function loadClientsFor(inputs: Pick<Inputs, 'operations'>, profiles: readonly string[]): Promise<void> {
  if (inputs.operations.some((o) => profiles.includes(o.profile) && o.notifications.length > 0)) await loadCometd();
}

/** Whether a request as sent carries credentials: an Authorization header, or a credential `--header`. */
function carriesCredentials(req: HttpRequest, extra: readonly ExtraHeader[]): boolean {
  const names = new Set(Object.keys(req.headers).map((h) => h.toLowerCase()));
  return names.has('authorization') || extra.some((h) => isCredential(h) && names.has(h.name.toLowerCase()));
}

export function createRunContext(target: Target, options: Pick<VerifyOptions, 'token' | 'headers' | 'timeoutMs' | 'maxBodyBytes' | 'ca'>, inputs: Inputs, http: HttpClient, observe?: RunObservations): RunContext {
  const token = options.token;
  const extra = options.headers ?? [];
  const secrets = secretValues(options);
  const bayeuxHeaders: Record<string, string> = Object.fromEntries(extra.map((h) => [h.name, h.value]));
  if (token) bayeuxHeaders.Authorization = `Bearer ${token}`;
  const memo = new Map<string, Promise<unknown>>();
  return {
    target,
    ...(token ? { token } : {}),
    ...(secrets.length > 0 ? { secrets } : {}),
    http,
    timeoutMs: options.timeoutMs,
    schemas: inputs.schemas,
    decisions: inputs.decisions,
    resources: inputs.resources,
    send: async (req: HttpRequest, sendOptions) => {
      const withoutCredentials = sendOptions?.withoutCredentials === true;
      const sent = withExtraHeaders(req, withoutCredentials ? extra.filter((h) => !isCredential(h)) : extra);
      const exchange = await http.send(sent);
      // Requests left without credentials on purpose (the auth check) say nothing about the configuration.
      if (!withoutCredentials) observe?.request(sent.url, carriesCredentials(sent, extra), exchange.response?.status);
      return exchange;
    },
    freshState: async (state) => {
      if (!state) return { ok: true, ids: {} };
      const fixed = target.params ?? {};
      if (!target.stateUrl) return fixedState(state, fixed);
      const lease = await provisionState(http, target.stateUrl, state, fixed, extra);
      observe?.state(lease.ok ? undefined : { message: lease.message, ...(lease.setup?.response ? { status: lease.setup.response.status } : {}) });
      return lease;
    },
    once: (key, compute) => {
      let value = memo.get(key);
      if (!value) memo.set(key, (value = compute()));
      return value as ReturnType<typeof compute>;
    },
    subscribe: async (channel) =>
      (await loadCometd()).subscribe({ url: target.cometdUrl, channel, timeoutMs: options.timeoutMs, maxBodyBytes: options.maxBodyBytes, ...(options.ca ? { ca: options.ca } : {}), ...(Object.keys(bayeuxHeaders).length > 0 ? { headers: bayeuxHeaders } : {}) }),
  };
}
