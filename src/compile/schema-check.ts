/**
 * Every compiled schema must compile under ajv strict mode (Ajv2020 + ajv-formats), with the
 * `$ref`s between files resolved through their `$id`s. `build` runs this on its own output.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { JsonSchema } from './json-schema.js';
import { schemaId } from './json-schema.js';
import { linearRegExp } from '../spec/linear-regexp.js';

type AddFormats = (ajv: Ajv2020) => Ajv2020;
// ajv-formats is CommonJS: under NodeNext its default export may arrive wrapped.
export const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as unknown as AddFormats;

/** A strict Ajv holding every schema; `validator(file)` compiles the one of a contract file. */
export function strictSchemaSet(schemas: ReadonlyMap<string, JsonSchema>): { ajv: Ajv2020; validator: (file: string) => ValidateFunction } {
  const ajv = new Ajv2020({ strict: true, allErrors: true, code: { regExp: linearRegExp } });
  addFormats(ajv);
  for (const schema of schemas.values()) ajv.addSchema(schema as object);
  return {
    ajv,
    validator: (file) => {
      const v = ajv.getSchema(schemaId(file));
      if (!v) throw new Error(`no schema ${file}`);
      return v;
    },
  };
}

/** Compile every schema strictly: the set, whose validators are then compiled already, and the problems as `file: message`. */
export function compileStrict(schemas: ReadonlyMap<string, JsonSchema>): { set?: ReturnType<typeof strictSchemaSet>; problems: string[] } {
  let set: ReturnType<typeof strictSchemaSet>;
  try {
    set = strictSchemaSet(schemas);
  } catch (err) {
    return { problems: [`schemas: ${(err as Error).message}`] };
  }
  const problems: string[] = [];
  for (const file of schemas.keys()) {
    try {
      set.validator(file);
    } catch (err) {
      problems.push(`${file}: ${(err as Error).message}`);
    }
  }
  return { set, problems };
}

/** Compile every schema strictly; returns problems as `file: message` (empty when all compile). */
export function checkSchemasStrict(schemas: ReadonlyMap<string, JsonSchema>): string[] {
  return compileStrict(schemas).problems;
}
