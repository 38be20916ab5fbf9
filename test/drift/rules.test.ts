import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffSpecs, type Change } from '../../src/drift/diff.js';
import { factsOf } from '../../src/drift/facts.js';
import { classify, rules, type Party, type Rule } from '../../src/drift/rules.js';
import type { OperationSpec, ResourceSpec, Spec } from '../../src/spec/model.js';
import { baseOperation, baseResource, edited } from './fixtures.js';

type Case = {
  rule: string;
  breaks: Party[];
  /** Old and new spec sets. */
  specs: () => [Spec[], Spec[]];
  /** The readable fact path the change must name. */
  fact?: string;
};

const op = (edit: (s: OperationSpec) => void): (() => [Spec[], Spec[]]) => () => [[baseOperation()], [edited(baseOperation(), edit)]];
const opBack = (edit: (s: OperationSpec) => void): (() => [Spec[], Spec[]]) => () => [[edited(baseOperation(), edit)], [baseOperation()]];
const res = (edit: (s: ResourceSpec) => void): (() => [Spec[], Spec[]]) => () => [[baseResource()], [edited(baseResource(), edit)]];
const resBack = (edit: (s: ResourceSpec) => void): (() => [Spec[], Spec[]]) => () => [[edited(baseResource(), edit)], [baseResource()]];
const param = (s: OperationSpec, name: string) => s.request.body!.parameters.find((p) => p.name === name)!;
const prop = (s: ResourceSpec, name: string) => s.properties.find((p) => p.name === name)!;
const C: Party[] = ['clients'];
const I: Party[] = ['implementations'];
const CI: Party[] = ['clients', 'implementations'];
const none: Party[] = [];

const cases: Case[] = [
  { rule: 'operation-removed', breaks: C, specs: () => [[baseOperation()], []], fact: 'operation' },
  { rule: 'operation-added', breaks: none, specs: () => [[], [baseOperation()]], fact: 'operation' },
  { rule: 'operation-renamed', breaks: none, specs: op((s) => (s.operation = 'frobTheWidget')), fact: 'operation' },
  { rule: 'resource-removed', breaks: C, specs: () => [[baseResource()], []], fact: 'resource' },
  { rule: 'resource-added', breaks: none, specs: () => [[], [baseResource()]], fact: 'resource' },
  { rule: 'title-changed', breaks: none, specs: op((s) => (s.title = 'widget: frob')), fact: 'title' },
  { rule: 'description-changed', breaks: none, specs: op((s) => (s.summary = 'Frobs the widget, gently.')), fact: 'summary' },
  { rule: 'method-changed', breaks: CI, specs: op((s) => (s.method.value = 'PATCH')), fact: 'method' },
  { rule: 'deprecated-path-removed', breaks: C, specs: op((s) => s.paths.pop()), fact: 'paths' },
  { rule: 'path-removed', breaks: C, specs: op((s) => s.paths.shift()), fact: 'paths' },
  { rule: 'path-added', breaks: none, specs: op((s) => s.paths.push({ template: '/v2/widgets/{id}/frob', deprecated: false, source: { file: 'x', line: 1 }, level: 'MUST' })), fact: 'paths' },
  { rule: 'path-parameter-renamed', breaks: none, specs: op((s) => (s.paths[0]!.template = '/widgets/{widgetId}/frob')), fact: 'paths' },
  { rule: 'path-deprecation-changed', breaks: none, specs: op((s) => (s.paths[0]!.deprecated = true)), fact: 'paths[/widgets/{id}/frob].deprecated' },
  {
    rule: 'required-header-added',
    breaks: C,
    specs: op((s) => s.request.headers.push({ name: 'X-Tenant', required: true, source: { file: 'x', line: 39 }, level: 'MUST' })),
    fact: 'request.headers.X-Tenant',
  },
  {
    rule: 'optional-header-added',
    breaks: none,
    specs: op((s) => s.request.headers.push({ name: 'X-Hint', required: false, source: { file: 'x', line: 39 }, level: 'SHOULD' })),
    fact: 'request.headers.X-Hint',
  },
  { rule: 'required-header-removed', breaks: I, specs: op((s) => s.request.headers.splice(1, 1)), fact: 'request.headers.Content-Type' },
  { rule: 'optional-header-removed', breaks: none, specs: op((s) => s.request.headers.splice(2, 1)), fact: 'request.headers.X-Trace' },
  { rule: 'made-required', breaks: C, specs: op((s) => (param(s, 'clientContext').required = true)), fact: 'request.body.clientContext.required' },
  { rule: 'made-optional', breaks: I, specs: op((s) => (param(s, 'mode').required = false)), fact: 'request.body.mode.required' },
  { rule: 'header-value-changed', breaks: CI, specs: op((s) => (s.request.headers[1]!.value = 'application/merge-patch+json')), fact: 'request.headers.Content-Type.value' },
  { rule: 'content-type-changed', breaks: CI, specs: op((s) => (s.request.body!.contentType = 'text/plain')), fact: 'request.body.contentType' },
  {
    rule: 'required-field-added',
    breaks: C,
    specs: op((s) => s.request.body!.parameters.push({ name: 'reason', type: 'string', required: true, source: { file: 'x', line: 48 }, level: 'MUST' })),
    fact: 'request.body.reason',
  },
  {
    rule: 'optional-field-added',
    breaks: none,
    specs: op((s) => s.request.body!.parameters.push({ name: 'reason', type: 'string', required: false, source: { file: 'x', line: 48 }, level: 'MUST' })),
    fact: 'request.body.reason',
  },
  { rule: 'parameter-removed', breaks: C, specs: op((s) => s.request.body!.parameters.splice(2, 1)), fact: 'request.body.owner' },
  { rule: 'property-removed', breaks: C, specs: res((s) => s.properties.pop()), fact: 'properties.note' },
  { rule: 'type-changed', breaks: CI, specs: op((s) => (param(s, 'clientContext').type = 'integer')), fact: 'request.body.clientContext.type' },
  { rule: 'type-resource-changed', breaks: CI, specs: op((s) => (param(s, 'owner').resource = 'participantInfo')), fact: 'request.body.owner.resource' },
  { rule: 'type-resource-link-changed', breaks: none, specs: op((s) => delete param(s, 'owner').resource), fact: 'request.body.owner.resource' },
  { rule: 'const-changed', breaks: CI, specs: op((s) => (param(s, 'operationName').const = 'FrobWidgetV2')), fact: 'request.body.operationName.const' },
  {
    rule: 'enum-constraint-added',
    breaks: C,
    specs: op((s) => (param(s, 'clientContext').enum = { values: ['x', 'y'], source: { file: 'x', line: 44 }, level: 'MUST' })),
    fact: 'request.body.clientContext.enum',
  },
  { rule: 'enum-constraint-removed', breaks: I, specs: op((s) => delete param(s, 'mode').enum), fact: 'request.body.mode.enum' },
  { rule: 'enum-value-removed', breaks: C, specs: op((s) => param(s, 'mode').enum!.values.pop()), fact: 'request.body.mode.enum' },
  { rule: 'enum-value-recased', breaks: CI, specs: op((s) => (param(s, 'mode').enum!.values[0] = 'Fast')), fact: 'request.body.mode.enum' },
  { rule: 'enum-value-added', breaks: I, specs: op((s) => param(s, 'mode').enum!.values.push('medium')), fact: 'request.body.mode.enum' },
  { rule: 'evolvable-enum-value-added', breaks: none, specs: res((s) => prop(s, 'status').enum!.values.push('paused')), fact: 'properties.status.enum' },
  { rule: 'max-length-lowered', breaks: C, specs: op((s) => (param(s, 'clientContext').maxLength!.value = 128)), fact: 'request.body.clientContext.maxLength' },
  { rule: 'max-length-raised', breaks: I, specs: op((s) => (param(s, 'clientContext').maxLength!.value = 512)), fact: 'request.body.clientContext.maxLength' },
  { rule: 'made-read-only', breaks: C, specs: res((s) => (prop(s, 'note').readOnly = true)), fact: 'properties.note.readOnly' },
  { rule: 'made-writable', breaks: none, specs: res((s) => (prop(s, 'id').readOnly = false)), fact: 'properties.id.readOnly' },
  { rule: 'made-nullable', breaks: C, specs: res((s) => (prop(s, 'clientContext').nullable = true)), fact: 'properties.clientContext.nullable' },
  { rule: 'made-non-nullable', breaks: I, specs: resBack((s) => (prop(s, 'clientContext').nullable = true)), fact: 'properties.clientContext.nullable' },
  { rule: 'nullable-unchanged', breaks: none, specs: res((s) => delete prop(s, 'clientContext').nullable), fact: 'properties.clientContext.nullable' },
  { rule: 'example-changed', breaks: none, specs: op((s) => (s.request.body!.example!.json = { clientContext: 'other', mode: 'slow' })), fact: 'request.body.example' },
  {
    rule: 'success-status-changed',
    breaks: CI,
    specs: op((s) => {
      s.response.statusFromProse = { code: 200, reason: 'OK', source: { file: 'x', line: 50 }, level: 'MUST' };
      s.response.statusFromExample = { code: 200, reason: 'OK', source: { file: 'x', line: 80 }, level: 'MUST' };
    }),
    fact: 'response.status',
  },
  {
    rule: 'success-status-narrowed',
    breaks: I,
    specs: opBack((s) => (s.response.statusFromExample = { code: 200, reason: 'OK', source: { file: 'x', line: 80 }, level: 'MUST' })),
    fact: 'response.status',
  },
  {
    rule: 'success-status-stated',
    breaks: I,
    specs: opBack((s) => {
      delete s.response.statusFromProse;
      delete s.response.statusFromExample;
    }),
    fact: 'response.status',
  },
  {
    rule: 'success-status-dropped',
    breaks: C,
    specs: op((s) => {
      delete s.response.statusFromProse;
      delete s.response.statusFromExample;
    }),
    fact: 'response.status',
  },
  { rule: 'response-header-dropped', breaks: C, specs: op((s) => (s.response.headers = [])), fact: 'response.headers.Location' },
  { rule: 'response-header-added', breaks: I, specs: opBack((s) => (s.response.headers = [])), fact: 'response.headers.Location' },
  { rule: 'response-header-target-changed', breaks: CI, specs: op((s) => (s.response.headers[0]!.pointsTo = 'resource')), fact: 'response.headers.Location.target' },
  { rule: 'response-resource-changed', breaks: CI, specs: op((s) => (s.response.body!.resource = 'widget')), fact: 'response.body.resource' },
  { rule: 'error-status-changed', breaks: CI, specs: op((s) => (s.errors[0]!.status = 403)), fact: 'errors[missing-authorization]' },
  { rule: 'error-response-added', breaks: I, specs: opBack((s) => s.errors.pop()), fact: 'errors[unknown-resource]' },
  { rule: 'error-response-removed', breaks: none, specs: op((s) => s.errors.pop()), fact: 'errors[unknown-resource]' },
  { rule: 'notification-removed', breaks: C, specs: op((s) => (s.notifications = [])), fact: 'notifications[/v2/me/widgets]' },
  { rule: 'notification-added', breaks: I, specs: opBack((s) => (s.notifications = [])), fact: 'notifications[/v2/me/widgets]' },
  {
    rule: 'notification-transport-changed',
    breaks: CI,
    specs: op((s) => ((s.notifications[0] as { transport: string }).transport = 'webhook')),
    fact: 'notifications[/v2/me/widgets]',
  },
  { rule: 'notification-field-removed', breaks: C, specs: op((s) => delete s.notifications[0]!.notificationType), fact: 'notifications[/v2/me/widgets].notificationType' },
  { rule: 'notification-field-changed', breaks: CI, specs: op((s) => (s.notifications[0]!.notificationType = 'Frobnicated')), fact: 'notifications[/v2/me/widgets].notificationType' },
  { rule: 'notification-field-added', breaks: I, specs: opBack((s) => delete s.notifications[0]!.messageType), fact: 'notifications[/v2/me/widgets].messageType' },
  { rule: 'accumulation-changed', breaks: C, specs: op((s) => (s.notifications[0]!.accumulates = [])), fact: 'notifications[/v2/me/widgets].accumulates' },
  { rule: 'permission-scope-removed', breaks: C, specs: op((s) => s.permissions[0]!.scopes.shift()), fact: 'permissions.Application' },
  { rule: 'permission-scope-added', breaks: none, specs: op((s) => s.permissions[0]!.scopes.push('Widgets.All')), fact: 'permissions.Application' },
  {
    rule: 'untested-statement-changed',
    breaks: none,
    specs: op((s) => s.untested.push({ text: 'Do not frob on Sundays.', source: { file: 'x', line: 17 }, reason: 'a usage rule' })),
    fact: 'untested',
  },
];

function only(changes: Change[]): Change {
  expect(changes.map((c) => `${c.rule} ${c.fact}`)).toHaveLength(1);
  return changes[0]!;
}

describe('drift rules', () => {
  it.each(cases)('$rule', ({ rule, breaks, specs, fact }) => {
    const [oldSpecs, newSpecs] = specs();
    const change = only(diffSpecs(oldSpecs, newSpecs));
    expect(change.rule).toBe(rule);
    expect(change.breaks).toEqual(breaks);
    expect(change.class).toBe(breaks.length > 0 ? 'breaking' : 'non-breaking');
    if (fact) expect(change.fact).toBe(fact);
    expect(change.explanation.length).toBeGreaterThan(10);
  });

  it('the catch-all calls an unforeseen change breaking for both sides', () => {
    const method = factsOf(baseOperation()).find((f) => f.kind === 'method')!;
    const { rule, verdict } = classify({ change: 'added', kind: 'method', side: 'request', new: method });
    expect(rule.id).toBe('unclassified-change');
    expect(verdict.breaks).toEqual(['clients', 'implementations']);
  });

  it('order does not matter: the table shuffled classifies every case the same, and no two rules apply to one change', () => {
    const specs = cases.map((c) => c.specs());
    const classified = (table: readonly Rule[]): string[] => specs.flatMap(([o, n]) => diffSpecs(o, n, table).map((c) => `${c.fact} ${c.rule} ${c.breaks.join('+')}`));
    const expected = classified(rules);
    expect(expected.length).toBeGreaterThanOrEqual(cases.length);
    fc.assert(
      fc.property(fc.shuffledSubarray([...rules], { minLength: rules.length, maxLength: rules.length }), (shuffled) => {
        expect(classified(shuffled)).toEqual(expected);
      }),
      { numRuns: 50 },
    );
  });

  it('two rules that apply to the same change are reported as a defect of the table', () => {
    const twice = [...rules, { ...rules.find((r) => r.id === 'path-removed')!, id: 'path-removed-again' }];
    const [oldSpecs, newSpecs] = cases.find((c) => c.rule === 'path-removed')!.specs();
    expect(() => diffSpecs(oldSpecs, newSpecs, twice)).toThrow(/path-removed and path-removed-again both apply/);
  });

  it('every rule of the table has a test case, and ids are unique', () => {
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const tested = new Set([...cases.map((c) => c.rule), 'unclassified-change']);
    expect(ids.filter((id) => !tested.has(id))).toEqual([]);
  });

  it('evolvable enum values added to a request still break implementations', () => {
    const old = baseOperation();
    param(old, 'mode').enum!.evolvable = true;
    const change = only(diffSpecs([old], [edited(old, (s) => param(s, 'mode').enum!.values.push('medium'))]));
    expect(change.rule).toBe('enum-value-added');
    expect(change.breaks).toEqual(['implementations']);
  });

  it('a response enum gaining a value breaks clients unless it is evolvable', () => {
    const change = only(diffSpecs([baseResource()], [edited(baseResource(), (s) => prop(s, 'kind').enum!.values.push('c'))]));
    expect(change.rule).toBe('enum-value-added');
    expect(change.breaks).toEqual(['clients']);
    expect(change.explanation).toMatch(/Clients may receive/);
  });

  it('a response maxLength lowered breaks implementations, raised breaks clients', () => {
    const lowered = only(diffSpecs([baseResource()], [edited(baseResource(), (s) => (prop(s, 'clientContext').maxLength!.value = 100))]));
    expect([lowered.rule, lowered.breaks]).toEqual(['max-length-lowered', ['implementations']]);
    const raised = only(diffSpecs([baseResource()], [edited(baseResource(), (s) => (prop(s, 'clientContext').maxLength!.value = 1000))]));
    expect([raised.rule, raised.breaks]).toEqual(['max-length-raised', ['clients']]);
  });

  it('a maxLength introduced is a lowering, one dropped is a raising', () => {
    const introduced = only(diffSpecs([baseOperation()], [edited(baseOperation(), (s) => (param(s, 'owner').maxLength = { value: 10, source: { file: 'x', line: 46 }, level: 'MUST', text: 'Max 10.' }))]));
    expect([introduced.rule, introduced.old, introduced.new]).toEqual(['max-length-lowered', null, '10']);
    const dropped = only(diffSpecs([baseOperation()], [edited(baseOperation(), (s) => delete param(s, 'clientContext').maxLength)]));
    expect([dropped.rule, dropped.breaks]).toEqual(['max-length-raised', ['implementations']]);
  });

  it('an optional request header that becomes required breaks clients', () => {
    const change = only(diffSpecs([baseOperation()], [edited(baseOperation(), (s) => (s.request.headers[2]!.required = true))]));
    expect([change.rule, change.fact, change.breaks]).toEqual(['made-required', 'request.headers.X-Trace.required', ['clients']]);
  });
});
