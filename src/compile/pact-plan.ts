/**
 * The interactions of a profile's pact, as plain data (pure; `pact-write.ts` turns them into
 * Pact's V4 DSL calls). Every interaction comes from a spec fact and cites it in a comment.
 *
 * - success: each documented request example (or, without one, a body built from the facts),
 *   each documented enum value, a string of exactly maxLength; status after decisions
 *   (a MUST status exactly, a SHOULD status as "any 2xx"); Location matched by a regex derived
 *   from the documented example; the body's documented fields by type, enums by value.
 * - rejection (any 4xx): maxLength+1, an undocumented enum value, a wrong constant, a missing
 *   required parameter; missing Authorization gets the documented status exactly.
 * - notifications: one asynchronous message per documented message.
 * Only MUST facts make interactions (a pact failure fails the provider). Deprecated paths are
 * left to the OpenAPI document. A documented example the contract's own schema rejects is sent or
 * expected made schema-valid (`example-conform.ts`); a documented resource answer is expected only
 * for the request it answers (the first documented one).
 */
import type { Decision } from '../spec/decisions.js';
import { requiredStatus, successBody } from '../spec/decisions.js';
import { MAX_SENT_STRING_LENGTH } from '../spec/limits.js';
import type { ExampleFact, HeaderFact, OperationSpec, ParameterFact, ResourceSpec, Source } from '../spec/model.js';
import { requestEnumValues, responseEnumValues, undocumentedValue } from './enum-values.js';
import type { Json } from './json-schema.js';
import { locationPattern } from './location-pattern.js';
import { documentedResourceId, placeholder } from './path-values.js';
import { asJson, citation } from './property-schema.js';
import { providerState, stateParameters } from '../spec/provider-state.js';
import { asDocumented, type ExampleConform } from './example-conform.js';
import { withoutMisspeltAnnotations } from './misspelt-annotations.js';

export const CONSUMER = 'callconform';

/**
 * An interaction's provider state (`src/spec/provider-state.ts`): its name, and `params` with the
 * example id of every path parameter, under the key the state handler answers it with.
 */
export interface PlannedState {
  name: string;
  params: Record<string, string>;
}

/** A Pact matcher, as data. */
export class PactMatcher {
  constructor(
    readonly match: 'type' | 'regex' | 'providerState',
    readonly value: Json,
    /** Regex source (regex) or expression (providerState). */
    readonly expression?: string,
  ) {}
}

export type MatcherTree = Json | PactMatcher | MatcherTree[] | { [key: string]: MatcherTree };

export interface HttpInteraction {
  kind: 'http';
  /** The operation it comes from (`createMessage`), for errors that must name it. */
  operation: string;
  description: string;
  /** None for a path without parameters: nothing has to exist. */
  state?: PlannedState;
  comments: string[];
  request: {
    method: string;
    /** Example path (what the consumer test sends). */
    path: string;
    /** The same with the ids from the provider state: `/calls/${callId}/participants/${participantId}`. */
    pathExpression: string;
    headers: Record<string, string | PactMatcher>;
    body?: Json;
    contentType?: string;
  };
  response: {
    status: number;
    /** Accept any status of this class (the status example is `status`). */
    statusClass?: 'success' | 'clientError';
    headers: Record<string, PactMatcher>;
    body?: MatcherTree;
  };
}

export interface MessageInteraction {
  kind: 'message';
  /** The operation it comes from. */
  operation: string;
  description: string;
  state?: PlannedState;
  comments: string[];
  content: MatcherTree;
  metadata: Record<string, string>;
}

export type Interaction = HttpInteraction | MessageInteraction;

export interface PactPlan {
  consumer: string;
  provider: string;
  interactions: Interaction[];
}

const cite = (s: Source): string => citation(s);

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `Bearer {token}` → regex `^Bearer \S+$`: literal text kept, `{placeholders}` as any non-space run. */
export function headerValuePattern(value: string): string {
  return `^${value
    .split(/(\{[^}]*\})/)
    .map((part) => (/^\{[^}]*\}$/.test(part) ? '\\S+' : escapeRegex(part)))
    .join('')}$`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The id path parameter of an operation (the call acted on). */
function idParam(op: OperationSpec): string | undefined {
  return op.request.pathParameters[0];
}

/** The id of the call acted on in the example paths: the documented one, else a placeholder. */
function exampleId(op: OperationSpec, template: string): string {
  return documentedResourceId(op, template)?.value ?? placeholder(idParam(op) ?? 'id');
}

/** The example value of each placeholder: the documented id of the resource acted on, else a placeholder value. */
function exampleValue(op: OperationSpec, name: string, id: string): string {
  return name === idParam(op) ? id : placeholder(name);
}

/** The example path, or (`expression`) the path with the provider state's ids: `/calls/${callId}/…`. */
function fillTemplate(template: string, op: OperationSpec, id: string, expression: boolean): string {
  const keys = new Map(stateParameters(op, template).map((p) => [p.placeholder, p.key]));
  return template.replace(/\{([^}]+)\}/g, (_m, name: string) => (expression && keys.has(name) ? `\${${keys.get(name) ?? name}}` : exampleValue(op, name, id)));
}

/** The provider state of a template, with the example ids as its params. */
function plannedState(op: OperationSpec, template: string, id: string): PlannedState | undefined {
  const state = providerState(op, template);
  if (!state) return undefined;
  return { name: state.name, params: Object.fromEntries(state.parameters.map((p) => [p.key, exampleValue(op, p.placeholder, id)])) };
}

/** A value of a parameter that satisfies its facts (for bodies built without a documented example). */
function validValue(p: ParameterFact): Json | undefined {
  if (p.const !== undefined) return p.const;
  const scalar = (): Json | undefined => {
    if (p.enum) return requestEnumValues(p.enum)[0];
    const type = p.type === 'array' ? p.items : p.type;
    switch (type) {
      case 'string': {
        const v = `${p.name}-value`;
        return p.maxLength ? v.slice(0, p.maxLength.value) : v;
      }
      case 'number':
      case 'integer':
        return 0;
      case 'boolean':
        return false;
      case 'object':
        return {};
      default:
        return undefined;
    }
  };
  const v = scalar();
  if (v === undefined) return undefined;
  return p.type === 'array' ? [v] : v;
}

interface BaseBody {
  body: Json;
  source: Source;
  label: string;
}

/** The bodies of the success interactions: the documented examples (schema-valid), else one built from the facts. */
function baseBodies(op: OperationSpec, conformed: ExampleConform): BaseBody[] {
  const body = op.request.body;
  if (!body) return [];
  const examples: ExampleFact[] = [...(body.example ? [body.example] : []), ...(body.moreExamples ?? [])];
  const usable = examples.flatMap((e) => {
    const json = isObject(e.json) ? conformed(op, 'request', asJson(e.json)) : undefined;
    return json === undefined ? [] : [{ json, source: e.source, changed: JSON.stringify(json) !== JSON.stringify(asJson(e.json)) }];
  });
  if (usable.length) {
    return usable.map((e, i) => ({
      body: e.json,
      source: e.source,
      label: `${usable.length === 1 ? 'the documented request example' : `documented request example ${i + 1}`}${e.changed ? ' (made schema-valid)' : ''}`,
    }));
  }
  const built: Record<string, Json> = {};
  for (const p of body.parameters) {
    if (!(p.required || p.const !== undefined || p.enum || p.maxLength)) continue;
    const v = validValue(p);
    if (v !== undefined) built[p.name] = v;
  }
  return [{ body: conformed(op, 'request', built) ?? built, source: body.parameters[0]?.source ?? op.method.source, label: 'a request built from the documented parameters' }];
}

function requestHeaders(op: OperationSpec, omit?: (h: HeaderFact) => boolean): Record<string, string | PactMatcher> {
  const out: Record<string, string | PactMatcher> = {};
  for (const h of op.request.headers) {
    if (/^content-type$/i.test(h.name) || omit?.(h)) continue;
    if (!h.required && h.level !== 'MUST') continue;
    const value = h.value ?? '{value}';
    // Framing headers without a literal value are the HTTP client's to compute from the body (user-post-messages.md: `Content-Length`, no value).
    if (/^(content-length|transfer-encoding)$/i.test(h.name) && /\{[^}]*\}/.test(value)) continue;
    out[h.name] = /\{[^}]*\}/.test(value) ? new PactMatcher('regex', value, headerValuePattern(value)) : value;
  }
  return out;
}

/** A value without its nulls, at any depth (an array's items are type-matched as a whole). */
function withoutNulls(json: Json): Json {
  if (Array.isArray(json)) return json.filter((v) => v !== null).map(withoutNulls);
  if (typeof json === 'object' && json !== null) return Object.fromEntries(Object.entries(json).flatMap(([k, v]) => (v === null ? [] : [[k, withoutNulls(v)]])));
  return json;
}

/** The documented example body as matchers: fields by type, enum fields by value, nulls left out. */
function bodyMatchers(json: Json, enums: Map<string, string[]>, verbatim: boolean, pointer = ''): MatcherTree | undefined {
  if (json === null) return verbatim ? null : undefined;
  const enumValues = enums.get(pointer);
  if (enumValues && typeof json !== 'object') {
    const example = typeof json === 'string' && enumValues.includes(json) ? json : enumValues[0]!;
    return new PactMatcher('regex', example, `^(?:${enumValues.map(escapeRegex).join('|')})$`);
  }
  // A collection of objects by its first item: items of one type need not all show the same keys (Pact would match them index by index).
  if (Array.isArray(json)) return verbatim ? json : new PactMatcher('type', withoutNulls(json.every(isObject) ? json.slice(0, 1) : json));
  if (typeof json === 'object') {
    const out: Record<string, MatcherTree> = {};
    for (const [k, v] of Object.entries(json)) {
      const m = bodyMatchers(v, enums, verbatim, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      if (m !== undefined) out[k] = m;
    }
    return out;
  }
  if (verbatim && typeof json !== 'string') return json;
  return new PactMatcher('type', json);
}

function successResponse(op: OperationSpec, resources: ResourceSpec[], decisions: Decision[], template: string, conformed: ExampleConform): HttpInteraction['response'] {
  const status = requiredStatus(op, decisions);
  if (!status) throw new Error(`${op.profile}/${op.operation}: no success status (the decisions gate runs first)`);
  const levels = status.decision ? ['MUST'] : status.facts.map((f) => f.level);
  const headers: Record<string, PactMatcher> = {};
  for (const h of op.response.headers) {
    if (h.level !== 'MUST') continue;
    const param = idParam(op);
    const loc = h.example && param ? locationPattern(h.example, template, param) : undefined;
    if (loc) headers[h.name] = new PactMatcher('regex', loc.example, loc.pattern);
    else if (h.example) headers[h.name] = new PactMatcher('regex', h.example, '^.+$');
  }
  const out: HttpInteraction['response'] = { status: status.code, ...(levels.includes('MUST') ? {} : { statusClass: 'success' as const }), headers };
  // A 204 carries no content: the page's body then belongs to another status it documents.
  const body = successBody(op, decisions);
  if (body?.example && body.level === 'MUST') {
    const resource = body.resource ? resources.find((r) => r.profile === op.profile && r.resource === body.resource) : undefined;
    const enums = new Map<string, string[]>();
    for (const p of resource?.properties ?? []) if (p.enum && p.type !== 'array') enums.set(`/${p.name}`, responseEnumValues(p.enum));
    const example = conformed(op, 'response', withoutMisspeltAnnotations(asJson(body.example.json)));
    const tree = example === undefined ? undefined : bodyMatchers(example, enums, !body.resource && !body.truncated);
    if (tree !== undefined) out.body = tree;
  }
  return out;
}

function rejection(op: OperationSpec): Pick<HttpInteraction['response'], 'status' | 'statusClass'> {
  const documented = op.errors.find((e) => e.when === 'invalid-body');
  return { status: documented?.status ?? 400, statusClass: 'clientError' };
}

function httpInteractions(op: OperationSpec, resources: ResourceSpec[], decisions: Decision[], conformed: ExampleConform): HttpInteraction[] {
  const path = op.paths.find((p) => !p.deprecated);
  if (!path) return [];
  const id = exampleId(op, path.template);
  const state = plannedState(op, path.template, id);
  const contentType = op.request.body?.contentType ?? op.request.headers.find((h) => /^content-type$/i.test(h.name))?.value;
  const request = (body: Json | undefined, headers = requestHeaders(op)): HttpInteraction['request'] => ({
    method: op.method.value,
    path: fillTemplate(path.template, op, id, false),
    pathExpression: fillTemplate(path.template, op, id, true),
    headers,
    ...(body !== undefined ? { body } : {}),
    ...(body !== undefined && contentType ? { contentType } : {}),
  });
  const ok = successResponse(op, resources, decisions, path.template, conformed);
  const okNoBody: HttpInteraction['response'] = { status: ok.status, ...(ok.statusClass ? { statusClass: ok.statusClass } : {}), headers: ok.headers };
  const statusComment = (): string => {
    const s = requiredStatus(op, decisions)!;
    return s.decision
      ? `success status ${s.code} by decision at ${cite(s.decision.source)} on finding ${s.decision.finding}`
      : `success status ${s.code}: ${s.facts.map((f) => `${cite(f.source)} (${f.level})`).join(', ')}`;
  };
  const mk = (description: string, comments: string[], req: HttpInteraction['request'], response: HttpInteraction['response']): HttpInteraction => ({
    kind: 'http',
    operation: op.operation,
    description: `${op.operation}: ${description}`,
    ...(state ? { state } : {}),
    comments: [`path: ${cite(path.source)}`, ...comments],
    request: req,
    response,
  });

  const out: HttpInteraction[] = [];
  const bases = baseBodies(op, conformed);
  const base = bases[0]?.body;
  // A reply printed verbatim (`{"statusCode":0}`) answers any valid request; a resource answer
  // carries what its request sent, so only the request it was documented with expects it.
  const answers = (i: number): boolean => i === 0 || !op.response.body?.resource;
  for (const [i, b] of bases.entries()) out.push(mk(`${b.label} is accepted`, [`request: ${cite(b.source)}`, statusComment()], request(b.body), answers(i) ? ok : okNoBody));
  if (bases.length === 0) out.push(mk('a request without body is accepted', [statusComment()], request(undefined), ok));

  const withParam = (name: string, value: Json | undefined): Json => {
    const copy: Record<string, Json> = isObject(base) ? { ...(base as Record<string, Json>) } : {};
    if (value === undefined) delete copy[name];
    else copy[name] = value;
    return copy;
  };
  for (const p of op.request.body?.parameters ?? []) {
    const wrap = (v: string): Json => (p.type === 'array' ? [v] : v);
    // A limit longer than a test can send stays in the schemas only (lint: max-length-unsendable).
    if (p.maxLength && p.maxLength.level === 'MUST' && p.maxLength.value <= MAX_SENT_STRING_LENGTH) {
      const max = p.maxLength.value;
      const c = `maxLength: ${cite(p.maxLength.source)} "${p.maxLength.text}"`;
      out.push(mk(`${p.name} of ${max} characters is accepted`, [c, statusComment()], request(withParam(p.name, wrap('x'.repeat(max)))), okNoBody));
      out.push(mk(`${p.name} of ${max + 1} characters is rejected`, [c], request(withParam(p.name, wrap('x'.repeat(max + 1)))), { ...rejection(op), headers: {} }));
    }
    if (p.enum && p.enum.level === 'MUST') {
      const values = requestEnumValues(p.enum);
      const c = `enum: ${cite(p.enum.source)}`;
      for (const v of values) out.push(mk(`${p.name} "${v}" is accepted`, [c, statusComment()], request(withParam(p.name, wrap(v))), okNoBody));
      const bad = undocumentedValue(p.enum.values);
      out.push(mk(`${p.name} "${bad}" (not documented) is rejected`, [c], request(withParam(p.name, wrap(bad))), { ...rejection(op), headers: {} }));
    }
    if (p.const !== undefined && p.level === 'MUST') {
      const bad = undocumentedValue([p.const]);
      out.push(mk(`${p.name} "${bad}" instead of "${p.const}" is rejected`, [`const: ${cite(p.source)}`], request(withParam(p.name, bad)), { ...rejection(op), headers: {} }));
    }
    if (p.required && p.level === 'MUST') {
      out.push(mk(`a request without ${p.name} is rejected`, [`required: ${cite(p.source)}`], request(withParam(p.name, undefined)), { ...rejection(op), headers: {} }));
    }
  }
  for (const e of op.errors) {
    if (e.when !== 'missing-authorization' || e.level !== 'MUST') continue;
    const headers = requestHeaders(op, (h) => /^authorization$/i.test(h.name));
    out.push(mk(`a request without Authorization gets ${e.status}`, [`${cite(e.source)}: ${e.basis ?? 'documented'}`], request(base, headers), { status: e.status, headers: {} }));
  }
  return out;
}

function messageInteractions(op: OperationSpec): MessageInteraction[] {
  const path = op.paths.find((p) => !p.deprecated) ?? op.paths[0];
  const id = path ? exampleId(op, path.template) : placeholder('id');
  const state = path ? plannedState(op, path.template, id) : undefined;
  const actedOn = path ? stateParameters(op, path.template).find((p) => p.placeholder === idParam(op)) : undefined;
  return op.notifications
    .filter((n) => n.level === 'MUST')
    .map((n): MessageInteraction => {
      const fixed = new Map<string, MatcherTree>([['/channel', n.channel]]);
      if (n.messageType) fixed.set('/data/messageType', n.messageType);
      if (n.notificationType) fixed.set('/data/notificationType', n.notificationType);
      if (n.resourceIdPointer) fixed.set(n.resourceIdPointer, actedOn ? new PactMatcher('providerState', id, `\${${actedOn.key}}`) : id);
      const content = withFixed(n.example ? bodyMatchers(asJson(n.example.json), new Map(), false) ?? {} : {}, fixed);
      const what = [n.messageType, n.notificationType].filter(Boolean).join(' ');
      return {
        kind: 'message',
        operation: op.operation,
        description: `${op.operation}: ${what || 'a message'} on ${n.transport} channel ${n.channel}`,
        ...(state ? { state } : {}),
        comments: [`notification: ${cite(n.source)}`, ...(n.example ? [`example: ${cite(n.example.source)}`] : []), ...(n.accumulates ?? []).map((a) => `${a.pointer} accumulates ${a.parameter}: ${cite(a.source)} "${a.text}"`)],
        content,
        metadata: { contentType: 'application/json' },
      };
    });
}

/** Put fixed values at JSON pointers into a matcher tree (creating objects on the way). */
function withFixed(tree: MatcherTree, fixed: Map<string, MatcherTree>): MatcherTree {
  const root: Record<string, MatcherTree> = isObject(tree) && !(tree instanceof PactMatcher) ? (tree as Record<string, MatcherTree>) : {};
  for (const [pointer, value] of fixed) {
    const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    let node = root;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) node[part] = value;
      else {
        const next = node[part];
        if (!isObject(next) || next instanceof PactMatcher) node[part] = {};
        node = node[part] as Record<string, MatcherTree>;
      }
    });
  }
  return root;
}

/** The pact of one profile (its operations in the order given). */
export function planPact(profile: string, operations: OperationSpec[], resources: ResourceSpec[], decisions: Decision[], conformed: ExampleConform = asDocumented): PactPlan {
  const ops = operations.filter((o) => o.profile === profile);
  return {
    consumer: CONSUMER,
    provider: profile,
    interactions: ops.flatMap((op) => [...httpInteractions(op, resources, decisions, conformed), ...messageInteractions(op)]),
  };
}
