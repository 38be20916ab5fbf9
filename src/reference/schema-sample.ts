/**
 * Schema-valid resource bodies for the reference server: a value for any compiled schema (dates
 * as dates, enums from their values, collections as arrays, required properties filled), and a
 * body made to conform by dropping what its schema rejects (an echoed request value the response
 * type does not allow) and filling what it requires. Pure over the schema set.
 */
import type { JsonObject, Json } from './bodies.js';
import { SCHEMA_BASE, type RequestValidator, type SchemaSet } from './schemas.js';

type Node = Record<string, unknown>;

const FORMAT_SAMPLES: Record<string, string> = {
  'date-time': '2024-01-01T00:00:00Z',
  date: '2024-01-01',
  time: '00:00:00',
  duration: 'PT1M',
  uuid: '00000000-0000-4000-8000-000000000000',
  byte: 'AA==',
  uri: 'https://reference.invalid/',
  email: 'user@reference.invalid',
};

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Schemas of a set by absolute id, so `$ref`s resolve as ajv resolves them. */
export class SchemaIndex {
  private readonly byId = new Map<string, Node>();
  private readonly idOfFile = new Map<string, string>();

  constructor(set: SchemaSet) {
    for (const [file, schema] of set) {
      const id = typeof schema.$id === 'string' ? schema.$id : SCHEMA_BASE + file;
      this.byId.set(id, schema);
      this.idOfFile.set(file, id);
    }
  }

  /** The schema of a file relative to the schema folder, with its id. */
  file(file: string): { node: Node; id: string } | undefined {
    const id = this.idOfFile.get(file);
    const node = id ? this.byId.get(id) : undefined;
    return node && id ? { node, id } : undefined;
  }

  /** Follow `$ref`s (relative to `base`) to the node they name. */
  resolve(node: Node, base: string, depth = 0): { node: Node; base: string } {
    const ref = node.$ref;
    if (typeof ref !== 'string' || depth > 8) return { node, base };
    let url: URL;
    try {
      url = new URL(ref, base);
    } catch {
      return { node, base };
    }
    const target = this.byId.get(url.href.replace(/#.*$/, ''));
    if (!target) return { node, base };
    // The referring node's own keywords apply too (`{"$ref": …, "properties": {"@odata.type": …}}`).
    const own = Object.fromEntries(Object.entries(node).filter(([k]) => k !== '$ref'));
    const resolved = this.resolve(target, url.href.replace(/#.*$/, ''), depth + 1);
    return { node: { ...resolved.node, ...own, properties: { ...(isNode(resolved.node.properties) ? resolved.node.properties : {}), ...(isNode(own.properties) ? own.properties : {}) }, required: [...new Set([...(Array.isArray(resolved.node.required) ? resolved.node.required : []), ...(Array.isArray(own.required) ? own.required : [])])] }, base: resolved.base };
  }

  /** A sample of each scalar property of an object schema (strings, numbers, enums, dates): a seeded item's content. */
  sampleProperties(file: string): JsonObject {
    const schema = this.file(file);
    if (!schema) return {};
    const { node, base } = this.resolve(schema.node, schema.id);
    const out: JsonObject = {};
    for (const [name, prop] of Object.entries(isNode(node.properties) ? node.properties : {})) {
      if (!isNode(prop) || name.startsWith('@')) continue;
      const value = this.sample(prop, base, 3);
      if (value !== null && typeof value !== 'object') out[name] = value;
    }
    return out;
  }

  /** A value the schema accepts; `depth` bounds recursive types (an object of its own type). */
  sample(schema: Node, base: string, depth = 0): Json {
    const { node, base: at } = this.resolve(schema, base);
    if ('const' in node) return node.const as Json;
    if (Array.isArray(node.enum) && node.enum.length > 0) return (node.enum.find((v) => v !== 'unknownFutureValue') ?? node.enum[0]) as Json;
    const choice = [node.anyOf, node.oneOf].find(Array.isArray) as unknown[] | undefined;
    if (choice?.[0] && isNode(choice[0])) return this.sample(choice[0], at, depth + 1);
    const types = Array.isArray(node.type) ? (node.type as string[]) : typeof node.type === 'string' ? [node.type] : [isNode(node.properties) ? 'object' : 'string'];
    const type = types.find((t) => t !== 'null') ?? 'null';
    switch (type) {
      case 'string': {
        const format = typeof node.format === 'string' ? FORMAT_SAMPLES[node.format] : undefined;
        const min = typeof node.minLength === 'number' ? node.minLength : 1;
        return format ?? 'reference'.padEnd(min, 'x').slice(0, typeof node.maxLength === 'number' ? Math.max(min, node.maxLength) : undefined);
      }
      case 'integer':
      case 'number':
        return typeof node.minimum === 'number' ? node.minimum : 1;
      case 'boolean':
        return true;
      case 'array':
        return typeof node.minItems === 'number' && node.minItems > 0 && isNode(node.items) && depth < 4 ? [this.sample(node.items, at, depth + 1)] : [];
      case 'object': {
        const out: JsonObject = {};
        const props = isNode(node.properties) ? node.properties : {};
        for (const name of Array.isArray(node.required) ? (node.required as string[]) : []) {
          const prop = props[name];
          out[name] = isNode(prop) && depth < 4 ? this.sample(prop, at, depth + 1) : 'reference';
        }
        return out;
      }
      default:
        return null;
    }
  }
}

/**
 * `body` made valid against the schema of `file`: properties the validator rejects are dropped,
 * then required ones it misses are filled with a sample. A body already valid is returned as is.
 */
export function conform(body: JsonObject, file: string, validate: RequestValidator | undefined, index: SchemaIndex): JsonObject {
  if (!validate) return body;
  const out = structuredClone(body);
  for (let round = 0; round < 4; round++) {
    const problems = validate(out);
    if (problems.length === 0) return out;
    const schema = index.file(file);
    for (const p of problems) {
      const tokens = p.pointer.split('/').slice(1).map((t) => decodeURIComponent(t).replace(/~1/g, '/').replace(/~0/g, '~'));
      // A value the schema rejects inside a property goes alone (the rest of the property stays as documented).
      if (tokens.length > 1 && !p.message.startsWith('must have required property') && removeAt(out, tokens)) continue;
      const top = decodeURIComponent(p.pointer.split('/')[1] ?? '').replace(/~1/g, '/').replace(/~0/g, '~');
      if (top === '' || top === 'id' || top === '@odata.type') continue;
      const resolved = schema ? index.resolve(schema.node, schema.id) : undefined;
      const prop = resolved && isNode(resolved.node.properties) ? resolved.node.properties[top] : undefined;
      const required = Array.isArray(resolved?.node.required) && resolved.node.required.includes(top);
      if (required && isNode(prop) && resolved) out[top] = index.sample(prop, resolved.base);
      else delete out[top];
    }
  }
  return out;
}

/** Remove the value at `tokens` (an object key, or an array element); false when there is none. */
function removeAt(root: JsonObject, tokens: readonly string[]): boolean {
  let node: Json = root;
  for (const t of tokens.slice(0, -1)) {
    if (Array.isArray(node)) node = node[Number(t)] ?? null;
    else if (isNode(node)) node = (node as JsonObject)[t] ?? null;
    else return false;
  }
  const last = tokens[tokens.length - 1] ?? '';
  if (Array.isArray(node) && /^\d+$/.test(last) && Number(last) < node.length) {
    node.splice(Number(last), 1);
    return true;
  }
  if (isNode(node) && last in node) {
    delete (node as JsonObject)[last];
    return true;
  }
  return false;
}
