/**
 * Request validation with the compiled JSON Schemas (`contracts/schemas/`), loaded with the
 * reference server's own small Ajv 2020 setup (the reference shares schemas with verify, never
 * code). Faults that loosen or tighten validation are applied to the schemas, not to the code
 * path: the same validator runs, over a changed contract.
 */
import { existsSync } from 'node:fs';
import { listFiles } from '../spec/list-files.js';
import { join, relative, sep } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { InputError } from '../spec/errors.js';
import { linearRegExp } from '../spec/linear-regexp.js';
import type { FaultSet } from './faults.js';
import { INPUT_LIMITS, readInputText } from '../spec/read-input.js';

type AddFormats = (ajv: Ajv2020) => Ajv2020;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as unknown as AddFormats;

/** Compiled schemas by path relative to `contracts/schemas/`, with `/` separators. */
export type SchemaSet = Map<string, Record<string, unknown>>;

/** Base URI given to schemas without `$id`, so relative `$ref`s between files resolve. */
export const SCHEMA_BASE = 'https://callconform.invalid/contracts/schemas/';

/** Read every `*.schema.json` below `dir`; a missing folder is an empty set. */
export function loadSchemaSet(dir: string): SchemaSet {
  const set: SchemaSet = new Map();
  const files = existsSync(dir) ? listFiles(dir).filter((f) => f.endsWith('.schema.json')) : [];
  for (const full of files) {
    let value: unknown;
    try {
      value = JSON.parse(readInputText(full, INPUT_LIMITS.contract, 'contract schema'));
    } catch (err) {
      throw new InputError(`not a JSON schema: ${(err as Error).message.split('\n')[0] ?? ''}`, { file: full, line: 1 });
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InputError('a schema must be a JSON object', { file: full, line: 1 });
    set.set(relative(dir, full).split(sep).join('/'), value as Record<string, unknown>);
  }
  return set;
}

type SchemaNode = Record<string, unknown>;
type Rewrite = (node: SchemaNode) => void;

const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SCHEMA_SINGLES = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties', 'additionalItems'];

/** Apply `rewrite` to every subschema (schema-aware: property names are never taken for keywords). */
export function rewriteSchema(schema: unknown, rewrite: Rewrite): unknown {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return schema;
  const node: SchemaNode = { ...(schema as SchemaNode) };
  for (const key of SCHEMA_MAPS) {
    const map = node[key];
    if (typeof map === 'object' && map !== null && !Array.isArray(map)) {
      node[key] = Object.fromEntries(Object.entries(map).map(([k, v]) => [k, rewriteSchema(v, rewrite)]));
    }
  }
  for (const key of SCHEMA_LISTS) {
    const list = node[key];
    if (Array.isArray(list)) node[key] = list.map((v) => rewriteSchema(v, rewrite));
  }
  for (const key of SCHEMA_SINGLES) if (key in node) node[key] = rewriteSchema(node[key], rewrite);
  rewrite(node);
  return node;
}

/** The schema rewrites that the validation faults stand for. */
export function faultRewrites(faults: FaultSet): Rewrite[] {
  const out: Rewrite[] = [];
  if (faults.has('accept-over-max-length')) out.push((n) => void delete n.maxLength);
  if (faults.has('reject-max-length')) {
    out.push((n) => {
      if (typeof n.maxLength === 'number' && n.maxLength > 0) n.maxLength -= 1;
    });
  }
  if (faults.has('enum-unchecked')) out.push((n) => void delete n.enum);
  if (faults.has('reject-valid-enum')) {
    out.push((n) => {
      if (Array.isArray(n.enum) && n.enum.length > 1) n.enum = n.enum.slice(0, -1);
    });
  }
  if (faults.has('required-unchecked')) out.push((n) => void delete n.required);
  return out;
}

export interface ValidationProblem {
  pointer: string;
  message: string;
}

export type RequestValidator = (body: unknown) => ValidationProblem[];

export function problemOf(e: ErrorObject): ValidationProblem {
  const params = e.params as { missingProperty?: string; allowedValues?: unknown[]; additionalProperty?: string };
  const pointer = e.instancePath + (params.missingProperty ? `/${params.missingProperty}` : '');
  let message = e.message ?? 'is invalid';
  if (params.allowedValues) message += ` (${params.allowedValues.map(String).join(', ')})`;
  if (params.additionalProperty) message += ` ("${params.additionalProperty}")`;
  return { pointer: pointer || '/', message };
}

/**
 * Compile the request validators named by `files` (paths relative to the schema folder) with
 * every schema of the set available for `$ref`, after the fault rewrites.
 */
export function compileValidators(set: SchemaSet, files: readonly string[], faults: FaultSet, schemaDir = 'contracts/schemas'): Map<string, RequestValidator> {
  const ajv = new Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true, validateFormats: true, code: { regExp: linearRegExp } });
  addFormats(ajv);
  const rewrites = faultRewrites(faults);
  const ids = new Map<string, string>();
  for (const [file, raw] of set) {
    let schema = raw as unknown;
    for (const r of rewrites) schema = rewriteSchema(schema, r);
    const node = { ...(schema as SchemaNode) };
    if (typeof node.$id !== 'string') node.$id = SCHEMA_BASE + file;
    ids.set(file, node.$id as string);
    try {
      ajv.addSchema(node);
    } catch (err) {
      throw new InputError(`cannot load schema: ${(err as Error).message}`, { file: join(schemaDir, file) });
    }
  }
  const out = new Map<string, RequestValidator>();
  for (const file of files) {
    const id = ids.get(file);
    if (!id) throw new InputError('missing compiled request schema (run `callconform build`)', { file: join(schemaDir, file) });
    let validate: ValidateFunction | undefined;
    try {
      validate = ajv.getSchema(id);
    } catch (err) {
      throw new InputError(`cannot compile schema: ${(err as Error).message}`, { file: join(schemaDir, file) });
    }
    if (!validate) throw new InputError('cannot compile schema', { file: join(schemaDir, file) });
    const fn = validate;
    out.set(file, (body) => (fn(body) ? [] : (fn.errors ?? []).map(problemOf)));
  }
  return out;
}
