/** CSDL type references: `Collection(graph.call)` → `{name: 'microsoft.graph.call', collection: true}`. */
import type { JsonType } from '../spec/model.js';
import type { TypeRef } from './model.js';

/** Parse a `Type` attribute, resolving schema aliases (`graph` → `microsoft.graph`). */
export function parseTypeRef(text: string, aliases: ReadonlyMap<string, string>): TypeRef {
  const m = /^Collection\((.*)\)$/.exec(text.trim());
  const inner = (m ? m[1]! : text).trim();
  const dot = inner.lastIndexOf('.');
  const prefix = dot > 0 ? inner.slice(0, dot) : '';
  const name = dot > 0 && aliases.has(prefix) ? `${aliases.get(prefix)!}${inner.slice(dot)}` : inner;
  return { name, collection: m !== null };
}

/** Edm primitive types and the JSON type their values have in an OData JSON payload. */
const EDM_JSON = {
  'Edm.String': 'string',
  'Edm.Guid': 'string',
  'Edm.Date': 'string',
  'Edm.DateTimeOffset': 'string',
  'Edm.TimeOfDay': 'string',
  'Edm.Duration': 'string',
  'Edm.Binary': 'string',
  'Edm.Stream': 'string',
  'Edm.Boolean': 'boolean',
  'Edm.Byte': 'integer',
  'Edm.SByte': 'integer',
  'Edm.Int16': 'integer',
  'Edm.Int32': 'integer',
  // Int64 and Decimal may be written as strings under IEEE754Compatible; the docs call them Int64.
  'Edm.Int64': 'integer',
  'Edm.Decimal': 'number',
  'Edm.Single': 'number',
  'Edm.Double': 'number',
} as const satisfies Record<string, JsonType>;

/** The JSON type of a primitive Edm type, undefined for structured, enum and unknown types. */
export function jsonTypeOfEdm(name: string): JsonType | undefined {
  return (EDM_JSON as Record<string, JsonType>)[name];
}

/** `Collection(Edm.String)` as people write it. */
export function formatTypeRef(ref: TypeRef): string {
  return ref.collection ? `Collection(${ref.name})` : ref.name;
}
