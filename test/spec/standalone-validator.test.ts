import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadStandalone, specAjv, writeStandalone } from '../../src/spec/standalone-validator.js';
import { specSchemaPath } from '../../src/spec/validate.js';
import { repoRoot, tempDir } from '../helpers.js';

/** Generated code requires ajv's runtime modules, so it is written where the repo's node_modules resolve. */
const scratch = join(repoRoot, 'node_modules', '.cache', 'callconform-test');
const schemaText = readFileSync(specSchemaPath, 'utf8');
const spec = parse(readFileSync(join(repoRoot, 'specs/graph-beta/updateMetadata.yaml'), 'utf8')) as Record<string, unknown>;

/** A spec with one value somewhere replaced by an arbitrary JSON value. */
function mutated(path: string[], value: unknown): unknown {
  const copy = structuredClone(spec) as Record<string, unknown>;
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) return copy;
    node = next as Record<string, unknown>;
  }
  node[path.at(-1) ?? 'kind'] = value;
  return copy;
}

const paths: string[][] = [['kind'], ['operation'], ['method', 'value'], ['request', 'headers'], ['response'], ['errors'], ['untested'], ['unknownField'], ['request', 'body']];

describe('generated spec validator', () => {
  it('judges every spec exactly as a runtime compile of spec.schema.json does', () => {
    const { dir, cleanup } = tempDir(scratch);
    try {
      const file = join(dir, 'validator.cjs');
      writeStandalone(schemaText, file);
      const generated = loadStandalone(schemaText, file);
      expect(generated).toBeTypeOf('function');
      const runtime = specAjv({ source: false }).compile(JSON.parse(schemaText) as object);
      fc.assert(
        fc.property(fc.constantFrom(...paths), fc.jsonValue(), (path, value) => {
          const input = mutated(path, value);
          expect(generated!(input)).toBe(runtime(input));
          expect(generated!.errors ?? null).toEqual(runtime.errors ?? null);
        }),
        { numRuns: 300 },
      );
      expect(generated!(spec)).toBe(true);
    } finally {
      cleanup();
    }
  });

  it('is not used once the schema changed after it was generated', () => {
    const { dir, cleanup } = tempDir(scratch);
    try {
      const file = join(dir, 'validator.cjs');
      writeStandalone(schemaText, file);
      expect(loadStandalone(`${schemaText}\n`, file)).toBeUndefined();
      expect(loadStandalone(schemaText, join(dir, 'missing.cjs'))).toBeUndefined();
    } finally {
      cleanup();
    }
  });
});
