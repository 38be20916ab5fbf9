import { existsSync } from 'node:fs';
import fc from 'fast-check';
import type { OpenAPIV3, OpenAPIV3_1 } from 'openapi-types';
import { describe, expect, it } from 'vitest';
import type { Json, JsonSchema } from '../../src/compile/json-schema.js';
import { openapiDocument, renderOpenapi, type SchemaCheck } from '../../src/compile/openapi.js';
import { downgradeTo30 } from '../../src/compile/openapi-30.js';
import { strictSchemaSet } from '../../src/compile/schema-check.js';
import { compileSchemas } from '../../src/compile/schemas.js';
import type { Decision } from '../../src/spec/decisions.js';
import { loadDecisions } from '../../src/spec/decisions-file.js';
import { loadSpecs, type SpecSet } from '../../src/spec/yaml-io.js';
import { demoDecision, demoSet } from './fixtures.js';
import { externalRefs, objectsIn, refsWithSiblings, validateOpenapi, type Doc } from './openapi-validate.js';

/** Keywords of JSON Schema 2020-12 (as OpenAPI 3.1 uses it) that an OpenAPI 3.0 Schema Object does not have. */
const ONLY_31 = ['const', 'examples', '$comment', '$schema', '$id', 'prefixItems', '$defs', 'unevaluatedProperties'];

function pairs(set: SpecSet, decisions: Decision[]): { v31: OpenAPIV3_1.Document; v30: OpenAPIV3.Document }[] {
  const schemas = compileSchemas(set);
  const { validator } = strictSchemaSet(schemas);
  const accepts: SchemaCheck = (file, value) => validator(file)(value);
  return [...new Set(set.operations.map((o) => o.profile))].map((p) => {
    const v31 = openapiDocument(p, set.operations, schemas, decisions, accepts);
    return { v31, v30: downgradeTo30(v31) };
  });
}

function schemaKeys(doc: Doc): string[] {
  const keys = new Set<string>();
  for (const [at, o] of objectsIn(doc)) if (/\/(schema|schemas\/[^/]+|properties\/[^/]+|items|allOf\/\d+|anyOf\/\d+)$/.test(at)) Object.keys(o).forEach((k) => keys.add(k));
  return [...keys];
}

function check30(v30: OpenAPIV3.Document): void {
  const doc = v30 as unknown as Doc;
  expect(externalRefs(doc)).toEqual([]);
  expect(refsWithSiblings(doc)).toEqual([]);
  expect(schemaKeys(doc).filter((k) => ONLY_31.includes(k))).toEqual([]);
}

async function expectValid30(v30: OpenAPIV3.Document): Promise<void> {
  const result = await validateOpenapi(renderOpenapi(v30));
  expect(result.errors).toBeUndefined();
  expect(result.version).toBe('3.0');
}

describe('the OpenAPI 3.0.3 rendering', () => {
  const docs = pairs(demoSet(), [demoDecision]);

  it('validates as 3.0, stands alone and holds no 2020-12 keyword', async () => {
    for (const { v30 } of docs) {
      expect(v30.openapi).toBe('3.0.3');
      await expectValid30(v30);
      check30(v30);
    }
  });

  it('keeps paths, operations, statuses and components of the 3.1 document', () => {
    for (const { v31, v30 } of docs) {
      expect(Object.keys(v30.paths)).toEqual(Object.keys(v31.paths ?? {}));
      for (const [path, item] of Object.entries(v30.paths)) {
        const op31 = (v31.paths?.[path] as Record<string, OpenAPIV3_1.OperationObject>).post!;
        const op30 = (item as Record<string, OpenAPIV3.OperationObject>).post!;
        expect(Object.keys(op30)).toEqual(Object.keys(op31));
        expect(Object.keys(op30.responses)).toEqual(Object.keys(op31.responses ?? {}));
      }
      expect(Object.keys(v30.components?.schemas ?? {})).toEqual(Object.keys(v31.components?.schemas ?? {}));
    }
  });

  it('says in the 3.0 way what 2020-12 says: const, null, examples, parameter values', () => {
    const demo = docs.find((d) => d.v30.info.title.startsWith('demo '))!.v30;
    const response = demo.components!.schemas!.tuneWidget_response as OpenAPIV3.SchemaObject;
    expect(response.properties!['@odata.type']).toEqual({ type: 'string', enum: ['#demo.tuneOperation'] });
    expect(response.properties!.outcome).toMatchObject({ type: 'object', nullable: true });
    const op = (demo.paths['/things/widgets/{wid}/tune'] as { post: OpenAPIV3.OperationObject }).post;
    const wid = op.parameters![0] as OpenAPIV3.ParameterObject;
    expect(wid).toMatchObject({ name: 'wid', example: 'w-123', schema: { type: 'string', example: 'w-123' } });
    expect(wid.examples).toBeUndefined();
    const location = (op.responses['201'] as OpenAPIV3.ResponseObject).headers!.Location as OpenAPIV3.HeaderObject;
    expect(location.example).toBe('https://api.example.test/v9/things/widgets/w-123/jobs/j-456');
  });

  const v31With = (schema: JsonSchema): OpenAPIV3_1.Document => ({ openapi: '3.1.0', info: { title: 't', version: '1' }, paths: {}, components: { schemas: { S: schema as OpenAPIV3_1.SchemaObject, T: { type: 'object' } } } });
  const converted = (schema: JsonSchema): unknown => downgradeTo30(v31With(schema)).components!.schemas!.S;

  it('turns a nullable reference into allOf + nullable, an array without items into items {}, a null type into a nullable null', () => {
    expect(converted({ description: 'd', anyOf: [{ $ref: '#/components/schemas/T' }, { type: 'null' }] })).toEqual({ description: 'd', nullable: true, allOf: [{ $ref: '#/components/schemas/T' }] });
    expect(converted({ type: 'array' })).toEqual({ type: 'array', items: {} });
    expect(converted({ type: 'null' })).toEqual({ nullable: true, enum: [null] });
    expect(converted({ $comment: 'c', $ref: '#/components/schemas/T' })).toEqual({ $ref: '#/components/schemas/T' });
    expect(() => converted({ prefixItems: [] } as unknown as JsonSchema)).toThrow(/no form for the JSON Schema keyword prefixItems/);
  });

  it('renders any schema the compiler can write as a valid 3.0 Schema Object', async () => {
    const scalar = fc.constantFrom<JsonSchema['type']>('string', 'number', 'integer', 'boolean', 'object');
    const json: fc.Arbitrary<Json> = fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.boolean(), fc.constant(null));
    const { schema } = fc.letrec<{ schema: JsonSchema }>((tie) => ({
      schema: fc.oneof(
        { depthSize: 'small' },
        fc.record({ type: scalar, description: fc.string({ maxLength: 8 }), $comment: fc.string({ maxLength: 8 }), readOnly: fc.boolean() }, { requiredKeys: ['type'] }),
        fc.record({ type: fc.constant('string' as const), enum: fc.array(fc.string({ maxLength: 5 }), { minLength: 1, maxLength: 3 }), maxLength: fc.nat(300) }, { requiredKeys: ['type'] }),
        fc.record({ const: json }).map((s): JsonSchema => s),
        fc.constant<JsonSchema>({ $ref: '#/components/schemas/T' }),
        fc.record({ $ref: fc.constant('#/components/schemas/T'), description: fc.string({ maxLength: 8 }) }),
        fc.record({ type: fc.constant('array' as const), items: tie('schema') }, { requiredKeys: ['type'] }),
        fc.record({ type: fc.constant('object' as const), properties: fc.dictionary(fc.stringMatching(/^[a-z@.]{1,6}$/), tie('schema'), { maxKeys: 3 }), required: fc.array(fc.stringMatching(/^[a-z]{1,3}$/), { maxLength: 2 }), additionalProperties: fc.boolean() }, { requiredKeys: ['type'] }),
        fc.record({ anyOf: fc.tuple(tie('schema'), fc.constant<JsonSchema>({ type: 'null' })) }).map(({ anyOf }): JsonSchema => ({ anyOf: [...anyOf] })),
        fc.record({ anyOf: fc.array(tie('schema'), { minLength: 2, maxLength: 3 }) }),
      ),
    }));
    await fc.assert(
      fc.asyncProperty(schema, async (s) => {
        const v30 = downgradeTo30(v31With(s));
        check30(v30);
        await expectValid30(v30);
      }),
      { numRuns: 60 },
    );
  });
});

describe.skipIf(!existsSync('specs/graph-v1.0/updateRecordingStatus.yaml'))('the 3.0 rendering of the real specs', () => {
  it('validates as 3.0, stands alone and holds no 2020-12 keyword', async () => {
    for (const { v30 } of pairs(loadSpecs('specs'), loadDecisions('specs/decisions.yaml'))) {
      await expectValid30(v30);
      check30(v30);
    }
  });
});
