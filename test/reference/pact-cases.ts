/**
 * What the real-client TLS test drives, read from the built pacts (contracts/pacts/*.json), not
 * listed by hand: per operation route (method + path) its first accepted interaction (state, body,
 * status, Location rule), and per message interaction the request that makes it and what the
 * notification must carry. Shared by the test and its child-process driver.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface PactState {
  name: string;
  params?: Record<string, string>;
}
interface PactMatchers {
  matchers?: { match: string; regex?: string }[];
}
interface PactHttp {
  type: 'Synchronous/HTTP';
  description: string;
  providerStates?: PactState[];
  request: { method: string; path: string; headers?: Record<string, string[]>; body?: { content?: unknown }; generators?: { path?: { expression: string } } };
  response: { status: number; headers?: Record<string, string[]>; matchingRules?: { header?: Record<string, PactMatchers> } };
}
interface PactMessage {
  type: 'Asynchronous/Messages';
  description: string;
  providerStates?: PactState[];
  contents: { content: { channel: string; data: Record<string, unknown> } };
  generators?: { body?: Record<string, { expression: string; type: string }> };
  matchingRules?: { body?: Record<string, unknown> };
}
type PactInteraction = PactHttp | PactMessage | { type: string; description: string };

/** One request of the target contract: a provider state to set up, then the request on its ids. */
export interface PactRequest {
  description: string;
  state?: PactState;
  method: string;
  /** `/communications/calls/${callId}/updateRecordingStatus`: `${key}` takes the state's answer. */
  pathExpression: string;
  body?: unknown;
  /** Whether the contract sends `Authorization` (the token). */
  authorized: boolean;
  status: number;
  /** The regex the contract matches Location with, when it demands one. */
  location?: string;
}

export interface NotificationCase {
  profile: string;
  description: string;
  channel: string;
  /** The request whose success publishes it (same state). */
  trigger: PactRequest;
  /** `data.call.id` → `callId`: where the notification carries the id of the state's resource. */
  ids: Record<string, string>;
  /** Top-level `data` values the contract matches exactly (no type matcher). */
  exact: Record<string, string | number | boolean>;
}

export interface ProfileCases {
  profile: string;
  /** One per operation route (method + path), in pact order. */
  accepted: PactRequest[];
  notifications: NotificationCase[];
}

function asRequest(i: PactHttp): PactRequest {
  const headers = Object.keys(i.request.headers ?? {});
  const locationRule = i.response.matchingRules?.header?.Location?.matchers?.find((m) => m.match === 'regex')?.regex;
  const documentsLocation = Object.keys(i.response.headers ?? {}).some((h) => h.toLowerCase() === 'location');
  return {
    description: i.description,
    state: i.providerStates?.[0],
    method: i.request.method,
    pathExpression: i.request.generators?.path?.expression ?? i.request.path,
    body: i.request.body?.content,
    authorized: headers.some((h) => h.toLowerCase() === 'authorization'),
    status: i.response.status,
    location: locationRule ?? (documentsLocation ? '.' : undefined),
  };
}

/** Cases of every pact under `contractsDir/pacts`. */
export function pactCases(contractsDir: string): ProfileCases[] {
  const dir = join(contractsDir, 'pacts');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const pact = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { provider: { name: string }; interactions: PactInteraction[] };
      const http = pact.interactions.filter((i): i is PactHttp => i.type === 'Synchronous/HTTP');
      const accepted = new Map<string, PactRequest>();
      for (const i of http) {
        const r = asRequest(i);
        const route = `${r.method} ${r.pathExpression}`;
        if (r.status >= 200 && r.status <= 299 && !accepted.has(route)) accepted.set(route, r);
      }
      const notifications = pact.interactions
        .filter((i): i is PactMessage => i.type === 'Asynchronous/Messages')
        .flatMap((m): NotificationCase[] => {
          const trigger = [...accepted.values()].find((r) => r.state?.name === m.providerStates?.[0]?.name);
          if (!trigger) return [];
          const ids = Object.fromEntries(
            Object.entries(m.generators?.body ?? {})
              .filter(([, g]) => g.type === 'ProviderState')
              .map(([path, g]) => [path.replace(/^\$\./, ''), g.expression.replace(/^\$\{(.*)\}$/, '$1')]),
          );
          const rules = m.matchingRules?.body ?? {};
          const exact = Object.fromEntries(
            Object.entries(m.contents.content.data).filter(
              (e): e is [string, string | number | boolean] => ['string', 'number', 'boolean'].includes(typeof e[1]) && !(`$.data.${e[0]}` in rules),
            ),
          );
          return [{ profile: pact.provider.name, description: m.description, channel: m.contents.content.channel, trigger, ids, exact }];
        });
      return { profile: pact.provider.name, accepted: [...accepted.values()], notifications };
    });
}

/** The value at a dotted path (`data.call.id`). */
export function at(value: unknown, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((v, k) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[k] : undefined), value);
}

/** The path of a request with the state's answers in place of `${key}`. */
export function fillPath(expression: string, ids: Record<string, string>): string {
  return expression.replace(/\$\{([^}]+)\}/g, (_m, key: string) => encodeURIComponent(ids[key] ?? ''));
}
