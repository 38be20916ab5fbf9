/**
 * What a pact carries of a documented example: the example itself when the schema compiled for
 * it accepts it, else the example made schema-valid (the values the schema rejects dropped,
 * required ones it lacks filled with a sample: `conform` of `src/reference/schema-sample.ts`, the
 * same repair the reference applies to its answers). The rejection itself stays an
 * `example-rejected` finding of `build` (`example-findings.ts`): a pact never asks a provider to
 * accept or answer a body its own contract rejects.
 */
import type { JsonSchema } from './json-schema.js';
import { operationSchemaFile, type Json } from './json-schema.js';
import type { OperationSpec } from '../spec/model.js';
import { conform, SchemaIndex } from '../reference/schema-sample.js';
import type { ValidationProblem } from '../reference/schemas.js';

/** The example, or a schema-valid body in its place; undefined when none can be made. */
export type ExampleConform = (op: OperationSpec, role: 'request' | 'response', value: Json) => Json | undefined;

/** Every example as it is (for plans made without compiled schemas). */
export const asDocumented: ExampleConform = (_op, _role, value) => value;

type Check = (file: string, value: unknown) => ValidationProblem[] | undefined;

function isObject(v: Json): v is { [key: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `check(file, value)`: the problems of a value against a contract file's schema (undefined: no such schema). */
export function schemaConform(schemas: ReadonlyMap<string, JsonSchema>, check: Check): ExampleConform {
  const index = new SchemaIndex(schemas as Map<string, Record<string, unknown>>);
  return (op, role, value) => {
    const file = operationSchemaFile(op.profile, op.operation, role);
    const problems = check(file, value);
    if (!problems?.length) return value;
    if (!isObject(value)) return undefined;
    const fixed = conform(value, file, (v) => check(file, v) ?? [], index);
    return check(file, fixed)?.length ? undefined : fixed;
  };
}
