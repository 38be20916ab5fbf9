/**
 * What the reference server does for each documented operation, read from the specs (and the
 * rulings in specs/decisions.yaml). Pure: specs in, a route plan out; the server only executes it.
 *
 * Nothing here knows a profile, a field name or a status code of the seeds: routes come from
 * the documented method + path templates, the success status from `requiredStatus`, the
 * operation resource path from the documented Location example, the reply from the documented
 * response resource or example, the notifications from the notification facts.
 */
import { requiredStatus, ruledEnumValues, type Decision } from '../spec/decisions.js';
import { InputError } from '../spec/errors.js';
import type { ErrorResponseFact, NotificationFact, OperationKind, OperationSpec, PropertyFact, ResourceSpec, Source } from '../spec/model.js';
import { OPERATION_PARAM, callSegmentIndex, operationTemplate, suffixFromExample, type OperationSuffix } from './location.js';
import { providerState, stateParameters, type ProviderState, type StateParameter } from '../spec/provider-state.js';
import { parseTemplate, type PathTemplate } from './path-template.js';
import { itemsLikeFirst, withDefaults } from './defaults.js';
import { documentsAuthorization, operationLocation, requiresJsonRequest, responseResource } from './spec-facts.js';

/** A body parameter with a documented fixed value that selects the operation (`operationName`). */
export interface Discriminator {
  name: string;
  value: string;
  source: Source;
}

/** How the success response is built. */
export type ReplyPlan =
  /** An operation resource is created; Location points to it; the body is the operation. */
  | {
      kind: 'operation';
      suffix?: OperationSuffix;
      odataType?: string;
      /** Properties of the operation resource, in documented order. */
      properties: OperationProperty[];
    }
  /** The body is the resource acted on, after the update (PATCH returns the updated call). */
  | { kind: 'resource'; odataType?: string }
  /** The body is the documented reply example (`{"statusCode":0}`). */
  | { kind: 'documented'; body: unknown }
  | { kind: 'empty' };

export interface OperationProperty {
  name: string;
  /**
   * How the server fills it: the new operation's id, the request's value, a documented enum value,
   * or (for an operation type without a page) the string the response example shows.
   */
  fill: 'id' | 'echo' | 'enum' | 'example';
  /** For `enum`: the documented values and the one the server answers; for `example`, the value. */
  values?: string[];
  value?: string;
}

/** Error kinds the reference can provoke; a `documented` error's condition is the page's prose, which it does not model. */
export type ErrorKind = Exclude<ErrorResponseFact['when'], 'documented'>;

export interface OperationPlan {
  /** `<profile>/<operation>`. */
  key: string;
  spec: OperationSpec;
  /** What it does to the resource its path names (create, get, list, update, delete, action). */
  kind: OperationKind;
  /** For create and list: the type of the collection's items (`call` for `POST /communications/calls`). */
  itemResource: string | undefined;
  /** Compiled response schema, relative to `contracts/schemas/`, when the page documents a body. */
  responseSchema: string | undefined;
  /** Compiled schema of the resource a get, create, list or update answers with, when it has a page. */
  resourceSchema: string | undefined;
  /** Documented properties of that resource (an update merges only these); undefined when it has no page. */
  resourceProperties: string[] | undefined;
  /**
   * OData annotations the response example shows besides `@odata.type` (`@odata.context`; a list's own `@odata.type` too): answered
   * as shown. Links (`@odata.nextLink`, `@odata.deltaLink`) are not: they name pages of the
   * documented service (with `{id}` placeholders in them), and the reference links its own.
   */
  annotations: Record<string, string>;
  /** For a get: the documented response example's properties (what a resource made by a provider state holds). */
  exampleProperties: Record<string, unknown> | undefined;
  /**
   * The properties the response example shows (of its first item, for a list), answered where the
   * stored resource holds none: a service fills what it makes itself (`createdDateTime`), and the
   * pact expects every property the example shows.
   */
  answerDefaults: Record<string, unknown>;
  /** The list's example shows `@odata.count`: the answer counts its items. */
  counts: boolean;
  /**
   * The list's example shows an `@odata.nextLink` beside its items: the items on a page the
   * request does not size (no `$top`), so that a first page carries a next link as the example's does.
   */
  pageSize: number | undefined;
  /** The `@odata.type` a list's example item shows, which every item carries. */
  itemOdataType: string | undefined;
  /** The query options the page documents that the reference honours (`$top`, `$filter`). */
  query: { top: boolean; filter: boolean };
  /** Path parameter that names the resource acted on (the call); none for a path without parameters. */
  callParam: string | undefined;
  /** Key of the call's id in rendered calls (`id`, or the last token of the notification's id pointer). */
  idKey: string;
  successStatus: number;
  auth: boolean;
  jsonRequest: boolean;
  hasBody: boolean;
  discriminators: Discriminator[];
  reply: ReplyPlan;
  /** Error bodies like Graph (`{"error":{code,message}}`) or like the documented reply (`statusCode` + message). */
  errorStyle: 'graph' | 'documented';
  errorStatus: Record<ErrorKind, number>;
  notifications: NotificationFact[];
  /** Body parameters whose pairs accumulate on the call (merged, not replaced). */
  accumulating: string[];
  /** Whether the request body updates the call's own properties. */
  updatesCall: boolean;
  /** Compiled request schema, relative to `contracts/schemas/`. */
  requestSchema: string;
}

/**
 * A served path. `owner` lists the placeholders that name the resource the request acts on,
 * outermost first (the call, then its participant): the resource is found by all of them.
 */
export type Route =
  | { kind: 'action'; method: string; tpl: PathTemplate; plan: OperationPlan; owner: string[]; steps: StateParameter[]; state: ProviderState | undefined; operationTpl?: PathTemplate }
  | { kind: 'operation-resource'; tpl: PathTemplate; plan: OperationPlan; owner: string[]; steps: StateParameter[] };

export interface RoutePlan {
  plans: OperationPlan[];
  /** Routes served at the root (every profile at once). */
  routes: Route[];
  /** Routes served under `/<profile>` as well, for targets that carry a path prefix. */
  byProfile: Map<string, Route[]>;
}

/** Platform conventions where a spec documents no error status (SHOULD in the specs). */
const CONVENTIONAL_ERROR_STATUS: Record<ErrorKind, number> = {
  'missing-authorization': 401,
  'unknown-resource': 404,
  'invalid-body': 400,
  'unsupported-content-type': 415,
};

function normalizeOdataType(t: string | undefined): string | undefined {
  if (!t) return undefined;
  return t.startsWith('#') ? t : `#${t}`;
}

/** An example's properties a resource holds: not its annotations, id or nulls. */
function documentedProperties(example: Record<string, unknown> | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(example ?? {}).filter(([k, v]) => !k.startsWith('@') && k !== 'id' && v !== null));
}

function stringOf(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** For an example page that links a next one: how many items it shows (at least one). */
function pageSizeOf(example: Record<string, unknown> | undefined): number | undefined {
  if (typeof example?.['@odata.nextLink'] !== 'string') return undefined;
  const value = example.value;
  return Math.max(1, Array.isArray(value) ? value.length : 0);
}

/** The first item of a collection example (`{"value": [item, …]}`). */
function firstItem(json: unknown): unknown {
  const value = objectOf(json)?.value;
  return Array.isArray(value) ? value[0] : undefined;
}

function objectOf(json: unknown): Record<string, unknown> | undefined {
  return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
}

function odataTypeOf(spec: OperationSpec, resource: ResourceSpec | undefined): string | undefined {
  const body = spec.response.body;
  const fromExample = objectOf(body?.example?.json)?.['@odata.type'];
  return normalizeOdataType(body?.odataType ?? (typeof fromExample === 'string' ? fromExample : undefined) ?? resource?.odataType);
}

function callParamOf(spec: OperationSpec): string | undefined {
  const first = spec.paths[0];
  if (!first) throw new InputError(`${spec.profile}/${spec.operation}: no documented path`, { file: spec.sources[0] ?? spec.profile });
  const tpl = parseTemplate(first.template);
  const named = spec.request.pathParameters.find((p) => callSegmentIndex(tpl, p) >= 0);
  if (named) return named;
  const params = tpl.segments.flatMap((s) => ('param' in s ? [s.param] : []));
  return params[params.length - 1];
}

function operationProperties(spec: OperationSpec, resource: ResourceSpec | undefined, operationId: string | undefined, decisions: readonly Decision[]): OperationProperty[] {
  const example = objectOf(spec.response.body?.example?.json) ?? {};
  const requestParams = spec.request.body?.parameters ?? [];
  const idName = Object.entries(example).find(([, v]) => operationId !== undefined && v === operationId)?.[0] ?? 'id';
  const documented: Pick<PropertyFact, 'name' | 'enum' | 'type'>[] = resource
    ? resource.properties
    : Object.keys(example)
        .filter((k) => !k.startsWith('@'))
        .map((name) => ({ name, type: 'string' as const }));
  const out: OperationProperty[] = [];
  for (const p of documented) {
    const param = requestParams.find((r) => r.name === p.name);
    // Echo a request value only where it fits the property: same type, and an enum property
    // only when every documented request value is one of its own (updateRecordingStatus's request
    // `status` is a recording status, its operation's `status` is the operation's).
    const fits = param !== undefined && (resource === undefined || param.type === p.type) && (!p.enum || (param.enum?.values.every((v) => p.enum?.values.includes(v)) ?? false));
    if (p.name === idName) out.push({ name: p.name, fill: 'id' });
    else if (fits) out.push({ name: p.name, fill: 'echo' });
    else if (p.enum && p.enum.values.length > 0) {
      // The values a ruling accepts when the page, enums.md and the metadata spell them differently.
      const values = resource ? ruledEnumValues(resource.profile, resource.resource, p.name, p.enum, decisions).values : p.enum.values;
      const shown = example[p.name];
      const same = typeof shown === 'string' ? (values.find((v) => v === shown) ?? values.find((v) => v.toLowerCase() === shown.toLowerCase())) : undefined;
      const value = same ?? values.find((v) => v !== 'unknownFutureValue') ?? values[0]!;
      out.push({ name: p.name, fill: 'enum', values, value });
    } else if (!resource && typeof example[p.name] === 'string') out.push({ name: p.name, fill: 'example', value: example[p.name] as string });
  }
  if (!out.some((p) => p.fill === 'id')) out.unshift({ name: idName, fill: 'id' });
  return out;
}

function replyOf(spec: OperationSpec, resources: readonly ResourceSpec[], decisions: readonly Decision[]): ReplyPlan {
  const body = spec.response.body;
  const resource = responseResource(spec, resources);
  const location = operationLocation(spec);
  const callParam = callParamOf(spec);
  if (location && callParam !== undefined) {
    const exampleId = objectOf(body?.example?.json)?.id;
    const suffix = location.example
      ? suffixFromExample(location.example, spec.paths.map((p) => p.template), callParam, typeof exampleId === 'string' ? exampleId : undefined)
      : undefined;
    const operationId = suffix && location.example ? operationIdFromExample(location.example, suffix) : undefined;
    return { kind: 'operation', suffix, odataType: odataTypeOf(spec, resource), properties: operationProperties(spec, resource, operationId, decisions) };
  }
  if (body && (body.resource !== undefined || body.odataType !== undefined)) return { kind: 'resource', odataType: odataTypeOf(spec, resource) };
  if (body?.example) return { kind: 'documented', body: itemsLikeFirst(body.example.json) };
  return { kind: 'empty' };
}

/** The operation id segment of the Location example (the one the suffix turned into `{opId}`). */
function operationIdFromExample(example: string, suffix: OperationSuffix): string | undefined {
  let segments: string[];
  try {
    segments = new URL(example, 'http://example.invalid/').pathname.split('/').filter((s) => s !== '');
  } catch {
    return undefined;
  }
  const tail = segments.slice(segments.length - suffix.length);
  const i = suffix.findIndex((s) => 'param' in s && s.param === OPERATION_PARAM);
  return i >= 0 ? tail[i] : undefined;
}

function idKeyOf(spec: OperationSpec): string {
  for (const n of spec.notifications) {
    const last = n.resourceIdPointer?.split('/').pop();
    if (last) return last.replace(/~1/g, '/').replace(/~0/g, '~');
  }
  return 'id';
}

/** Build the plan of one operation. Throws InputError for an unresolved status contradiction. */
export function planOperation(spec: OperationSpec, resources: readonly ResourceSpec[], decisions: readonly Decision[]): OperationPlan {
  const key = `${spec.profile}/${spec.operation}`;
  const status = requiredStatus(spec, [...decisions]);
  if (!status) {
    const at = spec.response.statusFromProse?.source ?? spec.response.statusFromExample?.source ?? { file: spec.sources[0] ?? key };
    throw new InputError(`${key}: no success status (prose and example disagree and specs/decisions.yaml has no ruling)`, at);
  }
  const parameters = spec.request.body?.parameters ?? [];
  const reply = replyOf(spec, resources, decisions);
  const errorStatus = { ...CONVENTIONAL_ERROR_STATUS };
  for (const e of spec.errors) if (e.when !== 'documented') errorStatus[e.when] = e.status;
  const accumulating = new Set(spec.notifications.flatMap((n) => (n.accumulates ?? []).map((a) => a.parameter)));
  if (reply.kind === 'documented') {
    // "Adds the provided key/value pairs": object parameters of a non-PATCH update accumulate.
    for (const p of parameters) if (p.type === 'object' && spec.method.value !== 'PATCH') accumulating.add(p.name);
  }
  const kind = spec.shape?.kind ?? KIND_BY_METHOD[spec.method.value] ?? 'action';
  const itemResource = kind === 'create' || kind === 'list' ? itemResourceOf(spec) : undefined;
  const resource = kind === 'action' ? undefined : (responseResource(spec, resources) ?? resources.find((r) => r.profile === spec.profile && r.resource.toLowerCase() === (spec.shape?.resource ?? itemResource ?? '').toLowerCase()));
  const queryNames = new Set((spec.request.query ?? []).map((q) => q.name.toLowerCase()));
  // The response example, and for a list the first item it shows: what the answers follow.
  const example = objectOf(spec.response.body?.example?.json);
  const item = kind === 'list' ? objectOf(firstItem(example)) : undefined;
  return {
    key,
    spec,
    kind,
    itemResource,
    responseSchema: spec.response.body ? `${spec.profile}/${spec.operation}.response.schema.json` : undefined,
    resourceSchema: resource ? `${spec.profile}/resources/${resource.resource}.schema.json` : undefined,
    resourceProperties: resource?.properties.filter((p) => !p.readOnly).map((p) => p.name),
    query: { top: queryNames.has('$top'), filter: queryNames.has('$filter') },
    // A list's items carry their own @odata.type: one beside them is the envelope's, answered as shown.
    annotations: Object.fromEntries(Object.entries(example ?? {}).filter((e): e is [string, string] => (kind === 'list' ? /^@odata\.(?!\w*Link$)/ : /^@odata\.(?!type$)(?!\w*Link$)/).test(e[0]) && typeof e[1] === 'string')),
    exampleProperties: kind === 'get' ? documentedProperties(example) : undefined,
    answerDefaults: itemsLikeFirst(documentedProperties(kind === 'list' ? item : example)) as Record<string, unknown>,
    counts: kind === 'list' && example?.['@odata.count'] !== undefined,
    pageSize: kind === 'list' ? pageSizeOf(example) : undefined,
    itemOdataType: normalizeOdataType(stringOf(item?.['@odata.type'])),
    callParam: callParamOf(spec),
    idKey: idKeyOf(spec),
    successStatus: status.code,
    auth: documentsAuthorization(spec),
    jsonRequest: requiresJsonRequest(spec),
    hasBody: spec.request.body !== undefined,
    discriminators: parameters.flatMap((p) => (p.const !== undefined ? [{ name: p.name, value: p.const, source: p.source }] : [])),
    reply,
    errorStyle: reply.kind === 'documented' ? 'documented' : 'graph',
    errorStatus,
    notifications: spec.notifications,
    accumulating: [...accumulating],
    updatesCall: reply.kind === 'resource' || reply.kind === 'documented',
    requestSchema: `${spec.profile}/${spec.operation}.request.schema.json`,
  };
}

/** The kind of a spec written by hand without a shape. */
const KIND_BY_METHOD: Partial<Record<OperationSpec['method']['value'], OperationKind>> = { GET: 'get', DELETE: 'delete', PATCH: 'update', PUT: 'update' };

/** The resource type of the items of the collection a create or list path names (`calls` → `call`). */
function itemResourceOf(spec: OperationSpec): string | undefined {
  const first = spec.paths[0];
  return first ? stateParameters(spec, `${first.template}/{${ITEM_PARAM}}`).at(-1)?.resource : undefined;
}

/** Placeholder name of a collection's item, never one a page uses. */
const ITEM_PARAM = 'callconform-item';

function routesOf(plan: OperationPlan): Route[] {
  const out: Route[] = [];
  for (const path of plan.spec.paths) {
    const tpl = parseTemplate(path.template);
    const operationTpl = plan.reply.kind === 'operation' && plan.reply.suffix && plan.callParam !== undefined ? operationTemplate(path.template, plan.callParam, plan.reply.suffix) : undefined;
    const state = providerState(plan.spec, path.template);
    const steps = stateParameters(plan.spec, path.template);
    out.push({ kind: 'action', method: plan.spec.method.value, tpl, plan, owner: placeholdersOf(tpl), steps, state, operationTpl });
    if (operationTpl) {
      const owner = placeholdersOf(operationTpl).filter((p) => p !== OPERATION_PARAM);
      out.push({ kind: 'operation-resource', tpl: operationTpl, plan, owner, steps: steps.filter((s) => owner.includes(s.placeholder)) });
    }
  }
  return out;
}

function placeholdersOf(tpl: PathTemplate): string[] {
  return tpl.segments.flatMap((s) => ('param' in s ? [s.param] : []));
}

/** A request as the server matches it (the method and the path with its placeholders unnamed), per kind of answer. */
function requestKey(plan: OperationPlan, template: string): string {
  return `${plan.kind} ${plan.spec.method.value} ${template.replace(/\{[^}]*\}/g, '{}').toLowerCase()}`;
}

/**
 * Several pages may document the same request (chat-post-messages.md and chatmessage-post.md both
 * document POST /chats/{id}/messages), and whichever answers, its answer must show what each
 * example shows: each plan's answer defaults gain the properties only another's example shows, at
 * every depth, and a count or a paged first page one of them shows.
 */
function answerForEveryPage(plans: readonly OperationPlan[]): void {
  const groups = new Map<string, OperationPlan[]>();
  for (const plan of plans) {
    for (const key of new Set(plan.spec.paths.map((p) => requestKey(plan, p.template)))) groups.set(key, [...(groups.get(key) ?? []), plan]);
  }
  const shared = new Map<OperationPlan, OperationPlan[]>();
  for (const group of groups.values()) for (const plan of group) shared.set(plan, [...new Set([...(shared.get(plan) ?? []), ...group])]);
  const before = new Map(plans.map((p) => [p, { answerDefaults: p.answerDefaults, counts: p.counts, pageSize: p.pageSize }]));
  for (const [plan, others] of shared) {
    if (others.length < 2) continue;
    for (const other of others.map((o) => before.get(o)!)) {
      plan.answerDefaults = withDefaults(plan.answerDefaults, other.answerDefaults) as Record<string, unknown>;
      plan.counts ||= other.counts;
      if (other.pageSize !== undefined) plan.pageSize = Math.min(plan.pageSize ?? other.pageSize, other.pageSize);
    }
  }
}

/** The route plan of every profile at once. */
export function planRoutes(operations: readonly OperationSpec[], resources: readonly ResourceSpec[], decisions: readonly Decision[]): RoutePlan {
  const plans = operations.map((op) => planOperation(op, resources, decisions));
  // A page that documents a Location to the operation without an example of it: the operation
  // lives where the profile's other operations live (their examples), else under `operations/`.
  for (const plan of plans) {
    if (plan.reply.kind !== 'operation' || plan.reply.suffix) continue;
    const sibling = plans.find((p) => p.spec.profile === plan.spec.profile && p.reply.kind === 'operation' && p.reply.suffix);
    plan.reply.suffix = sibling?.reply.kind === 'operation' ? sibling.reply.suffix : [{ literal: 'operations' }, { param: OPERATION_PARAM }];
  }
  answerForEveryPage(plans);
  const routes = plans.flatMap(routesOf);
  const byProfile = new Map<string, Route[]>();
  for (const r of routes) {
    const list = byProfile.get(r.plan.spec.profile) ?? [];
    list.push(r);
    byProfile.set(r.plan.spec.profile, list);
  }
  return { plans, routes, byProfile };
}
