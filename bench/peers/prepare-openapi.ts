/**
 * What the peer tools need done to `contracts/openapi/<profile>.yaml` before they can run it,
 * as pure functions over the parsed document. Every change is recorded as a note, so the
 * results page says exactly what each tool was given:
 *
 * - `bundleExternalRefs`: the contracts reference `../schemas/…schema.json` files; Dredd only
 *   reads `#/components/…` references, so the files are inlined under components.schemas.
 * - `addPactExamples`: both peers send path parameters and bodies from examples; the compiled
 *   OpenAPI has none, so the documented request each Pact interaction carries is attached as a
 *   named example (Specmatic) and as `example` (Dredd). The call ids of those paths are created
 *   on the target through the provider-state endpoint before a peer runs.
 * - `simplifyRepeatedGroupPatterns`: Specmatic 2.55 hangs (endless CPU) compiling a `pattern`
 *   with a repeated group such as `(?:/[^/?#]+)*` (`.*` hangs too); the group becomes optional.
 * - `refSiblingsToAllOf`: Specmatic 2.55 does not read a `$ref` with sibling keywords.
 * - `downgradeTo30`: Dredd reads OpenAPI 3.0 only (JSON Schema draft-4 subset).
 */
import { dirname, relative, resolve } from 'node:path';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function clone<T extends Json>(v: T): T {
  return structuredClone(v);
}

export interface Prepared {
  doc: JsonObject;
  notes: string[];
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Every operation object of the document with its path template and method. */
export function operationsOf(doc: JsonObject): { template: string; method: string; op: JsonObject }[] {
  const paths = isObject(doc.paths) ? doc.paths : {};
  const out: { template: string; method: string; op: JsonObject }[] = [];
  for (const [template, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (isObject(op)) out.push({ template, method, op });
    }
  }
  return out;
}

/** A component name for a schema file: its path under the schemas folder, `_` for anything but letters and digits (Specmatic splits names at dots). */
function componentName(file: string, schemasRoot: string): string {
  return relative(schemasRoot, file)
    .replace(/\.schema\.json$/, '')
    .replace(/\.json$/, '')
    .split(/[\\/]/)
    .join('_')
    .replace(/[^A-Za-z0-9_]/g, '_');
}

/**
 * Inline every `$ref` to another file under `components.schemas` and point the reference there.
 * `read` loads a JSON file by absolute path; `docFile` is the OpenAPI file's absolute path and
 * `schemasRoot` the folder whose relative paths name the components.
 */
export function bundleExternalRefs(input: JsonObject, docFile: string, schemasRoot: string, read: (file: string) => Json): Prepared {
  const doc = clone(input);
  const components = isObject(doc.components) ? doc.components : (doc.components = {});
  const schemas = isObject(components.schemas) ? components.schemas : (components.schemas = {});
  const done = new Map<string, string>();

  const inline = (file: string): string => {
    const known = done.get(file);
    if (known) return known;
    const name = componentName(file, schemasRoot);
    done.set(file, name);
    const loaded = read(file);
    if (!isObject(loaded)) throw new Error(`${file}: not a JSON object schema`);
    const schema = Object.fromEntries(Object.entries(loaded).filter(([k]) => k !== '$schema' && k !== '$id'));
    schemas[name] = rewrite(schema, dirname(file)) as JsonObject;
    return name;
  };

  const rewrite = (node: Json, base: string): Json => {
    if (Array.isArray(node)) return node.map((n) => rewrite(n, base));
    if (!isObject(node)) return node;
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && !v.startsWith('#') && !/^[a-z]+:/i.test(v)) {
        out[k] = `#/components/schemas/${inline(resolve(base, v))}`;
      } else out[k] = rewrite(v, base);
    }
    return out;
  };

  doc.paths = rewrite(doc.paths ?? {}, dirname(docFile));
  const notes = done.size > 0 ? [`${done.size} external schema file(s) inlined under components.schemas`] : [];
  return { doc, notes };
}

/** The parts of a Pact V4 file the examples come from. */
export interface PactRequestExample {
  method: string;
  path: string;
  body?: Json;
  status: number;
  authorized: boolean;
}

export function pactExamples(pact: Json): PactRequestExample[] {
  const interactions = isObject(pact) && Array.isArray(pact.interactions) ? pact.interactions : [];
  const out: PactRequestExample[] = [];
  for (const i of interactions) {
    if (!isObject(i) || !isObject(i.request) || !isObject(i.response)) continue;
    const { request, response } = i;
    if (typeof request.method !== 'string' || typeof request.path !== 'string' || typeof response.status !== 'number') continue;
    const headers = isObject(request.headers) ? request.headers : {};
    const authorized = Object.keys(headers).some((h) => h.toLowerCase() === 'authorization');
    const body = isObject(request.body) && request.body.content !== undefined ? request.body.content : undefined;
    out.push({ method: request.method.toLowerCase(), path: request.path, status: response.status, authorized, ...(body !== undefined ? { body } : {}) });
  }
  return out;
}

/** `{name}` parameters of a path template matched against a concrete path, or undefined. */
export function matchPath(template: string, path: string): Record<string, string> | undefined {
  const t = template.split('/');
  const p = path.split('?')[0]?.split('/') ?? [];
  if (t.length !== p.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < t.length; i++) {
    const seg = t[i] ?? '';
    const val = p[i] ?? '';
    const m = /^\{([^}]+)\}$/.exec(seg);
    if (m?.[1]) params[m[1]] = decodeURIComponent(val);
    else if (seg !== val) return undefined;
  }
  return params;
}

export const EXAMPLE_NAME = 'DOCUMENTED_REQUEST';

/**
 * Attach the documented request of the first successful, authorized Pact interaction of each
 * operation as examples: path parameters and request body get `examples.<EXAMPLE_NAME>` and
 * `example`. Returns the path parameter values used (the calls a target must hold).
 */
export function addPactExamples(input: JsonObject, examples: readonly PactRequestExample[]): Prepared & { pathValues: string[]; pathParams: Record<string, string> } {
  const doc = clone(input);
  const notes: string[] = [];
  const pathValues = new Set<string>();
  const pathParams: Record<string, string> = {};
  const chosen = new Map<JsonObject, { params: Record<string, string>; body?: Json }>();
  const ops = operationsOf(doc);
  for (const { template, method, op } of ops) {
    const success = Object.keys(isObject(op.responses) ? op.responses : {}).filter((s) => /^2\d\d$/.test(s)).map(Number);
    const candidates = examples
      .map((e) => ({ e, params: e.method === method ? matchPath(template, e.path) : undefined }))
      .filter(({ e, params }) => params !== undefined && success.includes(e.status));
    // Prefer a request that carries Authorization (the documented, authorized call).
    const match = candidates.find(({ e }) => e.authorized) ?? candidates[0];
    if (match?.params) chosen.set(op, { params: match.params, ...(match.e.body !== undefined ? { body: match.e.body } : {}) });
  }
  // An operation the Pact has no interaction for (a deprecated alias path) borrows the example
  // of an operation with the same request schema and method.
  const requestRef = (op: JsonObject): string | undefined => {
    const content = isObject(op.requestBody) && isObject(op.requestBody.content) ? Object.values(op.requestBody.content) : [];
    const media = content.find(isObject);
    return media && isObject(media.schema) && typeof media.schema.$ref === 'string' ? media.schema.$ref : undefined;
  };
  for (const { template, method, op } of ops) {
    if (chosen.has(op)) continue;
    const ref = requestRef(op);
    const twin = ops.find((o) => o.method === method && chosen.has(o.op) && ref !== undefined && requestRef(o.op) === ref);
    const borrowed = twin ? chosen.get(twin.op) : undefined;
    if (twin && borrowed) {
      chosen.set(op, borrowed);
      notes.push(`${method.toUpperCase()} ${template}: example borrowed from ${method.toUpperCase()} ${twin.template} (same request schema)`);
    } else notes.push(`${method.toUpperCase()} ${template}: no successful Pact interaction to take an example from`);
  }
  for (const [op, match] of chosen) {
    const params = Array.isArray(op.parameters) ? op.parameters : [];
    for (const p of params) {
      if (!isObject(p) || p.in !== 'path' || typeof p.name !== 'string') continue;
      const value = match.params[p.name] ?? Object.values(match.params)[0];
      if (value === undefined) continue;
      p.example = value;
      p.examples = { [EXAMPLE_NAME]: { value } };
      pathValues.add(value);
      pathParams[p.name] ??= value;
    }
    const content = isObject(op.requestBody) && isObject(op.requestBody.content) ? op.requestBody.content : undefined;
    if (content && match.body !== undefined) {
      for (const media of Object.values(content)) {
        if (!isObject(media)) continue;
        media.example = match.body;
        media.examples = { [EXAMPLE_NAME]: { value: match.body } };
      }
    }
  }
  notes.push(`request examples of ${chosen.size} operation(s) taken from the Pact file's documented requests`);
  return { doc, notes, pathValues: [...pathValues].sort(), pathParams };
}

/**
 * A Specmatic dictionary (`<spec>_dictionary.yaml`, read next to the spec): the path parameter
 * values its generated requests use, so they name calls that exist on the target.
 */
export function specmaticDictionary(pathParams: Record<string, string>): JsonObject {
  return { PARAMETERS: { PATH: { ...pathParams } } };
}

/** Dredd reads `example`, and 3.0 has no `examples` in a schema: keep the singular form. */
export function keepSingleExamplesOnly(input: JsonObject): JsonObject {
  const doc = clone(input);
  for (const { op } of operationsOf(doc)) {
    for (const p of Array.isArray(op.parameters) ? op.parameters : []) if (isObject(p) && p.example !== undefined) delete p.examples;
    const content = isObject(op.requestBody) && isObject(op.requestBody.content) ? op.requestBody.content : {};
    for (const media of Object.values(content)) if (isObject(media) && media.example !== undefined) delete media.examples;
  }
  return doc;
}

/** A regex group repeated by `*` or `+`: `(…)*`, `(?:…)+`. Nested groups are not expected. */
const REPEATED_GROUP = /\((?:\?:)?([^()]*)\)([*+])/g;

/**
 * Specmatic 2.55 cannot compile a `pattern` with a repeated group (it spins generating a sample;
 * `.*` does the same): `(X)*` becomes `(X)?` and `(X)+` becomes `(X)`, which still accepts a
 * path prefix of one segment, as the reference's own routes have.
 */
export function simplifyRepeatedGroupPatterns(input: JsonObject): Prepared {
  const doc = clone(input);
  const changed = new Set<string>();
  const walk = (node: Json): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isObject(node)) return;
    for (const [k, v] of Object.entries(node)) {
      if (k === 'pattern' && typeof v === 'string') {
        const next = v.replace(REPEATED_GROUP, (_m, inner: string, op: string) => (op === '*' ? `(${inner})?` : `(${inner})`));
        if (next !== v) {
          node[k] = next;
          changed.add(`${v} → ${next}`);
        }
      } else walk(v);
    }
  };
  walk(doc);
  return { doc, notes: [...changed].map((c) => `pattern for Specmatic without a repeated group: ${c}`) };
}

/**
 * `{$ref, …siblings}` → `{allOf: [{$ref}], …siblings}`: the same meaning in 2020-12, and the form
 * Specmatic 2.55 reads (with siblings it reports "Type (<component>) does not exist").
 */
export function refSiblingsToAllOf(input: JsonObject): JsonObject {
  const walk = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(walk);
    if (!isObject(node)) return node;
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(node)) out[k] = walk(v);
    if (typeof out.$ref === 'string' && Object.keys(out).length > 1) {
      const { $ref, allOf, ...rest } = out;
      return { allOf: [{ $ref }, ...(Array.isArray(allOf) ? allOf : [])], ...rest };
    }
    return out;
  };
  return walk(clone(input)) as JsonObject;
}

/** JSON Schema 2020-12 (OpenAPI 3.1) → the OpenAPI 3.0 schema dialect, as far as the contracts use it. */
function schemaTo30(node: Json): Json {
  if (Array.isArray(node)) return node.map(schemaTo30);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '$comment' || k === '$schema' || k === '$id') continue;
    if (k === 'const') {
      out.enum = [v];
      continue;
    }
    if (k === 'examples' && Array.isArray(v)) {
      if (v.length > 0 && v[0] !== undefined) out.example = v[0];
      continue;
    }
    if (k === 'type' && Array.isArray(v)) {
      const types = v.filter((t) => t !== 'null');
      if (types.length < v.length) out.nullable = true;
      out.type = types.length === 1 && types[0] !== undefined ? types[0] : types;
      continue;
    }
    if ((k === 'anyOf' || k === 'oneOf') && Array.isArray(v)) {
      const branches = v.filter((b) => !(isObject(b) && b.type === 'null' && Object.keys(b).length === 1));
      if (branches.length < v.length) out.nullable = true;
      const first = branches[0];
      if (branches.length === 1 && isObject(first)) Object.assign(out, schemaTo30(first));
      else out[k] = branches.map(schemaTo30);
      continue;
    }
    out[k] = k === 'properties' && isObject(v) ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, schemaTo30(s)])) : schemaTo30(v);
  }
  // 3.0: a $ref replaces its siblings; keep them by moving the reference into allOf.
  if (typeof out.$ref === 'string' && Object.keys(out).length > 1) {
    const { $ref, ...rest } = out;
    return { allOf: [{ $ref }, ...(Array.isArray(rest.allOf) ? rest.allOf : [])], ...Object.fromEntries(Object.entries(rest).filter(([k]) => k !== 'allOf')) };
  }
  return out;
}

/** Walk an OpenAPI document and convert every schema object (under a `schema` key or components.schemas). */
export function downgradeTo30(input: JsonObject): Prepared {
  const doc = clone(input);
  const walk = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(walk);
    if (!isObject(node)) return node;
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(node)) out[k] = k === 'schema' ? schemaTo30(v) : walk(v);
    return out;
  };
  const paths = walk(doc.paths ?? {});
  const components = isObject(doc.components) ? doc.components : {};
  const schemas = isObject(components.schemas) ? components.schemas : undefined;
  const converted: JsonObject = { ...doc, openapi: '3.0.3', paths };
  if (schemas) {
    converted.components = { ...components, schemas: Object.fromEntries(Object.entries(schemas).map(([n, s]) => [n, schemaTo30(s)])) };
  }
  return { doc: converted, notes: [`converted from OpenAPI ${String(input.openapi)} to 3.0.3 (const → enum, null branches → nullable, $ref siblings → allOf)`] };
}

/** Names of the bearer security schemes (Specmatic reads each token from an env var of that name). */
export function bearerSchemes(doc: JsonObject): string[] {
  const components = isObject(doc.components) ? doc.components : {};
  const schemes = isObject(components.securitySchemes) ? components.securitySchemes : {};
  return Object.entries(schemes)
    .filter(([, s]) => isObject(s) && s.type === 'http' && typeof s.scheme === 'string' && s.scheme.toLowerCase() === 'bearer')
    .map(([name]) => name);
}
