/**
 * Schemas for bodies the docs describe only by an example (a Genesys reply, a CometD message):
 * the example's shape, typed. `fixScalars` also fixes numbers, booleans and nulls to the
 * example's values: for a reply printed verbatim (`{"statusCode":0}`), those are the contract,
 * while strings (ids, names) vary from call to call.
 */
import type { Json, JsonSchema } from './json-schema.js';

export interface ExampleSchemaOptions {
  /** Numbers, booleans and null must equal the example's (a reply printed verbatim). */
  fixScalars: boolean;
  /** Every key of every object of the example is required. */
  requireAll: boolean;
}

export function exampleSchema(value: Json, opts: ExampleSchemaOptions): JsonSchema {
  if (value === null) return opts.fixScalars ? { const: null } : {};
  if (Array.isArray(value)) {
    const first = value[0];
    return first === undefined ? { type: 'array' } : { type: 'array', items: exampleSchema(first, opts) };
  }
  switch (typeof value) {
    case 'string':
      return { type: 'string' };
    case 'number':
      return opts.fixScalars ? { type: Number.isInteger(value) ? 'integer' : 'number', const: value } : { type: Number.isInteger(value) ? 'integer' : 'number' };
    case 'boolean':
      return opts.fixScalars ? { type: 'boolean', const: value } : { type: 'boolean' };
    default: {
      const properties: Record<string, JsonSchema> = {};
      for (const [k, v] of Object.entries(value)) properties[k] = exampleSchema(v, opts);
      const keys = Object.keys(properties);
      return { type: 'object', properties, ...(opts.requireAll && keys.length ? { required: keys } : {}) };
    }
  }
}

function unescape(part: string): string {
  return part.replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * Make the value at a JSON pointer required (creating object schemas on the way when the
 * example lacks them) and optionally fix it to a constant.
 */
export function requireAt(schema: JsonSchema, pointer: string, constant?: Json): void {
  const parts = pointer.split('/').slice(1).map(unescape);
  let node = schema;
  for (const [i, part] of parts.entries()) {
    if (node.type !== 'object') {
      node.type = 'object';
      delete node.items;
    }
    node.properties ??= {};
    node.required ??= [];
    if (!node.required.includes(part)) node.required.push(part);
    node.properties[part] ??= {};
    node = node.properties[part]!;
    if (i === parts.length - 1 && constant !== undefined) {
      if (typeof constant === 'string') node.type = 'string';
      node.const = constant;
    }
  }
}
