/**
 * The JSON Schema 2020-12 subset the compiler writes, and the names and `$id`s of the schema
 * files. File names are an interface: the reference server and the verifier load
 * `contracts/schemas/<profile>/…` by these paths.
 */

export const SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';
export const SCHEMA_BASE = 'https://callconform.dev/contracts';

/** A JSON value (schemas carry `const` values and examples). */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface JsonSchema {
  $schema?: string;
  $id?: string;
  $ref?: string;
  $comment?: string;
  title?: string;
  description?: string;
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';
  const?: Json;
  enum?: string[];
  /** A format ajv-formats checks (`date-time`, `duration`, `uuid`, `byte`, `uri`, …). */
  format?: string;
  maxLength?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  /** Only in the OpenAPI rendering (a `$ref` next to other keywords becomes an allOf branch). */
  allOf?: JsonSchema[];
  /** Only in the OpenAPI rendering, where it states the JSON Schema default (`true`) for peers that assume otherwise. */
  additionalProperties?: boolean;
  readOnly?: boolean;
  deprecated?: boolean;
}

export type SchemaRole = 'request' | 'response' | 'notification';

/** `schemas/<profile>/<operation>.<role>.schema.json`, relative to the contracts folder. */
export function operationSchemaFile(profile: string, operation: string, role: SchemaRole): string {
  return `schemas/${profile}/${operation}.${role}.schema.json`;
}

/** `schemas/<profile>/resources/<resource>.schema.json`, relative to the contracts folder. */
export function resourceSchemaFile(profile: string, resource: string): string {
  return `schemas/${profile}/resources/${resource}.schema.json`;
}

/** The `$id` of a contract file: `https://callconform.dev/contracts/<file>`. */
export function schemaId(file: string): string {
  return `${SCHEMA_BASE}/${file}`;
}

/** A relative reference from one contract file to another (both relative to the contracts folder). */
export function relativeRef(fromFile: string, toFile: string): string {
  const from = fromFile.split('/').slice(0, -1);
  const to = toFile.split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => '..'), ...to.slice(common)].join('/');
}
