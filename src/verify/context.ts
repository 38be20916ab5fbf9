/**
 * The run context of one profile's target: the HTTP client, calls from the state URL (one fresh
 * call per mutating check, Pact's provider-state convention) or the fixed `--call-id`, and
 * CometD subscriptions. Every failure comes back as data.
 */
import type { CallLease, RunContext, Target } from './checks/types.js';
import { HttpClient, type Exchange, type HttpRequest } from './http.js';
import { defaultCometdUrl, secretValues, type ExtraHeader, type TargetOptions, type VerifyOptions } from './options.js';
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

/** Ask the state URL for a call: 200 with `{"callId": "…"}`. */
export async function provisionCall(http: HttpClient, stateUrl: string, extra: readonly ExtraHeader[] = []): Promise<CallLease> {
  const setup: Exchange = await http.send(
    withExtraHeaders(
      {
        method: 'POST',
        url: stateUrl,
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(CALL_EXISTS),
      },
      extra,
    ),
  );
  if (!setup.response) return { ok: false, message: `no call to act on: the state URL ${stateUrl} did not answer (${setup.error ?? 'error'})`, setup };
  const json = setup.response.json as { callId?: unknown } | undefined;
  if (setup.response.status !== 200 || typeof json?.callId !== 'string' || json.callId === '') {
    return { ok: false, message: `no call to act on: the state URL ${stateUrl} answered ${setup.response.status}${setup.response.isJson ? '' : ' (not JSON)'}, expected 200 with {"callId": "…"}`, setup };
  }
  return { ok: true, callId: json.callId, setup };
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

export function createRunContext(target: Target, options: Pick<VerifyOptions, 'token' | 'headers' | 'timeoutMs' | 'maxBodyBytes'>, inputs: Inputs, http: HttpClient): RunContext {
  const token = options.token;
  const extra = options.headers ?? [];
  const secrets = secretValues(options);
  const bayeuxHeaders: Record<string, string> = Object.fromEntries(extra.map((h) => [h.name, h.value]));
  if (token) bayeuxHeaders.Authorization = `Bearer ${token}`;
  return {
    target,
    ...(token ? { token } : {}),
    ...(secrets.length > 0 ? { secrets } : {}),
    http,
    timeoutMs: options.timeoutMs,
    schemas: inputs.schemas,
    decisions: inputs.decisions,
    resources: inputs.resources,
    send: (req: HttpRequest, sendOptions) => http.send(withExtraHeaders(req, sendOptions?.withoutCredentials ? extra.filter((h) => !isCredential(h)) : extra)),
    freshCall: async () => {
      if (target.stateUrl) return provisionCall(http, target.stateUrl, extra);
      if (target.callId) return { ok: true, callId: target.callId };
      return { ok: false, message: 'no call to act on: give --call-id or --state-url' };
    },
    subscribe: async (channel) =>
      (await loadCometd()).subscribe({ url: target.cometdUrl, channel, timeoutMs: options.timeoutMs, maxBodyBytes: options.maxBodyBytes, ...(Object.keys(bayeuxHeaders).length > 0 ? { headers: bayeuxHeaders } : {}) }),
  };
}
