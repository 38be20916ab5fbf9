/**
 * The compiled schema files of one profile as OpenAPI components, so the document stands alone:
 *
 * - each file becomes `components.schemas.<name>`, named after its path under
 *   `schemas/<profile>/` with `_` for anything but letters and digits (`updateCall_request`,
 *   `resources_call`: peers such as Specmatic split names at dots);
 * - a reference between files becomes `#/components/schemas/<name>`;
 * - no `$ref` keeps sibling keywords (OpenAPI 3.0 ignores them, Specmatic misreads them): at the
 *   root of a body that adds properties to a resource (a response's `@odata.type`), the
 *   resource's properties and the added ones become one object schema; anywhere else the
 *   reference moves into `allOf` next to its siblings.
 *
 * The schema files stay the contract verify and the reference load; this is their rendering.
 */
import { posix } from 'node:path';
import type { JsonSchema } from './json-schema.js';
import type { SchemaFiles } from './schemas.js';

export interface Components {
  schemas: Record<string, JsonSchema>;
  /** `#/components/schemas/<name>` for a contract file of the profile, when it was compiled. */
  ref(file: string): string | undefined;
}

const COMPONENT_PREFIX = '#/components/schemas/';
const ANNOTATIONS = ['title', 'description', '$comment'] as const;
/** Keywords of an object schema that can be merged with another one without changing its meaning. */
const MERGEABLE = new Set<string>([...ANNOTATIONS, 'type', 'properties', 'required']);

function componentName(folder: string, file: string): string {
  return posix
    .relative(folder, file)
    .replace(/\.schema\.json$/, '')
    .replace(/[^A-Za-z0-9]+/g, '_');
}

/** A copy of `s` with `f` applied to each direct subschema. */
function mapSubschemas(s: JsonSchema, f: (sub: JsonSchema) => JsonSchema): JsonSchema {
  const out: JsonSchema = { ...s };
  if (s.properties) out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, f(v)]));
  if (s.items) out.items = f(s.items);
  if (s.anyOf) out.anyOf = s.anyOf.map(f);
  if (s.allOf) out.allOf = s.allOf.map(f);
  return out;
}

function rewriteRefs(s: JsonSchema, resolve: (ref: string) => string): JsonSchema {
  const out = mapSubschemas(s, (sub) => rewriteRefs(sub, resolve));
  if (out.$ref !== undefined) out.$ref = resolve(out.$ref);
  return out;
}

function siblingsOf(s: JsonSchema): JsonSchema {
  const rest: JsonSchema = { ...s };
  delete rest.$ref;
  return rest;
}

function refIntoAllOf(s: JsonSchema): JsonSchema {
  const out = mapSubschemas(s, refIntoAllOf);
  if (out.$ref === undefined || Object.keys(out).length === 1) return out;
  const rest = siblingsOf(out);
  return { ...rest, allOf: [{ $ref: out.$ref }, ...(rest.allOf ?? [])] };
}

function pick(s: JsonSchema, keys: readonly (keyof JsonSchema)[]): JsonSchema {
  return Object.fromEntries(keys.filter((k) => s[k] !== undefined).map((k) => [k, s[k]])) as JsonSchema;
}

function mergeable(s: JsonSchema): boolean {
  return (s.type === undefined || s.type === 'object') && Object.keys(s).every((k) => MERGEABLE.has(k));
}

/** One object schema with the properties of both, or undefined when that would change the meaning. */
function mergeObjects(base: JsonSchema, added: JsonSchema): JsonSchema | undefined {
  if (!mergeable(base) || !mergeable(added)) return undefined;
  const baseProps = base.properties ?? {};
  const addedProps = added.properties ?? {};
  if (Object.keys(addedProps).some((k) => k in baseProps)) return undefined;
  const properties = { ...baseProps, ...addedProps };
  const required = [...new Set([...(base.required ?? []), ...(added.required ?? [])])];
  return {
    ...pick(base, ANNOTATIONS),
    ...pick(added, ANNOTATIONS),
    type: 'object',
    ...(Object.keys(properties).length ? { properties } : {}),
    ...(required.length ? { required } : {}),
  };
}

/**
 * @param profile the profile whose files (`schemas/<profile>/…`) become components
 * @param open files whose root object is stated open (`additionalProperties: true`, the JSON
 *   Schema default) for peers that read a missing `additionalProperties` as false
 */
export function profileComponents(profile: string, files: SchemaFiles, open: ReadonlySet<string> = new Set()): Components {
  const folder = `schemas/${profile}`;
  const mine = [...files.keys()].filter((f) => f.startsWith(`${folder}/`)).sort();
  const names = new Map<string, string>();
  const taken = new Set<string>();
  for (const file of mine) {
    const base = componentName(folder, file);
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}_${i}`;
    taken.add(name);
    names.set(file, name);
  }
  const ref = (file: string): string | undefined => {
    const name = names.get(file);
    return name === undefined ? undefined : `${COMPONENT_PREFIX}${name}`;
  };

  const rendered = new Map<string, JsonSchema>();
  for (const file of mine) {
    const schema: JsonSchema = { ...files.get(file)! };
    delete schema.$schema;
    delete schema.$id;
    const resolve = (r: string): string => {
      const target = posix.normalize(posix.join(posix.dirname(file), r));
      const to = ref(target);
      if (!to) throw new Error(`${file}: $ref ${r} names no compiled schema of ${profile}`);
      return to;
    };
    rendered.set(file, rewriteRefs(schema, resolve));
  }

  const byRef = new Map([...rendered].map(([file, s]) => [ref(file)!, s]));
  const schemas: Record<string, JsonSchema> = {};
  for (const file of mine) {
    const schema = rendered.get(file)!;
    const target = schema.$ref !== undefined ? byRef.get(schema.$ref) : undefined;
    const merged = target && target.$ref === undefined ? mergeObjects(refIntoAllOf(target), refIntoAllOf(siblingsOf(schema))) : undefined;
    const root = merged ?? refIntoAllOf(schema);
    const stateOpen = open.has(file) && root.type === 'object' && root.additionalProperties === undefined;
    schemas[names.get(file)!] = stateOpen ? { ...root, additionalProperties: true } : root;
  }
  return { schemas, ref };
}
