/**
 * Helpers for the OpenAPI tests: validation with @seriousme/openapi-schema-validator (3.0 and
 * 3.1), walks that find external or sibling-laden `$ref`s, and an ajv that validates examples
 * against the document's own component schemas.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { addFormats } from '../../src/compile/schema-check.js';

export type Doc = Record<string, unknown>;

export function parseDoc(text: string): Doc {
  return parse(text) as Doc;
}

export async function validateOpenapi(text: string): Promise<{ valid: boolean; version: string; errors?: unknown }> {
  const validator = new Validator();
  const result = await validator.validate(parseDoc(text));
  return { ...result, version: validator.version };
}

/** Every object of a JSON tree with its JSON pointer. */
export function* objectsIn(value: unknown, pointer = ''): Generator<[string, Record<string, unknown>]> {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) yield* objectsIn(v, `${pointer}/${i}`);
  } else if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    yield [pointer, obj];
    for (const [k, v] of Object.entries(obj)) yield* objectsIn(v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
  }
}

/** `$ref`s that point outside the document. */
export function externalRefs(doc: Doc): string[] {
  return [...objectsIn(doc)].flatMap(([at, o]) => (typeof o.$ref === 'string' && !o.$ref.startsWith('#') ? [`${at}: ${o.$ref}`] : []));
}

/** Objects holding a `$ref` next to other keywords. */
export function refsWithSiblings(doc: Doc): string[] {
  return [...objectsIn(doc)].flatMap(([at, o]) => (typeof o.$ref === 'string' && Object.keys(o).length > 1 ? [`${at}: ${Object.keys(o).join(', ')}`] : []));
}

/** Validate values against schemas of a 3.1 document (inline, or `#/components/schemas/…`). */
export function documentAjv(doc: Doc): (schema: unknown, value: unknown) => { ok: boolean; errors: string } {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'https://openapi.test/doc', components: (doc.components ?? {}) as object });
  return (schema, value) => {
    const rebased = JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"https://openapi.test/doc#/components/')) as object;
    const ok = ajv.validate(rebased, value);
    return { ok, errors: ajv.errorsText(ajv.errors) };
  };
}

export interface ExampleUse {
  at: string;
  schema: unknown;
  value: unknown;
}

/** Every example of a 3.1 document with the schema it illustrates (parameters, headers, media types, schemas). */
export function examplesWithSchemas(doc: Doc): ExampleUse[] {
  const out: ExampleUse[] = [];
  for (const [at, o] of objectsIn(doc.paths)) {
    const schema = o.schema;
    if (schema && typeof schema === 'object') {
      if ('example' in o) out.push({ at: `${at}/example`, schema, value: o.example });
      for (const [name, e] of Object.entries((o.examples ?? {}) as Record<string, { value: unknown }>)) out.push({ at: `${at}/examples/${name}`, schema, value: e.value });
    }
    if (Array.isArray(o.examples) && (o.type !== undefined || o.pattern !== undefined)) {
      for (const [i, v] of o.examples.entries()) out.push({ at: `${at}/examples/${i}`, schema: o, value: v });
    }
  }
  return out;
}
