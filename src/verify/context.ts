/**
 * The run context of one profile's target: the HTTP client, calls from the state URL (one fresh
 * call per mutating check, Pact's provider-state convention) or the fixed `--call-id`, and
 * CometD subscriptions. Every failure comes back as data.
 */
import type { CallLease, RunContext, Target } from './checks/types.js';
import { subscribe } from './cometd.js';
import { HttpClient, type Exchange, type HttpRequest } from './http.js';
import { defaultCometdUrl, type TargetOptions, type VerifyOptions } from './options.js';
import type { Inputs } from './plan.js';

/** The provider-state request of the target contract (DESIGN.md). */
export const CALL_EXISTS = { state: 'a call exists', params: {}, action: 'setup' } as const;

export function toTarget(t: TargetOptions): Target {
  return {
    profile: t.profile,
    url: t.url.replace(/\/+$/, ''),
    origin: new URL(t.url).origin,
    ...(t.stateUrl ? { stateUrl: t.stateUrl } : {}),
    ...(t.callId ? { callId: t.callId } : {}),
    cometdUrl: t.cometdUrl ?? defaultCometdUrl(t.url),
  };
}

/** Ask the state URL for a call: 200 with `{"callId": "…"}`. */
export async function provisionCall(http: HttpClient, stateUrl: string): Promise<CallLease> {
  const setup: Exchange = await http.send({
    method: 'POST',
    url: stateUrl,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(CALL_EXISTS),
  });
  if (!setup.response) return { ok: false, message: `no call to act on: the state URL ${stateUrl} did not answer (${setup.error ?? 'error'})`, setup };
  const json = setup.response.json as { callId?: unknown } | undefined;
  if (setup.response.status !== 200 || typeof json?.callId !== 'string' || json.callId === '') {
    return { ok: false, message: `no call to act on: the state URL ${stateUrl} answered ${setup.response.status}${setup.response.isJson ? '' : ' (not JSON)'}, expected 200 with {"callId": "…"}`, setup };
  }
  return { ok: true, callId: json.callId, setup };
}

export function createRunContext(target: Target, options: Pick<VerifyOptions, 'token' | 'timeoutMs' | 'maxBodyBytes'>, inputs: Inputs, http: HttpClient): RunContext {
  const token = options.token;
  return {
    target,
    ...(token ? { token } : {}),
    http,
    timeoutMs: options.timeoutMs,
    schemas: inputs.schemas,
    decisions: inputs.decisions,
    resources: inputs.resources,
    send: (req: HttpRequest) => http.send(req),
    freshCall: async () => {
      if (target.stateUrl) return provisionCall(http, target.stateUrl);
      if (target.callId) return { ok: true, callId: target.callId };
      return { ok: false, message: 'no call to act on: give --call-id or --state-url' };
    },
    subscribe: (channel) =>
      subscribe({ url: target.cometdUrl, channel, timeoutMs: options.timeoutMs, maxBodyBytes: options.maxBodyBytes, ...(token ? { headers: { Authorization: `Bearer ${token}` } } : {}) }),
  };
}
