import { existsSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { operationSchemaFile, resourceSchemaFile } from '../../src/compile/json-schema.js';
import { checkSchemasStrict, strictSchemaSet } from '../../src/compile/schema-check.js';
import { compileSchemas } from '../../src/compile/schemas.js';
import { loadSpecs } from '../../src/spec/yaml-io.js';
import { demoSet, MAX } from './fixtures.js';

const set = demoSet();
const schemas = compileSchemas(set);
const { validator } = strictSchemaSet(schemas);
const req = validator(operationSchemaFile('demo', 'tuneWidget', 'request'));
const res = validator(operationSchemaFile('demo', 'tuneWidget', 'response'));
const resource = validator(resourceSchemaFile('demo', 'tuneOperation'));

describe('compiled JSON Schemas', () => {
  it('names files by profile, operation and role, with $ids and relative $refs', () => {
    expect([...schemas.keys()]).toEqual([
      'schemas/demo/resources/tuneOperation.schema.json',
      'schemas/demo/tuneWidget.request.schema.json',
      'schemas/demo/tuneWidget.response.schema.json',
      'schemas/demo2/tagCall.notification.schema.json',
      'schemas/demo2/tagCall.request.schema.json',
      'schemas/demo2/tagCall.response.schema.json',
    ]);
    const response = schemas.get('schemas/demo/tuneWidget.response.schema.json')!;
    expect(response.$id).toBe('https://callconform.dev/contracts/schemas/demo/tuneWidget.response.schema.json');
    expect(response.$ref).toBe('resources/tuneOperation.schema.json');
  });

  it('all compile under ajv strict mode', () => {
    expect(checkSchemasStrict(schemas)).toEqual([]);
  });

  it(`accepts strings of length 0..${MAX} and rejects ${MAX + 1}..1000 (request and resource)`, () => {
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: MAX, unit: 'grapheme-ascii' }), (s) => {
        expect(req({ mode: 'alpha', note: s })).toBe(true);
        expect(resource({ note: s })).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.string({ minLength: MAX + 1, maxLength: 1000, unit: 'grapheme-ascii' }), (s) => {
        expect(req({ mode: 'alpha', note: s })).toBe(false);
        expect(resource({ note: s })).toBe(false);
      }),
    );
  });

  it('accepts every documented enum value and rejects any other string; the sentinel only in responses', () => {
    for (const v of ['alpha', 'beta']) expect(req({ mode: v })).toBe(true);
    expect(req({ mode: 'unknownFutureValue' })).toBe(false);
    for (const v of ['queued', 'done', 'unknownFutureValue']) expect(resource({ state: v })).toBe(true);
    fc.assert(
      fc.property(
        fc.string().filter((s) => !['alpha', 'beta'].includes(s)),
        (s) => {
          expect(req({ mode: s })).toBe(false);
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.string().filter((s) => !['queued', 'done', 'unknownFutureValue'].includes(s)),
        (s) => {
          expect(resource({ state: s })).toBe(false);
        },
      ),
    );
  });

  it('requires what the docs require, fixes constants, types arrays', () => {
    expect(req({ note: 'x' })).toBe(false);
    expect(req({ mode: 'alpha', tags: ['a'] })).toBe(true);
    expect(req({ mode: 'alpha', tags: [1] })).toBe(false);
    const tag = validator(operationSchemaFile('demo2', 'tagCall', 'request'));
    expect(tag({ operationName: 'TagCall', tags: {} })).toBe(true);
    expect(tag({ operationName: 'Other' })).toBe(false);
    expect(tag({ tags: {} })).toBe(false);
  });

  it('responses: the referenced resource, @odata.type present with its value, nulls the example shows', () => {
    const t = { '@odata.type': '#demo.tuneOperation' };
    expect(res({ ...t, id: 'j', state: 'done', outcome: null })).toBe(true);
    expect(res({ ...t, id: 'j', outcome: { any: 1 } })).toBe(true);
    expect(res({ id: 'j', state: 'done' })).toBe(false);
    expect(res({ '@odata.type': '#demo.other' })).toBe(false);
    expect(res({ ...t, state: 'cancelled' })).toBe(false);
    expect(res({ ...t, id: 7 })).toBe(false);
    const reply = validator(operationSchemaFile('demo2', 'tagCall', 'response'));
    expect(reply({ code: 0 })).toBe(true);
    expect(reply({ code: 1 })).toBe(false);
    expect(reply({})).toBe(false);
  });

  it('notifications: channel, message and notification type fixed, the resource id and accumulated pairs required', () => {
    const note = validator(operationSchemaFile('demo2', 'tagCall', 'notification'));
    const ok = { channel: '/v7/calls', data: { messageType: 'CallChanged', notificationType: 'TagsChanged', call: { id: 'X', tags: {} } } };
    expect(note(ok)).toBe(true);
    expect(note({ ...ok, channel: '/v7/other' })).toBe(false);
    expect(note({ ...ok, data: { ...ok.data, notificationType: 'Other' } })).toBe(false);
    expect(note({ ...ok, data: { ...ok.data, call: { tags: {} } } })).toBe(false);
    expect(note({ ...ok, data: { ...ok.data, call: { id: 'X' } } })).toBe(false);
    expect(note({ ...ok, data: { ...ok.data, call: { id: 'X', tags: {}, muted: 'no' } } })).toBe(false);
  });
});

describe.skipIf(!existsSync('specs/graph-v1.0/updateRecordingStatus.yaml'))('the real specs', () => {
  const real = loadSpecs('specs');
  const compiled = compileSchemas(real);
  const strict = strictSchemaSet(compiled);

  it('compile under ajv strict mode', () => {
    expect(checkSchemasStrict(compiled)).toEqual([]);
  });

  it('accept their documented examples (after repairs and decisions)', () => {
    let checked = 0;
    for (const op of real.operations) {
      const file = (role: 'request' | 'response' | 'notification') => operationSchemaFile(op.profile, op.operation, role);
      const examples: [string, unknown][] = [
        ...[op.request.body?.example, ...(op.request.body?.moreExamples ?? [])].filter((e) => e).map((e) => [file('request'), e!.json] as [string, unknown]),
        ...(op.response.body?.example ? [[file('response'), op.response.body.example.json] as [string, unknown]] : []),
        ...op.notifications.filter((n) => n.example).map((n) => [file('notification'), n.example!.json] as [string, unknown]),
      ];
      for (const [f, json] of examples) {
        const validate = strict.validator(f);
        expect(validate(json), `${f}: ${JSON.stringify(validate.errors)}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(3);
  });

  it('enforce every documented maxLength and enum of the request bodies', () => {
    for (const op of real.operations) {
      for (const p of op.request.body?.parameters ?? []) {
        if (!p.maxLength && !p.enum) continue;
        const validate = strict.validator(operationSchemaFile(op.profile, op.operation, 'request'));
        const base = Object.fromEntries((op.request.body?.parameters ?? []).filter((q) => q.const !== undefined).map((q) => [q.name, q.const]));
        const wrap = (v: string) => ({ ...base, [p.name]: p.type === 'array' ? [v] : v });
        if (p.maxLength) {
          expect(validate(wrap('x'.repeat(p.maxLength.value)))).toBe(true);
          expect(validate(wrap('x'.repeat(p.maxLength.value + 1)))).toBe(false);
        }
        if (p.enum) {
          for (const v of p.enum.values.filter((x) => x !== 'unknownFutureValue')) expect(validate(wrap(v)), `${op.operation}.${p.name}=${v}`).toBe(true);
          expect(validate(wrap('notADocumentedValue'))).toBe(false);
        }
      }
    }
  });
});
