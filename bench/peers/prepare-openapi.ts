/**
 * What a peer run needs besides the OpenAPI documents themselves. The peers read
 * contracts/openapi/<profile>.yaml (Specmatic, 3.1) and contracts/openapi/3.0/<profile>.yaml
 * (Dredd) exactly as `callconform build` writes them; nothing here changes a document. From the
 * documents as built it reads the run's configuration:
 *
 * - `pathValues`: the path parameter values the documents' examples name (documented ids, or
 *   placeholders where the docs show none). The bench creates those calls on the target through
 *   the provider-state endpoint before a peer runs, as a user seeds a test system.
 * - `bearerSchemes`: the bearer security schemes; Specmatic reads each token from an env var
 *   named after its scheme.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

function operationsOf(doc: JsonObject): JsonObject[] {
  const paths = isObject(doc.paths) ? doc.paths : {};
  return Object.values(paths).flatMap((item) => (isObject(item) ? HTTP_METHODS.map((m) => item[m]).filter(isObject) : []));
}

/** Values of a parameter as its examples give them: named, single, or its schema's. */
function exampleValues(p: JsonObject): Json[] {
  const named = isObject(p.examples) ? Object.values(p.examples).flatMap((e) => (isObject(e) && e.value !== undefined ? [e.value] : [])) : [];
  const schema = isObject(p.schema) ? p.schema : {};
  return [...named, ...(p.example !== undefined ? [p.example] : []), ...(Array.isArray(schema.examples) ? schema.examples : []), ...(schema.example !== undefined ? [schema.example] : [])];
}

/** Every path parameter value the document's examples name. */
export function pathValues(doc: JsonObject): string[] {
  const out = new Set<string>();
  for (const op of operationsOf(doc)) {
    for (const p of Array.isArray(op.parameters) ? op.parameters : []) {
      if (!isObject(p) || p.in !== 'path') continue;
      for (const v of exampleValues(p)) if (typeof v === 'string') out.add(v);
    }
  }
  return [...out].sort();
}

/** Names of the bearer security schemes. */
export function bearerSchemes(doc: JsonObject): string[] {
  const components = isObject(doc.components) ? doc.components : {};
  const schemes = isObject(components.securitySchemes) ? components.securitySchemes : {};
  return Object.entries(schemes)
    .filter(([, s]) => isObject(s) && s.type === 'http' && typeof s.scheme === 'string' && s.scheme.toLowerCase() === 'bearer')
    .map(([name]) => name);
}
