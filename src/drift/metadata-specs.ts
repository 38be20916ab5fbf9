/**
 * The service metadata (CSDL) as specs, so `drift` compares it with the same facts and rules as
 * doc pages: an entity or complex type is a resource (its properties, inherited ones and
 * navigation properties included), a bound action a POST operation and a bound function a GET
 * operation (parameters, return type). Every fact cites the XML element it comes from.
 *
 * Against doc specs, the metadata is read through the docs' eyes: each documented resource and
 * operation is looked up as the cross-source lint does (`typeOfResource`, `boundOperation`) and
 * takes the doc spec's id, so the two are compared as one subject; metadata the docs do not
 * describe is left out. Pure.
 */
import { allProperties, boundOperation, typeOfResource } from '../metadata/lookup.js';
import type { CsdlEnumType, CsdlModel, CsdlOperation, CsdlProperty, CsdlStructuredType, TypeRef } from '../metadata/model.js';
import { simpleName } from '../metadata/model.js';
import { formatTypeRef, jsonTypeOfEdm } from '../metadata/type-ref.js';
import type { EnumFact, FieldFact, JsonType, OperationSpec, ParameterFact, PropertyFact, ResourceSpec, Source, Spec } from '../spec/model.js';
import type { FactKind } from './facts.js';

/** What the metadata states; other facts of a doc spec (titles, examples, statuses…) have no counterpart in it. */
export const METADATA_FACT_KINDS: ReadonlySet<FactKind> = new Set<FactKind>(['operation', 'resource', 'method', 'field', 'type', 'type-resource', 'enum', 'enum-value', 'required', 'nullable', 'response-resource']);

/** Facts the metadata always states and pages seldom do: a page's silence is no change. */
export const STATED_BY_METADATA_ONLY: ReadonlySet<FactKind> = new Set<FactKind>(['nullable']);

const MAIN_NAMESPACE = 'microsoft.graph.';

/** `microsoft.graph.call` → `call`; `microsoft.graph.callRecords.session` → `callRecords.session` (kept apart from `session`). */
function resourceName(qualified: string): string {
  return qualified.startsWith(MAIN_NAMESPACE) ? qualified.slice(MAIN_NAMESPACE.length) : qualified;
}

const cite = (source: Source): Source => ({ file: source.file, line: source.line });

function enumFact(type: CsdlEnumType): EnumFact {
  const values = type.members.map((m) => m.name);
  return { values, source: cite(type.source), level: 'MUST', ...(values.includes('unknownFutureValue') ? { evolvable: true } : {}) };
}

/** A typed field as the page model has it: JSON type, resource type, enum members. */
function field(model: CsdlModel, name: string, ref: TypeRef, source: Source): FieldFact {
  const enumType = model.enums.get(ref.name);
  const primitive = jsonTypeOfEdm(ref.name);
  const json: JsonType = primitive ?? (enumType ? 'string' : 'object');
  return {
    name,
    ...(ref.collection ? { type: 'array' as const, items: json } : { type: json }),
    odataType: formatTypeRef(ref),
    // A type neither primitive nor enum is structured, declared in this file or not (a subset may leave it out).
    ...(primitive || enumType ? {} : { resource: resourceName(ref.name) }),
    ...(enumType ? { enum: enumFact(enumType) } : {}),
    source: cite(source),
  };
}

function property(model: CsdlModel, p: CsdlProperty, relationship: boolean): PropertyFact {
  return { ...field(model, p.name, p.type, p.source), nullable: p.nullable, ...(relationship ? { relationship: true } : {}) };
}

function resourceSpec(model: CsdlModel, profile: string, type: CsdlStructuredType, resource = resourceName(type.name)): ResourceSpec {
  const navigation: PropertyFact[] = [];
  const seen = new Set<string>();
  for (let t: CsdlStructuredType | undefined = type; t && !seen.has(t.name); t = t.baseType ? model.types.get(t.baseType) : undefined) {
    seen.add(t.name);
    for (const n of t.navigationProperties) if (!navigation.some((x) => x.name === n.name)) navigation.push(property(model, n, true));
  }
  return {
    kind: 'resource',
    profile,
    resource,
    odataType: type.name,
    title: type.name,
    sources: [model.file],
    properties: [...allProperties(model, type).map((p) => property(model, p, false)), ...navigation],
    untested: [],
  };
}

function operationSpec(model: CsdlModel, profile: string, op: CsdlOperation, id: string): OperationSpec {
  const at = cite(op.source);
  const parameters: ParameterFact[] = op.parameters.map((p) => ({ ...field(model, p.name, p.type, p.source), required: !p.nullable, level: 'MUST' }));
  const ret = op.returnType;
  const returned = ret ? (model.types.get(ret.name) ?? model.enums.get(ret.name)) : undefined;
  return {
    kind: 'operation',
    profile,
    operation: id,
    title: `${op.namespace}.${op.name} bound to ${formatTypeRef(op.bindingType!)}`,
    sources: [model.file],
    method: { value: op.kind === 'action' ? 'POST' : 'GET', source: at, level: 'MUST' },
    paths: [],
    // A function's parameters travel in its URL, an action's in its body; both are what a client must send.
    request: { headers: [], pathParameters: [], ...(parameters.length ? { body: { parameters } } : {}) },
    response: {
      headers: [],
      ...(ret ? { body: { source: cite(ret.source), level: 'MUST', ...(returned ? { resource: resourceName(returned.name) } : { odataType: formatTypeRef(ret) }) } } : {}),
    },
    errors: [],
    notifications: [],
    permissions: [],
    untested: [],
  };
}

/**
 * An operation's id: its name qualified by the binding type (`callAnswer`, `participantMute`,
 * `userDeltaCollection`), the same in every file whatever other overloads it declares, so an
 * older and a newer metadata pair it.
 */
function operationId(op: CsdlOperation): string {
  const binding = op.bindingType!;
  return `${simpleName(binding.name)}${op.name[0]!.toUpperCase()}${op.name.slice(1)}${binding.collection ? 'Collection' : ''}`;
}

/** Every structured type and bound operation of the metadata, as specs of `profile`. */
export function metadataSpecs(model: CsdlModel, profile: string): Spec[] {
  const bound = model.operations.filter((o) => o.bindingType);
  return [...bound.map((o) => operationSpec(model, profile, o, operationId(o))), ...[...model.types.values()].map((t) => resourceSpec(model, profile, t))];
}

/**
 * Whether the metadata can say anything about a doc spec: a resource (a type), or an operation the
 * page calls an action (a bound action or function). Reading, creating, updating and deleting
 * entities are not operations in the metadata, so those pages are left out of the comparison.
 */
export function describedByMetadata(spec: Spec): boolean {
  return spec.kind === 'resource' || (spec.shape?.kind ?? 'action') === 'action';
}

/**
 * The metadata's account of what `docs` describe, under the docs' ids: one spec per documented
 * resource or operation the metadata declares. A documented one it lacks has no counterpart, so
 * the comparison reports it as added or removed.
 */
export function metadataSpecsFor(model: CsdlModel, docs: readonly Spec[]): Spec[] {
  const out: Spec[] = [];
  for (const spec of docs) {
    if (spec.kind === 'resource') {
      const type = typeOfResource(model, spec.resource, spec.odataType);
      if (type) out.push(resourceSpec(model, spec.profile, type, spec.resource));
      continue;
    }
    const kind = spec.method.value === 'POST' ? 'action' : spec.method.value === 'GET' ? 'function' : undefined;
    const op = kind ? spec.paths.map((p) => boundOperation(model, p.template, kind)).find((o) => o !== undefined) : undefined;
    if (op) out.push(operationSpec(model, spec.profile, op, spec.operation));
  }
  return out;
}
