/**
 * The OpenAPI 3.0.3 rendering of a generated 3.1 document, for tools that read only 3.0
 * (Dredd). Same paths, operations, responses and components; what changes is what 3.0 cannot
 * say the 3.1 way:
 *
 * - schemas (JSON Schema 2020-12 → the 3.0 dialect): `const` → a one-value `enum`, a `null`
 *   type or `anyOf` branch → `nullable`, `examples` → `example`, `$comment`/`$schema`/`$id`
 *   dropped, a `$ref` with siblings → `allOf`, an array without `items` gets `items: {}`, an
 *   empty `required` is dropped;
 *   a keyword with no 3.0 form is an error, never dropped silently;
 * - a parameter's or header's value comes from the Parameter Object's single `example` (the
 *   form 3.0 readers take it from), so the first named example, else the schema's, moves there.
 */
import type { OpenAPIV3, OpenAPIV3_1 } from 'openapi-types';
import type { Json, JsonSchema } from './json-schema.js';

export function openapi30File(profile: string): string {
  return `openapi/3.0/${profile}.yaml`;
}

/** The schemas a generated 3.1 document holds: compiled JSON Schemas, and string schemas of parameters and headers. */
type Schema31 = JsonSchema & { examples?: Json[]; format?: string; pattern?: string };
type Schema30 = OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject;
type Mutable30 = OpenAPIV3.BaseSchemaObject & { type?: OpenAPIV3.NonArraySchemaObjectType | OpenAPIV3.ArraySchemaObjectType; items?: Schema30 };

/** openapi-types gives 3.1 parameter and header schemas the 3.0 type; they are the schemas above. */
function asSchema31(schema: unknown): Schema31 {
  return schema as Schema31;
}

function isRef(s: Schema30): s is OpenAPIV3.ReferenceObject {
  return '$ref' in s;
}

function isNullType(s: JsonSchema): boolean {
  return s.type === 'null' && Object.keys(s).length === 1;
}

function schemaTo30(input: Schema31): Schema30 {
  if (input.$ref !== undefined) {
    const { $ref, ...siblings } = input;
    const rest = schemaTo30(siblings);
    if (isRef(rest) || Object.keys(rest).length === 0) return { $ref };
    return { ...rest, allOf: [{ $ref }, ...(rest.allOf ?? [])] };
  }
  const out: Mutable30 = {};
  let collapsed: Schema30 | undefined;
  for (const [key, value] of Object.entries(input) as [keyof Schema31, unknown][]) {
    switch (key) {
      case '$schema':
      case '$id':
      case '$comment':
        break;
      case 'const':
        out.enum = [value];
        if (value === null) out.nullable = true;
        break;
      case 'examples':
        if ((value as Json[]).length > 0) out.example = (value as Json[])[0];
        break;
      case 'type':
        if (value === 'null') {
          out.nullable = true;
          out.enum = [null];
        } else out.type = value as Mutable30['type'];
        break;
      case 'anyOf': {
        const all = value as JsonSchema[];
        const branches = all.filter((b) => !isNullType(b));
        if (branches.length < all.length) out.nullable = true;
        if (branches.length === 1) collapsed = schemaTo30(branches[0]!);
        else out.anyOf = branches.map(schemaTo30);
        break;
      }
      case 'allOf':
        out.allOf = (value as JsonSchema[]).map(schemaTo30);
        break;
      case 'properties':
        out.properties = Object.fromEntries(Object.entries(value as Record<string, JsonSchema>).map(([k, v]) => [k, schemaTo30(v)]));
        break;
      case 'items':
        out.items = schemaTo30(value as JsonSchema);
        break;
      case 'required':
        // draft-4 wants at least one name; an empty list requires nothing.
        if ((value as string[]).length > 0) out.required = value as string[];
        break;
      case 'title':
      case 'description':
      case 'enum':
      case 'maxLength':
      case 'readOnly':
      case 'deprecated':
      case 'additionalProperties':
      case 'format':
      case 'pattern':
        Object.assign(out, { [key]: value });
        break;
      default:
        throw new Error(`OpenAPI 3.0 has no form for the JSON Schema keyword ${String(key)}`);
    }
  }
  if (out.type === 'array' && out.items === undefined) out.items = {};
  // A collapsed single branch is the schema; the keywords next to the anyOf (description, nullable) stay on it.
  const merged: Mutable30 = !collapsed ? out : isRef(collapsed) ? { ...out, allOf: [collapsed, ...(out.allOf ?? [])] } : { ...(collapsed as Mutable30), ...out };
  return merged as OpenAPIV3.SchemaObject;
}

function firstNamed(examples: OpenAPIV3.ParameterBaseObject['examples']): unknown {
  const first = examples ? Object.values(examples)[0] : undefined;
  return first && !('$ref' in first) ? first.value : undefined;
}

/** A copy of `obj` in the same key order, with some members converted (undefined drops one). */
function converted<T extends object>(obj: T, convert: { [K in keyof T]?: (value: NonNullable<T[K]>) => unknown }): Record<string, unknown> & Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj)) {
    const f = convert[key as keyof T] as ((v: unknown) => unknown) | undefined;
    const next = f && value !== undefined ? f(value) : value;
    if (next !== undefined) out[key] = next;
  }
  return out as Record<string, unknown> & Partial<T>;
}

const schemaOf = (schema: unknown): Schema30 => schemaTo30(asSchema31(schema));

function parameterTo30<T extends OpenAPIV3.ParameterBaseObject>(p: T): T {
  const schema = p.schema ? schemaOf(p.schema) : undefined;
  const value: unknown = firstNamed(p.examples) ?? p.example ?? (schema && !isRef(schema) ? schema.example : undefined);
  const drop = (): undefined => undefined;
  return { ...converted(p, { schema: () => schema, examples: drop, example: drop }), ...(value !== undefined ? { example: value } : {}) } as T;
}

function contentTo30(content: Record<string, OpenAPIV3_1.MediaTypeObject>): Record<string, OpenAPIV3.MediaTypeObject> {
  return Object.fromEntries(Object.entries(content).map(([type, m]) => [type, converted(m, { schema: schemaOf }) as OpenAPIV3.MediaTypeObject]));
}

function responseTo30(r: OpenAPIV3_1.ResponseObject): OpenAPIV3.ResponseObject {
  return converted(r, {
    headers: (headers) => Object.fromEntries(Object.entries(headers).map(([name, h]) => [name, '$ref' in h ? h : parameterTo30(h)])),
    content: contentTo30,
  }) as OpenAPIV3.ResponseObject;
}

function operationTo30(op: OpenAPIV3_1.OperationObject): OpenAPIV3.OperationObject {
  return converted(op, {
    parameters: (parameters) => parameters.map((p) => ('$ref' in p ? p : parameterTo30(p))),
    requestBody: (body) => ('$ref' in body ? body : converted(body, { content: contentTo30 })),
    responses: (responses) => Object.fromEntries(Object.entries(responses).map(([status, r]) => [status, '$ref' in r ? r : responseTo30(r)])),
  }) as OpenAPIV3.OperationObject;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export function downgradeTo30(doc: OpenAPIV3_1.Document): OpenAPIV3.Document {
  const paths: OpenAPIV3.PathsObject = {};
  for (const [template, item] of Object.entries(doc.paths ?? {})) {
    if (!item) continue;
    const item30: OpenAPIV3.PathItemObject = {};
    for (const method of METHODS) {
      const op = item[method] as OpenAPIV3_1.OperationObject | undefined;
      if (op) item30[method] = operationTo30(op);
    }
    paths[template] = item30;
  }
  const components = doc.components ? (converted(doc.components, { schemas: (schemas) => Object.fromEntries(Object.entries(schemas).map(([name, s]) => [name, schemaOf(s)])) }) as OpenAPIV3.ComponentsObject) : undefined;
  return { openapi: '3.0.3', info: doc.info, paths, ...(components ? { components } : {}) };
}
