import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { Spec } from './model.js';

/** `specs/spec.schema.json`, which describes the spec format; shipped with the package. */
export const specSchemaPath = fileURLToPath(new URL('../../specs/spec.schema.json', import.meta.url));

let validator: ValidateFunction<Spec> | undefined;

function specValidator(): ValidateFunction<Spec> {
  if (!validator) {
    const ajv = new Ajv2020({ allErrors: false, strict: true });
    validator = ajv.compile<Spec>(JSON.parse(readFileSync(specSchemaPath, 'utf8')) as object);
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
