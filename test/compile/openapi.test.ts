import { existsSync } from 'node:fs';
import fc from 'fast-check';
import type { OpenAPIV3_1 } from 'openapi-types';
import { describe, expect, it } from 'vitest';
import type { Json, JsonSchema } from '../../src/compile/json-schema.js';
import { openapiDocument, renderOpenapi, type SchemaCheck } from '../../src/compile/openapi.js';
import { profileComponents } from '../../src/compile/openapi-components.js';
import { strictSchemaSet } from '../../src/compile/schema-check.js';
import { compileSchemas } from '../../src/compile/schemas.js';
import type { Decision } from '../../src/spec/decisions.js';
import { loadDecisions } from '../../src/spec/decisions-file.js';
import type { OperationSpec } from '../../src/spec/model.js';
import { loadSpecs, type SpecSet } from '../../src/spec/yaml-io.js';
import { demoDecision, demoSet } from './fixtures.js';
import { documentAjv, examplesWithSchemas, externalRefs, objectsIn, parseDoc, refsWithSiblings, validateOpenapi, type Doc } from './openapi-validate.js';

type Parameter = Omit<OpenAPIV3_1.ParameterObject, 'examples'> & { examples?: Record<string, { value: unknown }> };
type Operation = Omit<OpenAPIV3_1.OperationObject, 'parameters'> & { parameters: Parameter[] };

function documents(set: SpecSet, decisions: Decision[]): Map<string, Doc> {
  const schemas = compileSchemas(set);
  const { validator } = strictSchemaSet(schemas);
  const accepts: SchemaCheck = (file, value) => validator(file)(value);
  const profiles = [...new Set(set.operations.map((o) => o.profile))];
  return new Map(profiles.map((p) => [p, parseDoc(renderOpenapi(openapiDocument(p, set.operations, schemas, decisions, accepts)))]));
}

function operation(doc: Doc, path: string, method = 'post'): Operation {
  return (doc.paths as Record<string, Record<string, Operation>>)[path]![method]!;
}

/** The example names used by each part of an operation that carries named examples. */
function exampleNames(op: Operation): Record<string, string[]> {
  const names = (examples: unknown): string[] => Object.keys((examples ?? {}) as object).sort();
  const out: Record<string, string[]> = {};
  for (const p of op.parameters ?? []) out[`parameter ${p.name}`] = names(p.examples);
  const body = op.requestBody as OpenAPIV3_1.RequestBodyObject | undefined;
  for (const [type, m] of Object.entries(body?.content ?? {})) out[`request ${type}`] = names(m.examples);
  for (const [status, r] of Object.entries(op.responses ?? {}) as [string, OpenAPIV3_1.ResponseObject][]) {
    if (!status.startsWith('2')) continue;
    for (const [type, m] of Object.entries(r.content ?? {})) out[`response ${type}`] = names(m.examples);
    for (const [name, h] of Object.entries(r.headers ?? {}) as [string, OpenAPIV3_1.HeaderObject][]) if (h.required) out[`header ${name}`] = names(h.examples);
  }
  return out;
}

function checkStandsAlone(docs: Map<string, Doc>): void {
  for (const [profile, doc] of docs) {
    expect(externalRefs(doc), profile).toEqual([]);
    expect(refsWithSiblings(doc), profile).toEqual([]);
    const names = Object.keys((doc.components as { schemas?: object } | undefined)?.schemas ?? {});
    for (const name of names) expect(name, profile).toMatch(/^[A-Za-z0-9_]+$/);
    for (const [, o] of objectsIn(doc)) if (typeof o.$ref === 'string') expect(names.map((n) => `#/components/schemas/${n}`), `${profile} ${o.$ref}`).toContain(o.$ref);
  }
}

function checkExamplesValidate(docs: Map<string, Doc>): number {
  let checked = 0;
  for (const [profile, doc] of docs) {
    const validate = documentAjv(doc);
    for (const use of examplesWithSchemas(doc)) {
      const r = validate(use.schema, use.value);
      expect(r.ok, `${profile}${use.at}: ${r.errors}`).toBe(true);
      checked++;
    }
  }
  return checked;
}

describe('OpenAPI 3.1 documents', () => {
  const docs = documents(demoSet(), [demoDecision]);
  const demo = docs.get('demo')!;
  const schemas = (demo.components as { schemas: Record<string, JsonSchema> }).schemas;

  it('validate and stand alone: components only, names of letters, digits and _, no $ref with siblings', async () => {
    for (const doc of docs.values()) expect((await validateOpenapi(renderOpenapi(doc as unknown as OpenAPIV3_1.Document))).errors).toBeUndefined();
    checkStandsAlone(docs);
    expect(Object.keys(schemas).sort()).toEqual(['resources_tuneOperation', 'tuneWidget_request', 'tuneWidget_response']);
  });

  it('a response adding @odata.type to a resource is one open object with both sets of properties', () => {
    const response = schemas.tuneWidget_response!;
    expect(Object.keys(response.properties ?? {}).sort()).toEqual(['@odata.type', 'id', 'note', 'outcome', 'state']);
    expect(response.properties?.['@odata.type']).toMatchObject({ const: '#demo.tuneOperation' });
    expect(response.additionalProperties).toBe(true);
    expect(schemas.tuneWidget_request!.additionalProperties).toBeUndefined();
  });

  it('examples are the documented ones and each validates against its schema (ajv)', () => {
    expect(checkExamplesValidate(docs)).toBeGreaterThanOrEqual(8);
    const op = operation(demo, '/things/widgets/{wid}/tune');
    const body = (op.requestBody as OpenAPIV3_1.RequestBodyObject).content['application/json']!;
    expect(body.examples?.documented_1).toMatchObject({ value: { note: 'tuned', mode: 'beta' } });
    expect(op.parameters.find((p) => p.name === 'wid')!.examples?.documented_1?.value).toBe('w-123');
  });

  it('names an exchange in every part Specmatic pairs: path values, request body, response body, required headers', () => {
    for (const path of ['/things/widgets/{wid}/tune', '/legacy/widgets/{wid}/tune']) {
      expect(exampleNames(operation(demo, path)), path).toEqual({
        'parameter wid': ['documented_1'],
        'request application/json': ['documented_1'],
        'response application/json': ['documented_1'],
        'header Location': ['documented_1'],
      });
    }
    expect(exampleNames(operation(docs.get('demo2')!, '/v7/calls/{id}'))).toEqual({
      'parameter id': ['documented_1', 'documented_2'],
      'request application/json': ['documented_1', 'documented_2'],
      'response application/json': ['documented_1', 'documented_2'],
    });
  });

  it('without a documented response example, documented values stand alone (no names) and ids have no documented source', () => {
    const set = demoSet();
    const op = set.operations.find((o) => o.operation === 'tuneWidget')!;
    delete op.response.body!.example;
    op.response.headers = [];
    const doc = documents(set, [demoDecision]).get('demo')!;
    const tune = operation(doc, '/things/widgets/{wid}/tune');
    expect(Object.values(exampleNames(tune)).flat()).toEqual([]);
    expect((tune.requestBody as OpenAPIV3_1.RequestBodyObject).content['application/json']!.example).toEqual({ note: 'tuned', mode: 'beta' });
    const wid = tune.parameters.find((p) => p.name === 'wid')!;
    expect(wid.schema).toMatchObject({ examples: ['example-wid'] });
    expect(wid.description).toMatch(/placeholder/);
  });

  it('leaves out a documented example its schema rejects, and keeps every one it accepts', () => {
    const set = demoSet();
    const schemaFiles = compileSchemas(set);
    const { validator } = strictSchemaSet(schemaFiles);
    const accepts: SchemaCheck = (file, value) => validator(file)(value);
    const request = validator('schemas/demo/tuneWidget.request.schema.json');
    const value = fc.dictionary(fc.constantFrom('note', 'mode', 'tags', 'other'), fc.oneof(fc.constantFrom('alpha', 'beta', 'unknownFutureValue'), fc.string({ maxLength: 50 }), fc.integer(), fc.array(fc.string(), { maxLength: 2 })));
    fc.assert(
      fc.property(value, (json) => {
        const op: OperationSpec = structuredClone(set.operations.find((o) => o.operation === 'tuneWidget')!);
        op.request.body!.example = { source: { file: 'specs/sources/demo/x.md', line: 1 }, json };
        const doc = parseDoc(renderOpenapi(openapiDocument('demo', [op], schemaFiles, [demoDecision], accepts)));
        const media = (operation(doc, '/things/widgets/{wid}/tune').requestBody as OpenAPIV3_1.RequestBodyObject).content['application/json']!;
        const shown = (media.examples?.documented_1 as { value?: unknown } | undefined)?.value ?? media.example;
        expect(shown).toEqual(request(json as Json) ? json : undefined);
      }),
      { numRuns: 60 },
    );
  });
});

describe('components of a profile', () => {
  it('are named after the file path with letters, digits and _ only, one name per file', () => {
    const fileName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9.@-]{0,12}$/);
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(fc.boolean(), fileName), { minLength: 1, maxLength: 8, selector: ([r, n]) => `${r}/${n}` }), (entries) => {
        const files = new Map<string, JsonSchema>(entries.map(([resource, name]) => [`schemas/p/${resource ? 'resources/' : ''}${name}.schema.json`, { type: 'object' }]));
        const { schemas, ref } = profileComponents('p', files);
        const names = Object.keys(schemas);
        expect(names).toHaveLength(files.size);
        for (const n of names) expect(n).toMatch(/^[A-Za-z0-9_]+$/);
        for (const file of files.keys()) expect(names.map((n) => `#/components/schemas/${n}`)).toContain(ref(file));
      }),
    );
  });

  it('a nested reference with annotations moves into allOf; a reference that cannot be merged keeps its siblings in allOf', () => {
    const files = new Map<string, JsonSchema>([
      ['schemas/p/resources/a.schema.json', { type: 'object', properties: { x: { description: 'the b', $ref: 'b.schema.json' } } }],
      ['schemas/p/resources/b.schema.json', { type: 'object', properties: { y: { type: 'string' } } }],
      ['schemas/p/op.response.schema.json', { $ref: 'resources/b.schema.json', type: 'object', properties: { y: { type: 'string', maxLength: 3 } } }],
    ]);
    const { schemas } = profileComponents('p', files, new Set(['schemas/p/op.response.schema.json']));
    expect(schemas.resources_a!.properties!.x).toEqual({ description: 'the b', allOf: [{ $ref: '#/components/schemas/resources_b' }] });
    expect(schemas.op_response).toEqual({ type: 'object', properties: { y: { type: 'string', maxLength: 3 } }, allOf: [{ $ref: '#/components/schemas/resources_b' }], additionalProperties: true });
  });
});

describe.skipIf(!existsSync('specs/graph-v1.0/updateRecordingStatus.yaml'))('OpenAPI documents of the real specs', () => {
  const docs = documents(loadSpecs('specs'), loadDecisions('specs/decisions.yaml'));

  it('stand alone, and every example validates against its schema', () => {
    checkStandsAlone(docs);
    expect(checkExamplesValidate(docs)).toBeGreaterThan(10);
  });

  it('the documented Location matches the header pattern, which has no unbounded repetition', () => {
    let seen = 0;
    for (const doc of docs.values()) {
      for (const [, o] of objectsIn(doc.paths)) {
        if (typeof o.pattern !== 'string') continue;
        expect(o.pattern).not.toMatch(/\)[*+]|\.[*+]|\[\^\?#\][*+]/);
        for (const example of (o.examples ?? []) as string[]) expect(new RegExp(o.pattern).test(example), example).toBe(true);
        seen++;
      }
    }
    expect(seen).toBeGreaterThanOrEqual(3);
  });
});
