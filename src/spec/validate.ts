import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { Spec } from './model.js';
import { loadStandalone, specAjv } from './standalone-validator.js';

/** `specs/spec.schema.json`, which describes the spec format; shipped with the package. */
export const specSchemaPath = fileURLToPath(new URL('../../specs/spec.schema.json', import.meta.url));

let validator: ValidateFunction<Spec> | undefined;

function specValidator(): ValidateFunction<Spec> {
  if (!validator) {
    const text = readFileSync(specSchemaPath, 'utf8');
    validator = loadStandalone(text) ?? specAjv({ source: false }).compile<Spec>(JSON.parse(text) as object);
  }
  return validator;
}

export interface SchemaProblem {
  /** JSON pointer into the spec (`/request/body/parameters/0/type`). */
  pointer: string;
  /** Pointer of the offending node itself (the unknown field, when there is one), to find its line. */
  at: string;
  message: string;
}

/** Validate a spec against spec.schema.json; returns the most specific problem or undefined. */
export function checkSpec(value: unknown): SchemaProblem | undefined {
  const validate = specValidator();
  if (validate(value)) return undefined;
  const errors = validate.errors ?? [];
  const deepest = errors.reduce<ErrorObject | undefined>(
    (best, e) => (!best || e.instancePath.length > best.instancePath.length ? e : best),
    undefined,
  );
  if (!deepest) return { pointer: '', at: '', message: 'does not match the spec schema' };
  const extra = deepest.params as { additionalProperty?: string; allowedValues?: unknown[] };
  const detail = extra.additionalProperty
    ? `unknown field "${extra.additionalProperty}"`
    : extra.allowedValues
      ? `${deepest.message ?? 'invalid'} (${extra.allowedValues.join(', ')})`
      : (deepest.message ?? 'invalid');
  const at = extra.additionalProperty ? `${deepest.instancePath}/${extra.additionalProperty}` : deepest.instancePath;
  return { pointer: deepest.instancePath, at, message: detail };
}
