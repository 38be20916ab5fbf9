import { describe, expect, it } from 'vitest';
import { PactMatcher, planPact, type HttpInteraction } from '../../src/compile/pact-plan.js';
import { demoDecision, demoSet, MAX } from './fixtures.js';

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
