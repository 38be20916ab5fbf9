/**
 * Validate a generated OpenAPI document with @seriousme/openapi-schema-validator. That validator
 * resolves `$ref`s by exact string (no relative resolution), so each schema file is registered
 * under every relative reference string that points at it, resolved as a file-based tool would.
 */
import { posix } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { parse } from 'yaml';

function refsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string' && !v.startsWith('#')) out.push(v);
      else refsIn(v, out);
    }
  }
  return out;
}

/** @param files contract files (path relative to the contracts folder → text) */
export async function validateOpenapi(openapiPath: string, files: ReadonlyMap<string, string>): Promise<{ valid: boolean; errors?: unknown; unresolved: string[] }> {
  const doc = parse(files.get(openapiPath)!) as Record<string, unknown>;
  const validator = new Validator();
  const registered = new Set<string>();
  const unresolved: string[] = [];
  const visit = async (fromFile: string, value: unknown): Promise<void> => {
    for (const ref of refsIn(value)) {
      const target = posix.normalize(posix.join(posix.dirname(fromFile), ref));
      const text = files.get(target);
      if (text === undefined) {
        unresolved.push(`${fromFile} → ${ref}`);
        continue;
      }
      if (registered.has(ref)) continue;
      registered.add(ref);
      const schema = JSON.parse(text) as Record<string, unknown>;
      await visit(target, schema);
      await validator.addSpecRef(schema, ref);
    }
  };
  await visit(openapiPath, doc);
  const result = await validator.validate(doc);
  return { ...result, unresolved };
}
