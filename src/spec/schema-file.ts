/**
 * A YAML file a user writes by hand (a baseline, a config file) read against its JSON Schema:
 * every problem is one InputError naming file:line (the line of the offending node).
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { InputError } from './errors.js';
import { lineOfPointer, parseYamlFile } from './yaml-io.js';

// ajv-formats is CommonJS: its default export arrives wrapped under NodeNext resolution.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

const compiled = new WeakMap<object, ValidateFunction>();

function validatorOf(schema: object): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    const ajv = new Ajv2020({ allErrors: false, strict: true });
    addFormats(ajv);
    compiled.set(schema, (v = ajv.compile(schema)));
  }
  return v;
}

/**
 * The file's content when it matches the schema; an InputError `file:line: message` otherwise.
 * `refused` names top-level keys with the message their presence gets (a secret in a committed file).
 */
export function readYamlWithSchema<T>(file: string, schema: object, what: string, refused: Readonly<Record<string, string>> = {}): T {
  const text = readFileSync(file, 'utf8');
  const { value, doc, counter } = parseYamlFile(file, text);
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const key = Object.keys(refused).find((k) => k in value);
    if (key !== undefined) throw new InputError(`${key}: ${refused[key]}`, { file, line: lineOfPointer(doc, counter, `/${key}`) ?? 1 });
  }
  const validate = validatorOf(schema);
  if (validate(value)) return value as T;
  const e = validate.errors?.[0];
  const extra = (e?.params ?? {}) as { additionalProperty?: string; allowedValues?: unknown[]; missingProperty?: string; format?: string };
  const pointer = `${e?.instancePath ?? ''}${extra.additionalProperty ? `/${extra.additionalProperty}` : ''}`;
  const message = extra.additionalProperty
    ? `unknown field "${extra.additionalProperty}"`
    : extra.missingProperty
      ? `missing field "${extra.missingProperty}"`
      : `${e?.instancePath ? `${e.instancePath.slice(1).replace(/\//g, '.')}: ` : ''}${e?.message ?? 'invalid'}${extra.allowedValues ? ` (${extra.allowedValues.join(', ')})` : ''}`;
  throw new InputError(`not a valid ${what}: ${message}`, { file, line: lineOfPointer(doc, counter, pointer) ?? 1 });
}
