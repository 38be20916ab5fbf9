/**
 * Flatten a spec into comparable facts.
 *
 * Each fact has a stable `key` (what it is about, never where it was read), a readable
 * `path` (`request.body.status.enum`), a compared `value` and the `source` it was read from.
 * Sources never take part in the comparison, so a fact that only moved lines is not a change.
 * `parent` links a detail to the fact it belongs to (a parameter's maxLength to the
 * parameter), so removing a parameter is one change, not one per detail.
 */
import type {
  ExampleFact,
  FieldFact,
  JsonType,
  Level,
  OperationSpec,
  ResourceSpec,
  Source,
  Spec,
  StatusFact,
} from '../spec/model.js';

/** Who sends the data a fact constrains: the client (request) or the implementation (response). */
export type Side = 'request' | 'response';

/** What kind of fact it is; the rule table is keyed by it. */
export type FactKind =
  | 'operation'
  | 'resource'
  | 'title'
  | 'description'
  | 'method'
  | 'path'
  | 'path-deprecated'
  | 'request-header'
  | 'required'
  | 'header-value'
  | 'content-type'
  | 'field'
  | 'type'
  | 'type-resource'
  | 'enum'
  | 'enum-value'
  | 'max-length'
  | 'const'
  | 'read-only'
  | 'nullable'
  | 'example'
  | 'success-status'
  | 'response-header'
  | 'header-target'
  | 'response-resource'
  | 'error-response'
  | 'notification'
  | 'notification-field'
  | 'accumulation'
  | 'permission-scope'
  | 'untested';

/** A compared value: equality is on its canonical JSON. */
export type FactValue = string | number | boolean | number[] | string[] | null;

export interface Fact {
  /** `<profile>/<operation>` or `<profile>/resources/<resource>`. */
  subjectKey: string;
  profile: string;
  subject: string;
  subjectKind: 'operation' | 'resource';
  /** Identity of the fact inside its subject: stable across line moves and rewording. */
  key: string;
  /** Readable path shown to users: `request.body.clientContext.maxLength`. */
  path: string;
  kind: FactKind;
  side: Side;
  value: FactValue;
  /** How the value is shown (`200 OK`, `string, required`). */
  display: string;
  source?: Source;
  level?: Level;
  /** Key of the fact this one details. */
  parent?: string;
  /** Key of a fact stated next to this one: where to point when this fact is missing on one side. */
  near?: string;
  /** Whether a request field or header is required (for `field` and `request-header`). */
  required?: boolean;
  /** The path was announced as deprecated (for `path`). */
  deprecated?: boolean;
  /** Graph evolvable enum (for `enum-value`). */
  evolvable?: boolean;
  /** Status codes per origin (for `success-status`). */
  statuses?: { code: number; from: 'prose' | 'example' | 'convention' }[];
  /** Position in the flattened spec, for a stable, readable order. */
  order: number;
}

/** Collapse whitespace so rewrapping a sentence is not a change. */
export function normalizeText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** `{id}` and `{callId}` name the same path segment. */
export function normalizePathTemplate(template: string): string {
  const noQuery = template.split('?')[0] ?? template;
  return noQuery.replace(/\{[^}]*\}/g, '{}').replace(/\/+$/, '') || '/';
}

/** Canonical JSON with sorted object keys, so key order in an example is not a change. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function shorten(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Collects the facts of one subject in order. */
class FactSink {
  readonly facts: Fact[] = [];
  constructor(
    private readonly subject: Pick<Fact, 'subjectKey' | 'profile' | 'subject' | 'subjectKind'>,
  ) {}

  add(fact: Omit<Fact, 'subjectKey' | 'profile' | 'subject' | 'subjectKind' | 'order'>): void {
    this.facts.push({ ...this.subject, ...fact, order: this.facts.length });
  }
}

function typeDisplay(type: JsonType, items?: JsonType): string {
  return type === 'array' && items ? `array of ${items}` : type;
}

interface FieldLike extends FieldFact {
  level?: Level;
}

/** A request parameter or a resource property, with its details. */
function addField(sink: FactSink, root: string, prefix: string, side: Side, field: FieldLike, extra: { required?: boolean; const?: string; readOnly?: boolean; nullable?: boolean }): void {
  const key = `${prefix}.${field.name}`;
  const traits = [typeDisplay(field.type, field.items), extra.required === undefined ? undefined : extra.required ? 'required' : 'optional']
    .filter((s) => s !== undefined)
    .join(', ');
  sink.add({ key, path: key, kind: 'field', side, value: true, display: `${field.name} (${traits})`, source: field.source, level: field.level, required: extra.required, parent: root });
  const detail = { side, source: field.source, level: field.level, parent: key };
  sink.add({ ...detail, key: `${key}.type`, path: `${key}.type`, kind: 'type', value: typeDisplay(field.type, field.items), display: typeDisplay(field.type, field.items) });
  if (field.resource) sink.add({ ...detail, key: `${key}.resource`, path: `${key}.resource`, kind: 'type-resource', value: field.resource, display: field.resource });
  if (extra.required !== undefined) {
    sink.add({ ...detail, key: `${key}.required`, path: `${key}.required`, kind: 'required', value: extra.required, display: extra.required ? 'required' : 'optional' });
  }
  if (extra.readOnly !== undefined) sink.add({ ...detail, key: `${key}.readOnly`, path: `${key}.readOnly`, kind: 'read-only', value: extra.readOnly, display: String(extra.readOnly) });
  if (extra.nullable !== undefined) sink.add({ ...detail, key: `${key}.nullable`, path: `${key}.nullable`, kind: 'nullable', value: extra.nullable, display: String(extra.nullable) });
  if (field.description !== undefined && normalizeText(field.description) !== '') {
    const text = normalizeText(field.description);
    sink.add({ ...detail, key: `${key}.description`, path: `${key}.description`, kind: 'description', value: text, display: shorten(text) });
  }
  if (field.enum) {
    const e = field.enum;
    const enumKey = `${key}.enum`;
    sink.add({ key: enumKey, path: enumKey, kind: 'enum', side, value: true, display: e.values.join(', '), source: e.source, level: e.level, parent: key });
    for (const v of e.values) {
      // Keyed case-blind, so `notStarted` → `NotStarted` is one recased value, not a removal and an addition.
      sink.add({ key: `${enumKey}[${v.toLowerCase()}]`, path: enumKey, kind: 'enum-value', side, value: v, display: v, source: e.source, level: e.level, parent: enumKey, evolvable: e.evolvable === true });
    }
  }
  if (field.maxLength) {
    const m = field.maxLength;
    sink.add({ key: `${key}.maxLength`, path: `${key}.maxLength`, kind: 'max-length', side, value: m.value, display: String(m.value), source: m.source, level: m.level, parent: key });
  }
  if (extra.const !== undefined) sink.add({ ...detail, key: `${key}.const`, path: `${key}.const`, kind: 'const', value: extra.const, display: extra.const });
}

function addExample(sink: FactSink, key: string, side: Side, example: ExampleFact | undefined, parent?: string, near?: string): void {
  if (!example) return;
  const json = canonicalJson(example.json);
  sink.add({ key, path: key, kind: 'example', side, value: json, display: shorten(json), source: example.source, parent, near });
}

function statusDisplay(s: StatusFact): string {
  return s.reason ? `${s.code} ${s.reason}` : String(s.code);
}

function addSuccessStatus(sink: FactSink, op: OperationSpec): void {
  const origins: [StatusFact | undefined, 'prose' | 'example' | 'convention'][] = [
    [op.response.statusFromProse, 'prose'],
    [op.response.statusFromExample, 'example'],
    [op.response.statusByConvention, 'convention'],
  ];
  const present = origins.filter((o): o is [StatusFact, 'prose' | 'example' | 'convention'] => o[0] !== undefined);
  const first = present[0];
  if (!first) return;
  const codes = [...new Set(present.map(([s]) => s.code))].sort((a, b) => a - b);
  // One status stated everywhere reads "202 Accepted"; a page that contradicts itself shows each origin.
  const display = codes.length === 1 ? statusDisplay(first[0]) : present.map(([s, from]) => `${statusDisplay(s)} (${from})`).join(', ');
  sink.add({
    key: 'response.status',
    path: 'response.status',
    kind: 'success-status',
    side: 'response',
    value: codes,
    display,
    source: first[0].source,
    level: first[0].level,
    statuses: present.map(([s, from]) => ({ code: s.code, from })),
    parent: 'operation',
  });
}

function operationFacts(op: OperationSpec): Fact[] {
  const sink = new FactSink({ subjectKey: `${op.profile}/${op.operation}`, profile: op.profile, subject: op.operation, subjectKind: 'operation' });
  const firstPath = op.paths[0];
  sink.add({
    key: 'operation',
    path: 'operation',
    kind: 'operation',
    side: 'request',
    value: true,
    // Metadata operations have no path: their title names the action and its binding.
    display: `${op.method.value} ${firstPath?.template ?? op.title}`,
    source: op.method.source,
    level: op.method.level,
  });
  sink.add({ key: 'title', path: 'title', kind: 'title', side: 'request', value: normalizeText(op.title), display: shorten(normalizeText(op.title)), parent: 'operation' });
  if (op.summary !== undefined && normalizeText(op.summary) !== '') {
    sink.add({ key: 'summary', path: 'summary', kind: 'description', side: 'request', value: normalizeText(op.summary), display: shorten(normalizeText(op.summary)), parent: 'operation' });
  }
  sink.add({ key: 'method', path: 'method', kind: 'method', side: 'request', value: op.method.value, display: op.method.value, source: op.method.source, level: op.method.level, parent: 'operation' });

  for (const p of op.paths) {
    const key = `paths[${normalizePathTemplate(p.template)}]`;
    sink.add({ key, path: 'paths', kind: 'path', side: 'request', value: p.template, display: p.deprecated ? `${p.template} (deprecated)` : p.template, source: p.source, level: p.level, parent: 'operation', deprecated: p.deprecated });
    sink.add({ key: `${key}.deprecated`, path: `paths[${p.template}].deprecated`, kind: 'path-deprecated', side: 'request', value: p.deprecated, display: String(p.deprecated), source: p.deprecation ?? p.source, parent: key });
  }

  for (const h of op.request.headers) {
    const key = `request.headers.${h.name.toLowerCase()}`;
    const path = `request.headers.${h.name}`;
    sink.add({ key, path, kind: 'request-header', side: 'request', value: true, display: `${h.name} (${h.required ? 'required' : 'optional'})`, source: h.source, level: h.level, parent: 'operation', required: h.required });
    const detail = { side: 'request' as const, source: h.source, level: h.level, parent: key };
    sink.add({ ...detail, key: `${key}.required`, path: `${path}.required`, kind: 'required', value: h.required, display: h.required ? 'required' : 'optional' });
    if (h.value !== undefined) sink.add({ ...detail, key: `${key}.value`, path: `${path}.value`, kind: 'header-value', value: normalizeText(h.value), display: normalizeText(h.value) });
    if (h.description !== undefined && normalizeText(h.description) !== '') {
      sink.add({ ...detail, key: `${key}.description`, path: `${path}.description`, kind: 'description', value: normalizeText(h.description), display: shorten(normalizeText(h.description)) });
    }
  }

  const body = op.request.body;
  if (body) {
    if (body.contentType !== undefined) {
      sink.add({ key: 'request.body.contentType', path: 'request.body.contentType', kind: 'content-type', side: 'request', value: body.contentType.toLowerCase(), display: body.contentType, parent: 'operation' });
    }
    for (const p of body.parameters) {
      addField(sink, 'operation', 'request.body', 'request', p, { required: p.required, const: p.const });
    }
    addExample(sink, 'request.body.example', 'request', body.example, 'operation');
    (body.moreExamples ?? []).forEach((ex, i) => addExample(sink, `request.body.moreExamples[${i + 1}]`, 'request', ex, 'operation'));
  }

  addSuccessStatus(sink, op);
  for (const h of op.response.headers) {
    const key = `response.headers.${h.name.toLowerCase()}`;
    const path = `response.headers.${h.name}`;
    const target = [h.pointsTo, h.resource].filter((s) => s !== undefined).join(' ');
    sink.add({ key, path, kind: 'response-header', side: 'response', value: true, display: target ? `${h.name} (points to ${target})` : h.name, source: h.source, level: h.level, parent: 'operation', near: 'response.status' });
    if (target) {
      sink.add({ key: `${key}.target`, path: `${path}.target`, kind: 'header-target', side: 'response', value: target, display: target, source: h.source, level: h.level, parent: key });
    }
    if (h.example !== undefined) {
      sink.add({ key: `${key}.example`, path: `${path}.example`, kind: 'example', side: 'response', value: h.example, display: shorten(h.example), source: h.source, parent: key });
    }
  }
  const rb = op.response.body;
  if (rb) {
    const resource = rb.resource ?? rb.odataType?.replace(/^#?(microsoft\.graph\.)?/, '');
    if (resource) {
      sink.add({ key: 'response.body.resource', path: 'response.body.resource', kind: 'response-resource', side: 'response', value: resource, display: resource, source: rb.source, level: rb.level, parent: 'operation', near: 'response.status' });
    }
    addExample(sink, 'response.body.example', 'response', rb.example, 'operation', 'response.status');
  }

  for (const e of op.errors) {
    const key = `errors[${e.when}]`;
    sink.add({ key, path: key, kind: 'error-response', side: 'response', value: e.status, display: String(e.status), source: e.source, level: e.level, parent: 'operation' });
  }

  const channelCount = new Map<string, number>();
  for (const n of op.notifications) channelCount.set(n.channel, (channelCount.get(n.channel) ?? 0) + 1);
  for (const n of op.notifications) {
    const id = (channelCount.get(n.channel) ?? 0) > 1 && n.notificationType ? `${n.channel}#${n.notificationType}` : n.channel;
    const key = `notifications[${id}]`;
    sink.add({ key, path: key, kind: 'notification', side: 'response', value: n.transport, display: `${n.transport} ${n.channel}`, source: n.source, level: n.level, parent: 'operation' });
    const fields: [string, string | undefined][] = [
      ['messageType', n.messageType],
      ['notificationType', n.notificationType],
      ['resourceIdPointer', n.resourceIdPointer],
    ];
    for (const [name, value] of fields) {
      if (value !== undefined) sink.add({ key: `${key}.${name}`, path: `${key}.${name}`, kind: 'notification-field', side: 'response', value, display: value, source: n.source, level: n.level, parent: key });
    }
    for (const a of n.accumulates ?? []) {
      sink.add({ key: `${key}.accumulates[${a.parameter}]`, path: `${key}.accumulates`, kind: 'accumulation', side: 'response', value: a.pointer, display: `${a.parameter} → ${a.pointer}`, source: a.source, level: a.level, parent: key });
    }
    addExample(sink, `${key}.example`, 'response', n.example, key);
  }

  for (const perm of op.permissions) {
    for (const scope of perm.scopes) {
      sink.add({ key: `permissions[${perm.kind}][${scope}]`, path: `permissions.${perm.kind}`, kind: 'permission-scope', side: 'request', value: scope, display: scope, source: perm.source, parent: 'operation' });
    }
  }
  addUntested(sink, op.untested, 'operation');
  return sink.facts;
}

function addUntested(sink: FactSink, untested: { text: string; source: Source }[], parent: string): void {
  for (const u of untested) {
    const text = normalizeText(u.text);
    sink.add({ key: `untested[${text}]`, path: 'untested', kind: 'untested', side: 'response', value: text, display: shorten(text), source: u.source, parent });
  }
}

function resourceFacts(res: ResourceSpec): Fact[] {
  const sink = new FactSink({ subjectKey: `${res.profile}/resources/${res.resource}`, profile: res.profile, subject: res.resource, subjectKind: 'resource' });
  const first = res.properties[0];
  sink.add({ key: 'resource', path: 'resource', kind: 'resource', side: 'response', value: true, display: res.odataType ?? res.resource, source: first?.source });
  sink.add({ key: 'title', path: 'title', kind: 'title', side: 'response', value: normalizeText(res.title), display: shorten(normalizeText(res.title)), parent: 'resource' });
  if (res.odataType !== undefined) {
    sink.add({ key: 'odataType', path: 'odataType', kind: 'type-resource', side: 'response', value: res.odataType, display: res.odataType, parent: 'resource' });
  }
  for (const p of res.properties) addField(sink, 'resource', 'properties', 'response', p, { readOnly: p.readOnly, nullable: p.nullable });
  addUntested(sink, res.untested, 'resource');
  return sink.facts;
}

/** All facts of a spec, in a stable order. */
export function factsOf(spec: Spec): Fact[] {
  return spec.kind === 'operation' ? operationFacts(spec) : resourceFacts(spec);
}
