import { describe, expect, it } from 'vitest';
import { PactMatcher, planPact, type HttpInteraction } from '../../src/compile/pact-plan.js';
import { demoDecision, demoSet, MAX } from './fixtures.js';
import { compileSchemas } from '../../src/compile/schemas.js';
import { compileStrict } from '../../src/compile/schema-check.js';
import { schemaConform } from '../../src/compile/example-conform.js';
import { problemOf } from '../../src/reference/schemas.js';

const set = demoSet();
const plan = planPact('demo', set.operations, set.resources, [demoDecision]);
const http = plan.interactions.filter((i): i is HttpInteraction => i.kind === 'http');
const byDescription = (text: string) => http.find((i) => i.description.includes(text))!;

describe('pact plan', () => {
  it('one pact per profile, consumer callconform, provider = profile, current path only', () => {
    expect(plan).toMatchObject({ consumer: 'callconform', provider: 'demo' });
    expect(http.every((i) => i.request.path === '/things/widgets/w-123/tune')).toBe(true);
  });

  it('names the provider state after the resource the path names, with the example id of every path parameter', () => {
    // The path acts on a widget, not a call: the state and the id the handler answers say so.
    expect(http.every((i) => i.request.pathExpression === '/things/widgets/${widgetId}/tune')).toBe(true);
    expect(http.every((i) => JSON.stringify(i.state) === JSON.stringify({ name: 'a widget exists', params: { widgetId: 'w-123' } }))).toBe(true);
  });

  it('success uses the ruled status, the Location regex and the example body by type and enum', () => {
    const ok = byDescription('the documented request example is accepted');
    expect(ok.request.body).toEqual({ note: 'tuned', mode: 'beta' });
    expect(ok.response.status).toBe(201);
    expect(ok.response.statusClass).toBeUndefined();
    const location = ok.response.headers.Location!;
    expect(location.match).toBe('regex');
    expect(new RegExp(location.expression!).test(String(location.value))).toBe(true);
    const body = ok.response.body as Record<string, PactMatcher>;
    expect(Object.keys(body).sort()).toEqual(['@odata.type', 'id', 'note', 'state']);
    expect(body.state!.expression).toBe('^(?:queued|done|unknownFutureValue)$');
    expect(ok.comments.join(' ')).toContain('decision');
  });

  it('negative cases: maxLength+1, undocumented enum value, missing required, missing Authorization', () => {
    const long = byDescription(`note of ${MAX + 1} characters is rejected`);
    expect((long.request.body as Record<string, string>).note).toHaveLength(MAX + 1);
    expect(long.response).toMatchObject({ status: 422, statusClass: 'clientError' });
    expect(byDescription(`note of ${MAX} characters is accepted`).response.status).toBe(201);
    expect(byDescription('mode "notADocumentedValue"').response.statusClass).toBe('clientError');
    expect(http.filter((i) => /mode "(alpha|beta)" is accepted/.test(i.description))).toHaveLength(2);
    expect(http.some((i) => i.description.includes('"unknownFutureValue" is accepted'))).toBe(false);
    expect((byDescription('without mode').request.body as Record<string, unknown>).mode).toBeUndefined();
    const noAuth = byDescription('without Authorization');
    expect(noAuth.request.headers.Authorization).toBeUndefined();
    expect(noAuth.response).toEqual({ status: 401, headers: {} });
    expect(byDescription('example is accepted').request.headers.Authorization).toBeInstanceOf(PactMatcher);
  });

  it('a SHOULD status is any 2xx; an example-only reply is fixed; the notification is a message', () => {
    const p2 = planPact('demo2', set.operations, set.resources, []);
    const ok = p2.interactions.find((i): i is HttpInteraction => i.kind === 'http' && i.description.includes('example 2'))!;
    expect(ok.response).toMatchObject({ status: 200, statusClass: 'success', body: { code: 0 } });
    expect(p2.interactions.some((i) => i.description.includes('operationName "notADocumentedValue" instead of "TagCall"'))).toBe(true);
    const message = p2.interactions.find((i) => i.kind === 'message')!;
    expect(message.kind === 'message' && message.content).toMatchObject({ channel: '/v7/calls', data: { messageType: 'CallChanged', notificationType: 'TagsChanged' } });
    const id = (message as unknown as { content: { data: { call: { id: PactMatcher } } } }).content.data.call.id;
    expect(id).toEqual(new PactMatcher('providerState', 'C-1', '${callId}'));
  });
});

describe('pact plan: examples the contract rejects', () => {
  it('carries a rejected request example made schema-valid, the documented resource answer only for its own request, arrays without nulls', () => {
    const s = demoSet();
    const op = s.operations.find((o) => o.operation === 'tuneWidget')!;
    const body = op.request.body!;
    body.example = { source: body.example!.source, json: { note: 'x'.repeat(MAX + 1), mode: 'beta' } };
    body.moreExamples = [{ source: body.example.source, json: { mode: 'alpha' } }];
    op.response.body!.example!.json = { '@odata.type': '#demo.tuneOperation', id: 'j-456', state: 'Done', note: 'tuned', history: [{ at: null, step: 'one' }] };
    const schemas = compileSchemas(s, [demoDecision]);
    const { validator } = compileStrict(schemas).set!;
    const conformed = schemaConform(schemas, (file, value) => {
      if (!schemas.has(file)) return undefined;
      const v = validator(file);
      return v(value) ? [] : (v.errors ?? []).map(problemOf);
    });
    const interactions = planPact('demo', s.operations, s.resources, [demoDecision], conformed).interactions.filter((i): i is HttpInteraction => i.kind === 'http');
    const first = interactions.find((i) => i.description.includes('documented request example 1'))!;
    expect(first.description).toContain('(made schema-valid)');
    expect(first.request.body).toEqual({ mode: 'beta' });
    const answer = first.response.body as Record<string, PactMatcher>;
    // `state: Done` is not a documented value: the schema-valid answer leaves it out.
    expect(Object.keys(answer).sort()).toEqual(['@odata.type', 'history', 'id', 'note']);
    expect(answer.history).toEqual(new PactMatcher('type', [{ step: 'one' }]));
    const second = interactions.find((i) => i.description.includes('documented request example 2'))!;
    expect(second.request.body).toEqual({ mode: 'alpha' });
    expect(second.response.body).toBeUndefined();
    expect(second.response.status).toBe(first.response.status);
  });
});

describe('pact plan: annotations printed without their @', () => {
  it('expects the example without them (a documentation typo no schema declares)', () => {
    const s = demoSet();
    const op = s.operations.find((o) => o.operation === 'tuneWidget')!;
    op.response.body!.example!.json = { 'odata.context': 'https://h.example/$metadata#widgets', '@odata.type': '#demo.tuneOperation', id: 'j-456', note: 'tuned' };
    const ok = planPact('demo', s.operations, s.resources, [demoDecision]).interactions.find((i): i is HttpInteraction => i.kind === 'http' && i.description.includes('the documented request example is accepted'))!;
    expect(Object.keys(ok.response.body as Record<string, unknown>).sort()).toEqual(['@odata.type', 'id', 'note']);
  });
});
