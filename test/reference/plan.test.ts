import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentedError, miscased, notificationFor, applyUpdate, type CallState } from '../../src/reference/bodies.js';
import { NO_FAULTS, parseFaults } from '../../src/reference/faults.js';
import { operationSuffix, operationTemplate } from '../../src/reference/location.js';
import { fillTemplate, matchTemplate, parseTemplate } from '../../src/reference/path-template.js';
import { planOperation, planRoutes } from '../../src/reference/plan.js';
import { compileValidators, rewriteSchema } from '../../src/reference/schemas.js';
import { attachThings, decisions, fixtureInputs, noteOperation, updateLine, updateNote } from './fixtures.js';

describe('operation path from the Location example', () => {
  it('finds the call prefix after a version prefix and turns the operation id into a parameter', () => {
    const suffix = operationSuffix('https://h.example/beta/communications/calls/57da/operations/0fe0', '/communications/calls/{id}/updateMetadata', 'id', '0fe0');
    expect(suffix).toEqual([{ literal: 'operations' }, { param: 'opId' }]);
    const tpl = operationTemplate('/app/calls/{id}/updateMetadata', 'id', suffix ?? []);
    expect(tpl?.template).toBe('/app/calls/{id}/operations/{opId}');
  });

  it('takes the last segment when the id is not known, keeps deeper suffixes, and refuses non-matching examples', () => {
    expect(operationSuffix('/x/lines/L1/jobs/J1/status', '/lines/{lineId}', 'lineId')).toEqual([{ literal: 'jobs' }, { literal: 'J1' }, { param: 'opId' }]);
    expect(operationSuffix('/x/lines/L1/jobs/J1/status', '/lines/{lineId}', 'lineId', 'J1')).toEqual([{ literal: 'jobs' }, { param: 'opId' }, { literal: 'status' }]);
    expect(operationSuffix('https://h/other/L1/ops/1', '/lines/{id}', 'id')).toBeUndefined();
    expect(operationSuffix('https://h/lines/L1', '/lines/{id}', 'id')).toBeUndefined();
    expect(operationSuffix('::not a url::', '/lines/{id}', 'nope')).toBeUndefined();
  });
});

describe('path templates', () => {
  it('match case-insensitively on literals and round-trip any parameter value', () => {
    const tpl = parseTemplate('/communications/calls/{id}/operations/{opId}');
    expect(matchTemplate(tpl, ['Communications', 'calls', 'a', 'operations', 'b'])).toEqual({ id: 'a', opId: 'b' });
    expect(matchTemplate(tpl, ['communications', 'calls', 'a'])).toBeUndefined();
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (id, opId) => {
        const path = fillTemplate(tpl.segments, { id, opId });
        const segments = path.split('/').filter((s) => s !== '').map((s) => decodeURIComponent(s));
        expect(matchTemplate(tpl, segments)).toEqual({ id, opId });
      }),
    );
  });
});

describe('route plan from specs', () => {
  it('reads status (after rulings), auth, JSON requirement, discriminators and replies from the facts', () => {
    const note = planOperation(updateNote, [noteOperation], decisions);
    expect(note.successStatus).toBe(202);
    expect(note.auth).toBe(true);
    expect(note.jsonRequest).toBe(true);
    expect(note.reply).toMatchObject({ kind: 'operation', odataType: '#example.tel.noteOperation' });
    expect(note.reply.kind === 'operation' && note.reply.properties).toEqual([
      { name: 'clientContext', fill: 'echo' },
      { name: 'id', fill: 'id' },
      { name: 'status', fill: 'enum', values: ['pending', 'done', 'failed'], value: 'done' },
    ]);
    const line = planOperation(updateLine, [noteOperation], decisions);
    expect(line).toMatchObject({ callParam: 'lineId', successStatus: 200, jsonRequest: false, reply: { kind: 'resource', odataType: '#example.tel.call' } });
    const vox = planOperation(attachThings, [], decisions);
    expect(vox).toMatchObject({ auth: false, successStatus: 200, idKey: 'id', accumulating: ['things'], errorStyle: 'documented', discriminators: [{ name: 'operationName', value: 'AttachThings' }] });
  });

  it('echoes a request value into the operation only where it fits the documented property', () => {
    const body = updateNote.request.body!;
    const clash = {
      ...updateNote,
      request: {
        ...updateNote.request,
        body: { ...body, parameters: [...body.parameters, { ...body.parameters[2]!, name: 'status', enum: { ...body.parameters[2]!.enum!, values: ['on', 'off'] } }] },
      },
    };
    const plan = planOperation(clash, [noteOperation], decisions);
    expect(plan.reply.kind === 'operation' && plan.reply.properties.find((p) => p.name === 'status')).toEqual({ name: 'status', fill: 'enum', values: ['pending', 'done', 'failed'], value: 'done' });
  });

  it('refuses an unresolved status contradiction with the doc line', () => {
    expect(() => planOperation(updateNote, [noteOperation], [])).toThrow(/no success status/);
  });

  it('routes every path of every operation, and the operation resource under each', () => {
    const plan = planRoutes([updateNote, updateLine, attachThings], [noteOperation], decisions);
    expect(plan.routes.map((r) => `${r.kind === 'action' ? r.method : 'GET'} ${r.tpl.template}`)).toEqual([
      'POST /app/calls/{id}/updateNote',
      'GET /app/calls/{id}/operations/{opId}',
      'POST /communications/calls/{id}/updateNote',
      'GET /communications/calls/{id}/operations/{opId}',
      'PATCH /communications/calls/{lineId}',
      'POST /api/v9/me/lines/{id}',
    ]);
    expect([...plan.byProfile.keys()]).toEqual(['tel-beta', 'vox-v2']);
  });
});

describe('bodies', () => {
  it('miscases a value into a casing the docs do not use', () => {
    expect(miscased('completed', ['notStarted', 'running', 'completed'])).toBe('Completed');
    expect(miscased('Done', ['Done', 'done'])).toBe('DONE');
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string()), (v, docs) => {
        const out = miscased(v, docs);
        expect(out).not.toBe(v);
        expect(docs).not.toContain(out);
      }),
    );
  });

  it('shapes documented-style errors after the documented reply', () => {
    expect(documentedError({ statusCode: 0 }, 'not-found', 'gone')).toEqual({ statusCode: 6, statusMessage: 'gone' });
    expect(documentedError({ ok: true }, 'missing-parameter', 'x')).toEqual({ statusCode: 1, statusMessage: 'x' });
  });

  it('builds the notification where the example puts things, with the accumulated pairs', () => {
    const plan = planOperation(attachThings, [], decisions);
    const call: CallState = { id: 'L-7', properties: {} };
    applyUpdate(plan, call, { operationName: 'AttachThings', things: { a: '1' } }, NO_FAULTS);
    applyUpdate(plan, call, { operationName: 'AttachThings', things: { b: '2' }, id: 'hijack' }, NO_FAULTS);
    const fact = attachThings.notifications[0]!;
    expect(notificationFor(fact, call, NO_FAULTS)).toEqual({
      channel: '/v9/me/lines',
      data: { kind: 'ThingsChanged', messageType: 'LineChangeMessage', line: { id: 'L-7', things: { a: '1', b: '2' } } },
    });
    applyUpdate(plan, call, { operationName: 'AttachThings', things: { c: '3' } }, parseFaults(['userdata-replaced']));
    expect(call.properties.things).toEqual({ c: '3' });
  });
});

describe('schemas and fault rewrites', () => {
  it('rewrites keywords only, never properties that are named like keywords', () => {
    const schema = { type: 'object', required: ['a'], properties: { required: { type: 'string', maxLength: 3 }, enum: { enum: ['x', 'y'] } } };
    const out = rewriteSchema(schema, (n) => {
      delete n.required;
      delete n.enum;
      delete n.maxLength;
    });
    expect(out).toEqual({ type: 'object', properties: { required: { type: 'string' }, enum: {} } });
    expect(schema.required).toEqual(['a']);
  });

  it('resolves $refs between files and names the missing schema file', () => {
    const { schemas } = fixtureInputs();
    const validators = compileValidators(schemas, ['tel-beta/updateNote.request.schema.json'], NO_FAULTS);
    const validate = validators.get('tel-beta/updateNote.request.schema.json')!;
    expect(validate({ note: 'n', clientContext: 'short' })).toEqual([]);
    expect(validate({ note: 'n', clientContext: 'x'.repeat(13) })[0]?.pointer).toBe('/clientContext');
    expect(() => compileValidators(schemas, ['tel-beta/missing.request.schema.json'], NO_FAULTS)).toThrow(/missing compiled request schema/);
  });
});

describe('what a resource answer holds besides what is stored', () => {
  it('the properties the example shows (its first item for a list), not its annotations, id or nulls; a list counts its items when the example does', () => {
    const op = structuredClone(updateLine);
    const at = op.method.source;
    op.response.body = { source: at, level: 'MUST', example: { source: at, json: { '@odata.context': 'x', id: 'n1', text: 'hello', gone: null, size: 3 } } };
    expect(planOperation(op, [], decisions).answerDefaults).toEqual({ text: 'hello', size: 3 });
    const list = structuredClone(op);
    list.method = { ...list.method, value: 'GET' };
    list.shape = { kind: 'list', resource: 'line', source: at, basis: 'test' };
    list.response.body = { source: at, level: 'MUST', example: { source: at, json: { '@odata.count': 1, value: [{ id: 'n1', text: 'first' }] } } };
    const plan = planOperation(list, [], decisions);
    expect(plan.answerDefaults).toEqual({ text: 'first' });
    expect(plan.counts).toBe(true);
  });
});

describe('list and create answers from what the examples show', () => {
  /** updateLine made into a list (or a create) of lines whose example is `json`. */
  function documenting(kind: 'list' | 'create', json: unknown, template = '/communications/calls'): ReturnType<typeof planOperation> {
    const op = structuredClone(updateLine);
    op.method.value = kind === 'list' ? 'GET' : 'POST';
    op.paths = [{ ...op.paths[0]!, template }];
    op.request.pathParameters = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
    op.shape = { kind, resource: 'call', source: op.method.source, basis: 'test' };
    op.response.body = { source: op.method.source, level: 'MUST', example: { source: op.method.source, json } };
    return planOperation(op, [], decisions);
  }

  it('pages a list whose example links a next page by the items it shows, and not one whose example does not', () => {
    const paged = documenting('list', { '@odata.nextLink': 'https://h.example/calls?$skiptoken=x', value: [{ topic: 'a' }, { topic: 'b' }] });
    expect(paged.pageSize).toBe(2);
    expect(documenting('list', { '@odata.nextLink': 'https://h.example/calls?$skiptoken=x', value: [] }).pageSize).toBe(1);
    expect(documenting('list', { value: [{ topic: 'a' }] }).pageSize).toBeUndefined();
  });

  it("answers a list envelope's own @odata.type as shown (an item's is its own), never a link", () => {
    const list = documenting('list', { '@odata.type': '#example.tel.call', '@odata.context': 'ctx', '@odata.nextLink': 'l', value: [{ '@odata.type': '#example.tel.call', topic: 'a' }] });
    expect(list.annotations).toEqual({ '@odata.type': '#example.tel.call', '@odata.context': 'ctx' });
    expect(list.itemOdataType).toBe('#example.tel.call');
    expect(documenting('create', { '@odata.type': '#example.tel.call', topic: 'a' }).annotations).toEqual({});
  });

  it('fills array items with what the first item shows in the answer defaults', () => {
    const create = documenting('create', { topic: 'a', legs: [{ from: 'x', to: 'y' }, { from: 'z' }] });
    expect(create.answerDefaults).toEqual({ topic: 'a', legs: [{ from: 'x', to: 'y' }, { from: 'z', to: 'y' }] });
  });

  it('answers a request several pages document with what each example shows, whatever its placeholders are named', () => {
    const one = documenting('create', { topic: 'a', chatId: 'c1' }, '/chats/{chat-id}/calls');
    const two = documenting('create', { topic: 'b', owner: { id: 'o' } }, '/chats/{id}/calls');
    const list = documenting('list', { '@odata.count': 1, '@odata.nextLink': 'l', value: [{ topic: 'c', legs: [{ from: 'x' }] }] }, '/chats/{id}/calls');
    const otherList = documenting('list', { value: [{ topic: 'd', tenant: 't' }] }, '/chats/{chat-id}/calls');
    const elsewhere = documenting('create', { topic: 'e', other: 1 }, '/rooms/{id}/calls');
    const { plans: planned } = planRoutes([one, two, list, otherList, elsewhere].map((p) => p.spec), [], decisions);
    const byIndex = (i: number) => planned[i]!;
    expect(byIndex(0).answerDefaults).toEqual({ topic: 'a', chatId: 'c1', owner: { id: 'o' } });
    expect(byIndex(1).answerDefaults).toEqual({ topic: 'b', owner: { id: 'o' }, chatId: 'c1' });
    expect(byIndex(3)).toMatchObject({ counts: true, pageSize: 1, answerDefaults: { topic: 'd', tenant: 't', legs: [{ from: 'x' }] } });
    expect(byIndex(2)).toMatchObject({ counts: true, pageSize: 1, answerDefaults: { topic: 'c', legs: [{ from: 'x' }], tenant: 't' } });
    expect(byIndex(4).answerDefaults).toEqual({ topic: 'e', other: 1 });
  });
});
