/**
 * The schema of one body parameter (request) or resource property (response), from its facts.
 */
import type { RuledEnum } from '../spec/decisions.js';
import type { FieldFact, Source } from '../spec/model.js';
import { requestEnumValues, responseEnumValues } from './enum-values.js';
import type { Json, JsonSchema } from './json-schema.js';

/** What ParameterFact and PropertyFact have in common, plus their optional traits. */
export interface TypedFact extends FieldFact {
  const?: string;
  readOnly?: boolean;
  nullable?: boolean;
  nullableSource?: Source;
  source: Source;
}

export interface PropertyContext {
  direction: 'request' | 'response';
  /** The `$ref` to a resource schema of the same profile, when there is one. */
  resourceRef: (resource: string) => string | undefined;
  /** Evidence that the property may be null (a documented example shows null), when not stated by a fact. */
  nullBecause?: Source;
  /**
   * A property of a resource or complex type: OData's default applies when no source declares its
   * nullability (CSDL `Nullable` defaults to true), except for the key `id` and collections (an
   * empty collection is `[]`, never null).
   */
  odataDefaults?: boolean;
  /** The enum values after specs/decisions.yaml, when a ruling chose them (see `ruledEnumValues`). */
  ruled?: RuledEnum;
}

export function citation(source: Source): string {
  return `${source.file}:${source.line}`;
}

/** Whether null is allowed, and why (undefined: not allowed). */
function nullReason(fact: TypedFact, ctx: PropertyContext): string | undefined {
  if (ctx.nullBecause) return `null shown by the example at ${citation(ctx.nullBecause)}`;
  if (fact.nullable === true) return `nullable: ${fact.nullableSource ? `metadata ${citation(fact.nullableSource)}` : 'stated'}`;
  if (fact.nullable === undefined && ctx.odataDefaults && fact.name !== 'id' && fact.type !== 'array') return 'nullable: OData default (Nullable unless declared otherwise)';
  return undefined;
}

function comment(fact: TypedFact, nullBecause?: string, ruled?: RuledEnum): string {
  const parts = [`docs: ${citation(fact.source)}`];
  if (fact.enum && citation(fact.enum.source) !== citation(fact.source)) parts.push(`enum: ${citation(fact.enum.source)} (${fact.enum.level})`);
  for (const other of fact.enum?.otherSources ?? []) parts.push(`${other.origin}: ${citation(other.source)} spells ${other.values.join(', ')}`);
  if (ruled?.decision) parts.push(`ruling ${citation(ruled.decision.source)}: ${ruled.decision.ruling}`);
  if (fact.maxLength) parts.push(`maxLength: ${citation(fact.maxLength.source)} (${fact.maxLength.level}) "${fact.maxLength.text}"`);
  if (fact.nullable === false && fact.nullableSource) parts.push(`not nullable: metadata ${citation(fact.nullableSource)}`);
  if (nullBecause) parts.push(nullBecause);
  return parts.join('; ');
}

/** The schema of one value (the whole property, or one item of an array property). */
function valueSchema(fact: TypedFact, ctx: PropertyContext): JsonSchema {
  if (fact.const !== undefined) return { type: 'string', const: fact.const };
  if (fact.enum) {
    const ruled = ctx.ruled ? { ...fact.enum, values: ctx.ruled.values } : fact.enum;
    const values = ctx.direction === 'request' ? requestEnumValues(ruled) : responseEnumValues(ruled);
    return { type: 'string', enum: values };
  }
  const ref = fact.resource ? ctx.resourceRef(fact.resource) : undefined;
  if (ref) return { $ref: ref };
  const type = fact.type === 'array' ? (fact.items ?? undefined) : fact.type;
  if (!type) return {};
  const schema: JsonSchema = { type };
  if (type === 'string' && fact.format) schema.format = fact.format;
  if (type === 'string' && fact.maxLength) schema.maxLength = fact.maxLength.value;
  return schema;
}

/** The schema of a parameter or property: type, enum, maxLength, const, readOnly, source comment. */
export function propertySchema(fact: TypedFact, ctx: PropertyContext): JsonSchema {
  const value = valueSchema(fact, ctx);
  let schema: JsonSchema = fact.type === 'array' ? { type: 'array', items: value } : value;
  const nullable = nullReason(fact, ctx);
  if (nullable) schema = { anyOf: [schema, { type: 'null' }] };
  const out: JsonSchema = {};
  if (fact.description) out.description = fact.description;
  out.$comment = comment(fact, nullable, ctx.ruled);
  Object.assign(out, schema);
  if (ctx.direction === 'response' && fact.readOnly) out.readOnly = true;
  return out;
}

/** Keep JSON-typed values only (examples come from YAML and are JSON already). */
export function asJson(value: unknown): Json {
  return JSON.parse(JSON.stringify(value)) as Json;
}
