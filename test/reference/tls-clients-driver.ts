/**
 * The clients of the TLS test, in a child process of their own: Node reads NODE_EXTRA_CA_CERTS (the
 * certificate `serve --tls` named) only at start, and neither the Microsoft Graph JS client nor the
 * CometD Node client takes a CA of its own. Reads a DriverPlan (JSON) on stdin, prints DriverOutcome
 * (JSON) on stdout. Run with `node --import tsx`.
 */
import { Client, ResponseType, type GraphRequest } from '@microsoft/microsoft-graph-client';
import { subscribe } from './clients.js';
import { at, fillPath, type NotificationCase, type PactRequest } from './pact-cases.js';

export interface DriverPlan {
  base: string;
  token: string;
  graph: { profile: string; request: PactRequest }[];
  notifications: NotificationCase[];
}

export interface Answer {
  status: number;
  location: string | null;
  /** The error message of a refusal (`{"error":{"message"}}`). */
  message?: string;
}

export interface GraphOutcome {
  profile: string;
  description: string;
  /** The same request through Client.init and Client.initWithMiddleware, each on a fresh state. */
  init: Answer;
  initWithMiddleware: Answer;
  /** GET of the Location through the same client. */
  locationGet?: Answer;
  /** Through a client that does not know the host (no customHosts): it sends no token. */
  withoutToken: Answer;
}

export interface NotificationOutcome {
  profile: string;
  description: string;
  transport: 'long-polling' | 'websocket';
  status: number;
  message?: unknown;
}

export interface DriverOutcome {
  graph: GraphOutcome[];
  notifications: NotificationOutcome[];
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Set up the request's provider state (global fetch, which trusts NODE_EXTRA_CA_CERTS); its ids. */
async function setUp(base: string, request: PactRequest): Promise<Record<string, string>> {
  if (!request.state) return {};
  const res = await fetch(`${base}/_callconform/state`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ state: request.state.name, params: request.state.params ?? {}, action: 'setup' }),
  });
  if (res.status !== 200) throw new Error(`provider state ${request.state.name}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, string>;
}

async function answer(res: Response): Promise<Answer> {
  const text = await res.text();
  let message: string | undefined;
  try {
    message = (JSON.parse(text) as { error?: { message?: string } }).error?.message;
  } catch {
    message = undefined;
  }
  return { status: res.status, location: res.headers.get('location'), ...(message === undefined ? {} : { message }) };
}

/** Send a request through a Graph client; the raw response, whatever its status. */
function sendThrough(request: GraphRequest, method: string, body: unknown): Promise<Response> {
  const raw = request.responseType(ResponseType.RAW);
  switch (method.toUpperCase()) {
    case 'GET':
      return raw.get() as Promise<Response>;
    case 'POST':
      return raw.post(body) as Promise<Response>;
    case 'PATCH':
      return raw.patch(body) as Promise<Response>;
    case 'PUT':
      return raw.put(body) as Promise<Response>;
    case 'DELETE':
      return raw.delete() as Promise<Response>;
    default:
      throw new Error(`no Graph client method for ${method}`);
  }
}

async function driveGraph(plan: DriverPlan, profile: string, request: PactRequest): Promise<GraphOutcome> {
  const { base, token } = plan;
  const customHosts = new Set([new URL(base).hostname]);
  const byInit = Client.init({ authProvider: (done) => done(null, token), baseUrl: base, defaultVersion: profile, customHosts });
  const byMiddleware = Client.initWithMiddleware({ authProvider: { getAccessToken: () => Promise.resolve(token) }, baseUrl: base, defaultVersion: profile, customHosts });
  const unknownHost = Client.initWithMiddleware({ authProvider: { getAccessToken: () => Promise.resolve(token) }, baseUrl: base, defaultVersion: profile });
  const once = async (client: Client): Promise<Answer> => answer(await sendThrough(client.api(fillPath(request.pathExpression, await setUp(base, request))), request.method, request.body));
  const init = await once(byInit);
  const initWithMiddleware = await once(byMiddleware);
  const locationGet = initWithMiddleware.location ? await answer(await sendThrough(byMiddleware.api(initWithMiddleware.location), 'GET', undefined)) : undefined;
  const withoutToken = await once(unknownHost);
  return { profile, description: request.description, init, initWithMiddleware, ...(locationGet ? { locationGet } : {}), withoutToken };
}

async function driveNotification(plan: DriverPlan, n: NotificationCase, transport: NotificationOutcome['transport']): Promise<NotificationOutcome> {
  const info = (await (await fetch(`${plan.base}/_callconform`)).json()) as { cometd: string };
  const subscriber = await subscribe(`${plan.base}${info.cometd}`, n.channel, transport);
  try {
    const ids = await setUp(plan.base, n.trigger);
    const res = await fetch(`${plan.base}${fillPath(n.trigger.pathExpression, ids)}`, {
      method: n.trigger.method,
      headers: { 'Content-Type': 'application/json', ...(n.trigger.authorized ? { Authorization: `Bearer ${plan.token}` } : {}) },
      body: JSON.stringify(n.trigger.body),
    });
    await res.text();
    const message = await subscriber.next((m) => Object.entries(n.ids).every(([path, key]) => at(m, path) === ids[key]), 5_000);
    return { profile: n.profile, description: n.description, transport, status: res.status, ...(message ? { message } : {}) };
  } finally {
    await subscriber.close();
  }
}

const plan = JSON.parse(await readStdin()) as DriverPlan;
const outcome: DriverOutcome = { graph: [], notifications: [] };
for (const { profile, request } of plan.graph) outcome.graph.push(await driveGraph(plan, profile, request));
for (const n of plan.notifications) {
  for (const transport of ['long-polling', 'websocket'] as const) outcome.notifications.push(await driveNotification(plan, n, transport));
}
process.stdout.write(JSON.stringify(outcome));
process.exit(0);
