/**
 * The reference implementation (`callconform serve`): a node:http server that executes the
 * route plan read from the specs, validates request bodies with the compiled schemas, holds
 * calls in memory, publishes notifications through a real Bayeux endpoint, and can be switched
 * into documented deviations (faults) for the verifier's mutation test.
 */
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { InputError } from '../spec/errors.js';
import {
  applyUpdate,
  documentedError,
  documentedReply,
  graphError,
  newOperation,
  notificationFor,
  renderOperation,
  withOdataType,
  type Json,
  type JsonObject,
  type ReplyErrorKind,
} from './bodies.js';
import { createNotificationHub, COMETD_MOUNT, type NotificationHub } from './bayeux.js';
import { NO_FAULTS, parseFaults, type FaultName, type FaultSet } from './faults.js';
import { isJsonMediaType, readBody, send, type Reply } from './http-io.js';
import { loadReferenceInputs, type ReferenceInputs } from './inputs.js';
import { OPERATION_PARAM } from './location.js';
import { decodeSegments, fillTemplate, matchTemplate, mostSpecific } from './path-template.js';
import { planRoutes, type ErrorKind, type OperationPlan, type Route, type RoutePlan } from './plan.js';
import { compileValidators, type RequestValidator } from './schemas.js';
import { conform, SchemaIndex } from './schema-sample.js';
import { nextLink, pageOf, readListQuery } from './collection.js';
import { withDefaults } from './defaults.js';
import { ResourceStore, type ResourcePath, type ResourceRecord } from './store.js';
import type { ProviderState, StateParameter } from '../spec/provider-state.js';

/** Provider-state endpoint of the target contract (Pact convention, DESIGN.md "Target contract"). */
export const STATE_PATH = '/_callconform/state';
/** A small description of what is served (profiles, operations, faults). */
export const INFO_PATH = '/_callconform';
/** Origin used by the `foreign-location` fault. */
export const FOREIGN_ORIGIN = 'http://foreign-host.invalid';

export interface ReferenceOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** When set, documented Authorization headers must carry `Bearer <token>`. */
  token?: string;
  /** Fault names (`NAME` or `slow=MS`); see faults.ts. */
  faults?: readonly string[];
  specsDir?: string;
  contractsDir?: string;
  /** Already loaded specs and schemas (tests); otherwise read from specsDir/contractsDir. */
  inputs?: ReferenceInputs;
  /** Long-poll hold time the Bayeux endpoint advises (seconds). */
  cometdTimeoutSeconds?: number;
  /** Serve https with this key and certificate (PEM), the Bayeux endpoint included; http otherwise. */
  tls?: { key: string; cert: string };
}

export interface ReferenceServer {
  /** Base URL, e.g. `http://127.0.0.1:40123` (`https://…` with `tls`). */
  url: string;
  port: number;
  faults: readonly FaultName[];
  /** Stop accepting, end open connections (long-polls included) and release the port. */
  close(): Promise<void>;
}

interface Matched {
  route: Route;
  params: Record<string, string>;
}

interface Context {
  req: IncomingMessage;
  /** `/<profile>` when the request came in under a profile prefix, else ''. */
  prefix: string;
  /** The request path after the prefix, and its query. */
  path: string;
  search: URLSearchParams;
}

/** Compiled response and resource schemas, and the set they come from: what makes bodies schema-valid. */
export interface BodySchemas {
  validators: Map<string, RequestValidator>;
  index: SchemaIndex;
}

/** Items a list answers for a collection nothing has filled yet (so `$top=1` has a next page). */
const SEEDED_ITEMS = 2;

type ActionRoute = Extract<Route, { kind: 'action' }>;

const GRAPH_ERROR_CODE: Record<ErrorKind, string> = {
  'missing-authorization': 'InvalidAuthenticationToken',
  'unknown-resource': 'itemNotFound',
  'invalid-body': 'BadRequest',
  'unsupported-content-type': 'UnsupportedMediaType',
};

const REPLY_ERROR_KIND: Record<ErrorKind, ReplyErrorKind> = {
  'missing-authorization': 'unauthenticated',
  'unknown-resource': 'not-found',
  'invalid-body': 'invalid-parameter',
  'unsupported-content-type': 'invalid-parameter',
};

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  if (!m?.[1]) return false;
  const given = Buffer.from(m[1]);
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

const HOST_HEADER = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** How much a plan's reply says about the answer: a typed resource says more than an example-only reply. */
const REPLY_DETAIL: Record<OperationPlan['reply']['kind'], number> = { operation: 3, resource: 2, documented: 1, empty: 0 };

/**
 * Several pages may document the same request (conversationmember-get.md and channel-get-members.md
 * both document GET …/members/{id}); the answer satisfies each when it follows the page that says
 * most about it (its @odata.type, its annotations). Ties keep the routes' order.
 */
function byDocumentedAnswer<T extends { route: ActionRoute }>(candidates: T[]): T[] {
  const detail = (c: T): number => REPLY_DETAIL[c.route.plan.reply.kind] + (c.route.plan.reply.kind === 'resource' && c.route.plan.reply.odataType ? 1 : 0);
  return [...candidates].sort((a, b) => detail(b) - detail(a));
}

class ReferenceHandler {
  readonly store = new ResourceStore();
  /** Every provider state the served paths need, by name. */
  private readonly states: Map<string, ProviderState>;
  private readonly abort = new AbortController();

  constructor(
    private readonly plan: RoutePlan,
    private readonly validators: Map<string, RequestValidator>,
    private readonly faults: FaultSet,
    private readonly hub: NotificationHub,
    private readonly token: string | undefined,
    private readonly ownOrigin: () => string,
    private readonly bodies: BodySchemas,
    private readonly scheme: 'http' | 'https',
  ) {
    // Every delayed response (`slow`) listens on this one signal until its delay ends, so that
    // stopping the server ends them all; many at once are expected, not a leak.
    setMaxListeners(0, this.abort.signal);
    this.states = new Map(plan.routes.flatMap((r) => (r.kind === 'action' && r.state ? [[r.state.name, r.state] as const] : [])));
    this.seedLists([]);
  }

  stop(): void {
    this.abort.abort();
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://reference.invalid');
    let path = url.pathname;
    let scope = this.plan.routes;
    let prefix = '';
    const first = decodeSegments(path)?.[0];
    const profileRoutes = first === undefined ? undefined : this.plan.byProfile.get(first);
    if (first !== undefined && profileRoutes) {
      prefix = `/${encodeURIComponent(first)}`;
      path = path.slice(prefix.length) || '/';
      scope = profileRoutes;
      req.url = path + url.search;
    }
    if (this.hub.handles(path)) {
      this.hub.handle(req, res);
      return;
    }
    if (path === STATE_PATH) {
      send(res, await this.providerState(req));
      return;
    }
    if (path === INFO_PATH && req.method === 'GET') {
      send(res, { status: 200, body: this.info() });
      return;
    }
    const segments = decodeSegments(path);
    const matched: Matched[] = [];
    for (const route of segments ? scope : []) {
      const params = matchTemplate(route.tpl, segments ?? []);
      if (params) matched.push({ route, params });
    }
    if (matched.length === 0) {
      send(res, { status: 404, body: graphError('itemNotFound', `no documented operation at ${path}`) });
      return;
    }
    const ctx: Context = { req, prefix, path, search: url.searchParams };
    const method = (req.method ?? 'GET').toUpperCase();
    const actions = byDocumentedAnswer(mostSpecific(matched.filter((m): m is Matched & { route: ActionRoute } => m.route.kind === 'action' && m.route.method === method), (m) => m.route.tpl));
    const reads = matched.filter((m) => m.route.kind === 'operation-resource' && method === 'GET');
    let reply: Reply | undefined;
    if (actions.length > 0) reply = await this.action(ctx, actions);
    else if (reads[0]) reply = this.readOperation(ctx, reads[0]);
    else {
      const allow = [...new Set(matched.map((m) => (m.route.kind === 'action' ? m.route.method : 'GET')))].sort().join(', ');
      reply = { status: 405, headers: { Allow: allow }, body: graphError('MethodNotAllowed', `${method} is not documented for ${path} (allowed: ${allow})`) };
    }
    if (reply === undefined) return; // the client went away
    const annotations = actions[0]?.route.plan.annotations ?? {};
    if (reply.status >= 200 && reply.status <= 299 && isObject(reply.body) && !Array.isArray(reply.body)) reply = { ...reply, body: { ...annotations, ...reply.body } };
    if (this.faults.slowMs > 0) {
      try {
        await sleep(this.faults.slowMs, undefined, { signal: this.abort.signal });
      } catch {
        return;
      }
    }
    send(res, { ...reply, wrongContentType: this.faults.has('wrong-content-type') });
  }

  private authorized(req: IncomingMessage): boolean {
    if (this.token === undefined || this.faults.has('no-auth')) return true;
    return tokenMatches(req.headers.authorization, this.token);
  }

  private error(plan: OperationPlan, kind: ErrorKind, message: string, replyKind?: ReplyErrorKind): Reply {
    const status = plan.errorStatus[kind];
    const headers: Record<string, string> = kind === 'missing-authorization' ? { 'WWW-Authenticate': 'Bearer' } : {};
    if (plan.errorStyle === 'documented' && plan.reply.kind === 'documented') {
      return { status, headers, body: documentedError(plan.reply.body, replyKind ?? REPLY_ERROR_KIND[kind], message) };
    }
    return { status, headers, body: graphError(GRAPH_ERROR_CODE[kind], message) };
  }

  private successStatus(plan: OperationPlan): number {
    if (!this.faults.has('status-202')) return plan.successStatus;
    return plan.successStatus === 202 ? 200 : 202;
  }

  private origin(req: IncomingMessage): string {
    const host = req.headers.host;
    return host && HOST_HEADER.test(host) ? `${this.scheme}://${host}` : this.ownOrigin();
  }

  /**
   * The resource a path names, by its typed ids outermost first; under `accept-unknown-call` an
   * unknown one is made on the fly, under `ignore-outer-param` it is found by its own id alone.
   */
  private findResource(path: ResourcePath): ResourceRecord | undefined {
    const found = this.store.get(path);
    const last = path[path.length - 1];
    if (found || !last) return found;
    if (this.faults.has('ignore-outer-param') && path.length > 1) return this.store.findAnywhere(last.resource, last.id);
    if (!this.faults.has('accept-unknown-call')) return undefined;
    return this.store.create(path.slice(0, -1), last.resource, last.id);
  }

  /** A resource body as answered: the stored properties over those the example shows, the id, @odata.type, made valid against `schema`. */
  private renderResource(plan: OperationPlan, record: ResourceRecord, schema: string | undefined): JsonObject {
    const odataType = plan.reply.kind === 'resource' ? plan.reply.odataType : undefined;
    const body = withOdataType(odataType ?? plan.itemOdataType, { ...(withDefaults(record.properties, plan.answerDefaults) as JsonObject), [plan.idKey]: record.id }, this.faults);
    return schema ? conform(body, schema, this.bodies.validators.get(schema), this.bodies.index) : body;
  }

  /** Properties for a new item of a collection: the request's documented ones, valid against the resource's schema. */
  private newItem(plan: OperationPlan, request: unknown): JsonObject {
    const given = isObject(request) ? request : {};
    const documented = plan.resourceProperties;
    const kept = Object.entries(given).filter(([k]) => !k.startsWith('@odata.') && k !== plan.idKey && k !== '__proto__' && (documented === undefined || documented.includes(k)));
    const props = structuredClone(Object.fromEntries(kept)) as JsonObject;
    const schema = plan.resourceSchema;
    return schema ? conform(props, schema, this.bodies.validators.get(schema), this.bodies.index) : props;
  }

  /**
   * What a resource made by a provider state holds: the properties the page's GET of it shows in
   * its response example, made valid against the resource's schema; none without such a page.
   */
  private documentedProperties(resource: string): JsonObject {
    const plan = this.plan.plans.find((p) => p.kind === 'get' && p.exampleProperties && p.spec.shape?.resource?.toLowerCase() === resource.toLowerCase());
    if (!plan?.exampleProperties) return {};
    const props = structuredClone(plan.exampleProperties) as JsonObject;
    return plan.resourceSchema ? conform(props, plan.resourceSchema, this.bodies.validators.get(plan.resourceSchema), this.bodies.index) : props;
  }

  /** Fill the collections a list documents under `path` that are still empty (provider-state setup). */
  private seedLists(path: ResourcePath): void {
    const resources = path.map((s) => s.resource.toLowerCase()).join('/');
    for (const route of this.plan.routes) {
      const plan = route.plan;
      if (route.kind !== 'action' || plan.kind !== 'list' || !plan.itemResource) continue;
      if (route.steps.map((s) => s.resource.toLowerCase()).join('/') !== resources) continue;
      if (this.store.list(path, plan.itemResource).length > 0) continue;
      const sample = plan.resourceSchema ? this.bodies.index.sampleProperties(plan.resourceSchema) : {};
      for (let i = 0; i < SEEDED_ITEMS; i++) this.store.create(path, plan.itemResource, undefined, this.newItem(plan, sample));
    }
  }

  private async action(ctx: Context, candidates: (Matched & { route: ActionRoute })[]): Promise<Reply | undefined> {
    const { req } = ctx;
    const lead = candidates[0]?.route.plan;
    if (!lead) return undefined;
    if (candidates.some((c) => c.route.plan.auth) && !this.authorized(req)) {
      return this.error(lead, 'missing-authorization', req.headers.authorization ? 'Access token is invalid.' : 'Access token is empty.');
    }
    const contentType = req.headers['content-type'];
    // Content-Type describes a body: a request without one (a GET, a DELETE) has none to check.
    const bodyless = !candidates.some((c) => c.route.plan.hasBody) && (req.headers['content-length'] ?? '0') === '0' && req.headers['transfer-encoding'] === undefined;
    if (!this.faults.has('content-type-unchecked') && !bodyless && candidates.some((c) => c.route.plan.jsonRequest) && !isJsonMediaType(contentType)) {
      return this.error(lead, 'unsupported-content-type', `Content-Type must be application/json, got ${contentType ? `"${contentType}"` : 'none'}`);
    }
    const read = await readBody(req);
    if (!read.ok) return read.reason === 'too-large' ? { status: 413, body: graphError('RequestEntityTooLarge', 'request body too large') } : undefined;
    let body: unknown;
    if (read.text.trim() !== '') {
      try {
        body = JSON.parse(read.text) as unknown;
      } catch {
        return this.error(lead, 'invalid-body', 'request body is not valid JSON');
      }
    } else if (lead.hasBody) {
      return this.error(lead, 'invalid-body', 'request body is missing', 'missing-parameter');
    }
    // Under `required-unchecked` a missing discriminator (a required const) is not noticed either.
    const lax = this.faults.has('required-unchecked');
    const chosen = candidates.find((c) => c.route.plan.discriminators.every((d) => isObject(body) && (body[d.name] === d.value || (lax && body[d.name] === undefined))));
    if (!chosen) {
      const d = lead.discriminators[0];
      const given = d && isObject(body) ? body[d.name] : undefined;
      return given === undefined
        ? this.error(lead, 'invalid-body', `${d?.name ?? 'operation'} is missing`, 'missing-parameter')
        : this.error(lead, 'invalid-body', `${d?.name ?? 'operation'} ${JSON.stringify(given)} is not supported by this resource`, 'invalid-parameter');
    }
    const { route, params } = chosen;
    const plan = route.plan;
    const path = pathOf(route.steps, params);
    const call = this.findResource(path);
    if (!call) return this.error(plan, 'unknown-resource', `${describeResource(route.state, path.map((s) => s.id))} was not found`);
    const validate = this.validators.get(plan.requestSchema);
    if (plan.hasBody && validate) {
      const problems = validate(body);
      if (problems.length > 0) {
        const missing = problems.some((p) => p.message.startsWith('must have required property'));
        return this.error(plan, 'invalid-body', problems.map((p) => `${p.pointer} ${p.message}`).join('; '), missing ? 'missing-parameter' : 'invalid-parameter');
      }
    }
    return this.perform(ctx, route, params, plan, call, body);
  }

  /** POST to a collection: a new item, answered with its Location and its body. */
  private create(ctx: Context, route: ActionRoute, params: Record<string, string>, plan: OperationPlan, body: unknown): Reply {
    const status = this.faults.has('create-without-location') ? 200 : this.successStatus(plan);
    const item = this.store.create(pathOf(route.steps, params), plan.itemResource ?? 'item', undefined, this.newItem(plan, body));
    const headers: Record<string, string> = {};
    if (!this.faults.has('create-without-location')) headers.Location = `${this.origin(ctx.req)}${ctx.prefix}${ctx.path.replace(/\/+$/, '')}/${encodeURIComponent(item.id)}`;
    return { status, headers, body: status === 204 ? undefined : this.renderResource(plan, item, plan.responseSchema) };
  }

  /** GET of a collection: the OData envelope of one page of its items. */
  private list(ctx: Context, route: ActionRoute, params: Record<string, string>, plan: OperationPlan): Reply {
    const query = readListQuery(ctx.search, plan.resourceProperties);
    if ('error' in query) return this.error(plan, 'invalid-body', query.error, 'invalid-parameter');
    const path = pathOf(route.steps, params);
    const items = this.store.list(path, plan.itemResource ?? 'item').map((r) => this.renderResource(plan, r, plan.resourceSchema));
    // A page whose example links a next page is paged below what the collection holds when seeded, so a first page links one too.
    const top = query.top ?? (plan.pageSize === undefined ? undefined : Math.min(plan.pageSize, SEEDED_ITEMS - 1));
    const { page, next } = pageOf(items, { ...query, top });
    if (this.faults.has('list-bare-object')) return { status: this.successStatus(plan), body: page[0] ?? {} };
    const envelope: JsonObject = { ...(plan.counts ? { '@odata.count': items.length } : {}), value: page };
    if (next !== undefined) {
      const origin = this.faults.has('foreign-next-link') ? FOREIGN_ORIGIN : this.origin(ctx.req);
      envelope['@odata.nextLink'] = nextLink(origin, ctx.prefix + ctx.path, ctx.search, next);
    }
    // Items another operation stored (a create whose page types a property otherwise) are answered as this list's page types them:
    // a stored value the list's schema rejects gives way to the one the list's example shows.
    const schema = plan.responseSchema;
    if (!schema) return { status: this.successStatus(plan), body: envelope };
    const valid = (body: JsonObject): JsonObject => conform(body, schema, this.bodies.validators.get(schema), this.bodies.index);
    const conformed = valid(envelope);
    const answered = Array.isArray(conformed.value) ? conformed.value : [];
    return { status: this.successStatus(plan), body: valid({ ...conformed, value: answered.map((i) => withDefaults(i, plan.answerDefaults) as Json) }) };
  }

  private async perform(ctx: Context, route: ActionRoute, params: Record<string, string>, plan: OperationPlan, call: ResourceRecord, body: unknown): Promise<Reply> {
    const status = this.successStatus(plan);
    switch (plan.kind) {
      case 'create':
        return this.create(ctx, route, params, plan, body);
      case 'list':
        return this.list(ctx, route, params, plan);
      case 'get':
        return { status, body: status === 204 ? undefined : this.renderResource(plan, call, plan.responseSchema) };
      case 'delete':
        if (!this.faults.has('delete-keeps-resource')) this.store.delete(pathOf(route.steps, params));
        return { status };
      default:
        break;
    }
    const reply = plan.reply;
    switch (reply.kind) {
      case 'operation': {
        const opId = randomUUID();
        const stored = newOperation(reply, opId, body);
        const owner = route.operationTpl ? route.operationTpl.segments.flatMap((s) => ('param' in s && s.param !== OPERATION_PARAM ? [params[s.param] ?? ''] : [])) : [];
        this.store.addOperation(owner, plan.key, opId, stored);
        const headers: Record<string, string> = {};
        if (route.operationTpl && !this.faults.has('no-location')) {
          const shownId = this.faults.has('location-404') ? randomUUID() : opId;
          const path = ctx.prefix + fillTemplate(route.operationTpl.segments, { ...params, [OPERATION_PARAM]: shownId });
          headers.Location = this.faults.has('relative-location') ? path : `${this.faults.has('foreign-location') ? FOREIGN_ORIGIN : this.origin(ctx.req)}${path}`;
        }
        return { status, headers, body: status === 204 ? undefined : renderOperation(reply, stored, this.faults) };
      }
      case 'resource':
        applyUpdate(plan, call, body, this.faults);
        return { status, body: status === 204 ? undefined : this.renderResource(plan, call, plan.responseSchema) };
      case 'documented': {
        applyUpdate(plan, call, body, this.faults);
        if (!this.faults.has('no-notification')) {
          for (const fact of plan.notifications) {
            const n = notificationFor(fact, call, this.faults);
            await this.hub.publish(n.channel, n.data).catch(() => undefined);
          }
        }
        return { status, body: status === 204 ? undefined : documentedReply(reply.body, this.faults) };
      }
      case 'empty':
        applyUpdate(plan, call, body, this.faults);
        return { status };
    }
  }

  private readOperation(ctx: Context, m: Matched): Reply {
    const plan = m.route.plan;
    if (plan.auth && !this.authorized(ctx.req)) {
      return this.error(plan, 'missing-authorization', ctx.req.headers.authorization ? 'Access token is invalid.' : 'Access token is empty.');
    }
    const owner = m.route.owner.map((p) => m.params[p] ?? '');
    if (m.route.kind !== 'operation-resource' || !this.store.has(pathOf(m.route.steps, m.params))) return this.error(plan, 'unknown-resource', `${owner.join('/')} was not found`);
    const opId = m.params[OPERATION_PARAM] ?? '';
    const op = this.store.operation(owner, opId);
    const creator = op && this.plan.plans.find((p) => p.key === op.planKey);
    if (!op || creator?.reply.kind !== 'operation') return this.error(plan, 'unknown-resource', `operation "${opId}" of ${owner.join('/')} was not found`);
    return { status: 200, body: renderOperation(creator.reply, op.body, this.faults) };
  }

  private async providerState(req: IncomingMessage): Promise<Reply> {
    if (req.method !== 'POST') return { status: 405, headers: { Allow: 'POST' }, body: { error: 'POST a provider state: {"state","params","action"}' } };
    const read = await readBody(req);
    if (!read.ok) return { status: 413, body: { error: 'request body too large' } };
    let value: unknown;
    try {
      value = JSON.parse(read.text || '{}') as unknown;
    } catch {
      return { status: 400, body: { error: 'provider state body is not valid JSON' } };
    }
    if (!isObject(value) || typeof value.state !== 'string') return { status: 400, body: { error: 'expected {"state": "…", "params": {}, "action": "setup"}' } };
    const action = value.action ?? 'setup';
    const params = isObject(value.params) ? value.params : {};
    const state = this.states.get(value.state);
    if (!state) return { status: 400, body: { error: `unknown provider state ${JSON.stringify(value.state)} (known: ${[...this.states.keys()].map((k) => JSON.stringify(k)).join(', ')})` } };
    const wanted = state.parameters.map((p) => (typeof params[p.key] === 'string' && params[p.key] !== '' ? (params[p.key] as string) : undefined));
    if (action === 'teardown') {
      if (wanted.every((id) => id !== undefined)) this.store.delete(state.parameters.map((p, i) => ({ resource: p.resource, id: wanted[i] as string })));
      return { status: 200, body: {} };
    }
    if (action !== 'setup') return { status: 400, body: { error: `unknown action ${JSON.stringify(action)} (setup or teardown)` } };
    // The resources around the one acted on are made when missing; the innermost is always fresh.
    const path: { resource: string; id: string }[] = [];
    wanted.forEach((id, i) => {
      const resource = state.parameters[i]?.resource ?? 'item';
      const innermost = i === wanted.length - 1;
      if (!innermost && id !== undefined && this.store.has([...path, { resource, id }])) path.push({ resource, id });
      else path.push({ resource, id: this.store.create(path, resource, id, this.documentedProperties(resource)).id });
      this.seedLists(path);
    });
    return { status: 200, body: Object.fromEntries(state.parameters.map((p, i) => [p.key, path[i]?.id])) };
  }

  private info(): Record<string, unknown> {
    return {
      name: 'callconform reference implementation',
      providerState: STATE_PATH,
      providerStates: [...this.states.values()].map((st) => ({ state: st.name, answers: st.parameters.map((p) => p.key) })),
      cometd: COMETD_MOUNT,
      faults: this.faults.names,
      profiles: [...this.plan.byProfile.keys()],
      operations: this.plan.plans.map((p) => ({
        operation: p.key,
        method: p.spec.method.value,
        paths: p.spec.paths.map((x) => x.template),
        successStatus: p.successStatus,
      })),
    };
  }
}

/** The typed resource path a route's parameters name. */
function pathOf(steps: readonly StateParameter[], params: Readonly<Record<string, string>>): ResourcePath {
  return steps.map((s) => ({ resource: s.resource, id: params[s.placeholder] ?? '' }));
}

/** `call "c1"`, `participant "p1" in call "c1"`, for not-found messages. */
function describeResource(state: ProviderState | undefined, ids: readonly string[]): string {
  const named = (state?.parameters ?? []).map((p, i) => `${p.resource} "${ids[i] ?? ''}"`);
  return named.reverse().join(' in ') || 'the resource';
}

function formatOrigin(scheme: 'http' | 'https', address: AddressInfo, host: string): string {
  const shown = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return shown.includes(':') ? `${scheme}://[${shown}]:${address.port}` : `${scheme}://${shown}:${address.port}`;
}

/** Start the reference server; resolves once it listens. */
export async function startReference(options: ReferenceOptions = {}): Promise<ReferenceServer> {
  const faults = parseFaults(options.faults ?? []);
  const inputs = options.inputs ?? loadReferenceInputs(options.specsDir ?? 'specs', options.contractsDir ?? 'contracts');
  if (inputs.operations.length === 0) throw new InputError('no operation specs (run `callconform extract`)', { file: options.specsDir ?? 'specs' });
  const plan = planRoutes(inputs.operations, inputs.resources, inputs.decisions);
  const validators = compileValidators(
    inputs.schemas,
    plan.plans.filter((p) => p.hasBody).map((p) => p.requestSchema),
    faults,
    inputs.schemaDir,
  );
  if (options.token !== undefined && options.token.trim() === '') throw new InputError('--token must not be empty');
  const host = options.host ?? '127.0.0.1';
  const hub = createNotificationHub(options.cometdTimeoutSeconds ?? 10);
  let origin = '';
  const bodySchemas = [...new Set(plan.plans.flatMap((p) => [p.responseSchema, p.resourceSchema]).filter((f): f is string => f !== undefined && inputs.schemas.has(f)))];
  const bodies: BodySchemas = { validators: compileValidators(inputs.schemas, bodySchemas, NO_FAULTS, inputs.schemaDir), index: new SchemaIndex(inputs.schemas) };
  const scheme = options.tls ? 'https' : 'http';
  const handler = new ReferenceHandler(plan, validators, faults, hub, options.token, () => origin, bodies, scheme);
  const listener: RequestListener = (req, res) => {
    handler.handle(req, res).catch((err: unknown) => {
      send(res, { status: 500, body: graphError('InternalServerError', err instanceof Error ? err.message : String(err)) });
    });
  };
  const server: Server = options.tls ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, listener) : createServer(listener);
  server.on('upgrade', (req, socket, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://reference.invalid').pathname;
    const first = path.split('/')[1] ?? '';
    const rest = plan.byProfile.has(first) ? path.slice(first.length + 1) : path;
    if (hub.handles(rest)) hub.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      reject(err.code === 'EADDRINUSE' || err.code === 'EACCES' || err.code === 'EADDRNOTAVAIL' ? new InputError(`cannot listen on ${host}:${options.port ?? 0}: ${err.code}`) : err);
    };
    server.once('error', onError);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  origin = formatOrigin(scheme, address, host);
  let closing: Promise<void> | undefined;
  return {
    url: origin,
    port: address.port,
    faults: faults.names,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        handler.stop();
        hub.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
