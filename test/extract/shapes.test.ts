/**
 * Every operation shape the Graph docs use, each read from a real page of
 * ../shared/corpus/graph-full (the page as published unless the test says what it changes):
 * plural or missing request heading, collections, query parameters, conditional statuses, OData
 * types, placeholders with alternatives, repeated {id}, header value vs description,
 * Relationship tables, documented errors, multi-path pages, unique operation ids, linked
 * resource and enum pages.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractFiles, extractPage } from '../../src/extract/index.js';
import { compileSchemas } from '../../src/compile/schemas.js';
import { strictSchemaSet } from '../../src/compile/schema-check.js';
import type { OperationSpec, ResourceSpec } from '../../src/spec/model.js';
import { OPERATION_KINDS, STRING_FORMATS } from '../../src/spec/model.js';
import { requiredStatus } from '../../src/spec/decisions.js';
import { checkSpec } from '../../src/spec/validate.js';
import { tempDir } from '../helpers.js';
import { readCsdl } from '../../src/metadata/read-csdl.js';
import { crossSourceSets, declaredNullability } from '../../src/lint/index.js';
import { withDeclaredNullability } from '../../src/extract/other-sources.js';
import type { SpecSet } from '../../src/spec/yaml-io.js';

const v1 = fileURLToPath(new URL('../../../shared/corpus/graph-full/api-reference/v1.0', import.meta.url));
const api = (name: string) => join(v1, 'api', name);
const resources = (name: string) => join(v1, 'resources', name);
const text = (file: string) => readFileSync(file, 'utf8');
const metadataFile = fileURLToPath(new URL('../../../shared/corpus/graph-metadata/v1.0.xml', import.meta.url));

function specSet(specs: Array<OperationSpec | ResourceSpec>): SpecSet {
  return { operations: specs.filter((x): x is OperationSpec => x.kind === 'operation'), resources: specs.filter((x): x is ResourceSpec => x.kind === 'resource') };
}

function op(file: string, body = text(file)): OperationSpec {
  const r = extractPage(file, body, 'graph');
  expect(r.spec?.kind, file).toBe('operation');
  expect(checkSpec(r.spec!)).toBeUndefined();
  return r.spec as OperationSpec;
}
function resource(file: string): ResourceSpec {
  const r = extractPage(file, text(file), 'graph');
  expect(r.spec?.kind, file).toBe('resource');
  expect(checkSpec(r.spec!)).toBeUndefined();
  return r.spec as ResourceSpec;
}

describe.skipIf(!existsSync(v1))('operation shapes of the Graph docs (graph-full pages)', () => {
  it('plural heading: "## HTTP Requests" is the request section (participant-get.md, heading made plural: no corpus page has one)', () => {
    const page = text(api('participant-get.md')).replace(/^## HTTP request$/m, '## HTTP Requests');
    expect(page).toMatch(/^## HTTP Requests$/m);
    expect(op(api('participant-get.md'), page).method.value).toBe('GET');
  });

  it('no request heading: the bare request line before the examples is read (chat-post-members.md)', () => {
    const s = op(api('chat-post-members.md'));
    expect(s.method).toMatchObject({ value: 'POST', source: { line: 28 } });
    expect(s.paths.map((p) => p.template)).toEqual(['/chats/{chat-id}/members']);
    expect(s.shape).toMatchObject({ kind: 'create' });
  });

  it('an operation page without any request line yields a no-request-line finding, not silence', () => {
    const page = text(api('chat-post-members.md')).replace('POST /chats/{chat-id}/members\n', '\n');
    const r = extractPage(api('chat-post-members.md'), page, 'graph');
    expect(r.spec).toBeUndefined();
    expect(r.findings.map((f) => f.rule)).toContain('no-request-line');
  });

  it('collection: "a collection of conversationMember objects" → collection fact and the OData envelope schema that accepts the example (chat-list-members.md)', () => {
    const s = op(api('chat-list-members.md'));
    expect(s.shape).toMatchObject({ kind: 'list', resource: 'conversationMember' });
    expect(s.response.body).toMatchObject({ resource: 'conversationMember', collection: { level: 'MUST' } });
    expect(s.response.body?.collection?.annotations).toContain('@odata.context');
    const schemas = compileSchemas({ operations: [s], resources: [] });
    const file = `schemas/graph/${s.operation}.response.schema.json`;
    expect(schemas.get(file)).toMatchObject({ type: 'object', required: ['value'], properties: { value: { type: 'array' }, '@odata.nextLink': { format: 'uri' } } });
    const validate = strictSchemaSet(schemas).validator(file);
    expect(validate(s.response.body?.example?.json)).toBe(true);
    expect(validate({ id: 'one object, not a collection' })).toBe(false);
  });

  it('query: options the request lines and the "Optional query parameters" section name are facts; only some lines carry them, so optional (alert-list.md)', () => {
    const s = op(api('alert-list.md'));
    expect(s.paths.map((p) => p.template)).toEqual(['/security/alerts']);
    const query = Object.fromEntries((s.request.query ?? []).map((q) => [q.name, q.required]));
    expect(query).toMatchObject({ $top: false, $filter: false, $count: false, $orderby: false, $select: false, $skip: false });
    expect(s.request.query?.find((q) => q.name === '$top')).toMatchObject({ value: '1', source: { line: 32 } });
  });

  it('query: an option every request line carries is required (user-list-manager.md $expand)', () => {
    const s = op(api('user-list-manager.md'));
    const expand = s.request.query?.find((q) => q.name === '$expand');
    expect(expand).toMatchObject({ required: true, value: 'manager' });
  });

  it('conditional statuses: 200 and 202 are both documented with their conditions, no contradiction (user-get.md)', () => {
    const r = extractPage(api('user-get.md'), text(api('user-get.md')), 'graph');
    const s = r.spec as OperationSpec;
    expect(s.response.conditionalStatuses?.map((c) => c.code)).toEqual([200, 202]);
    expect(s.response.conditionalStatuses?.[1]?.condition).toMatch(/requires more time/);
    expect(r.findings.map((f) => f.rule)).not.toContain('status-prose-vs-example');
    // Prose 200 vs an example showing the other conditional status is no dead end either.
    const withExample202 = { ...s, response: { ...s.response, statusFromExample: { code: 202, source: s.response.statusFromProse!.source, level: 'MUST' as const } } };
    expect(requiredStatus(withExample202, [])?.code).toBe(202);
  });

  it('a real prose-vs-example contradiction stays an error finding a decision can cite (message-forward.md: 202 vs 200)', () => {
    const r = extractPage(api('message-forward.md'), text(api('message-forward.md')), 'graph');
    expect(r.findings.find((f) => f.rule === 'status-prose-vs-example')).toMatchObject({ severity: 'error', id: 'status-prose-vs-example/graph/forward' });
  });

  it('OData types: DateTimeOffset → date-time, Boolean, Int32, enum type with its values, resource $ref (call.md, onlinemeeting.md)', () => {
    const meeting = resource(resources('onlinemeeting.md'));
    expect(meeting.properties.find((p) => p.name === 'startDateTime')).toMatchObject({ type: 'string', format: 'date-time', odataType: 'DateTime' });
    const call = resource(resources('call.md'));
    expect(call.properties.find((p) => p.name === 'state')).toMatchObject({ type: 'string', odataType: 'callState', enum: { values: expect.arrayContaining(['incoming', 'terminated']) } });
    expect(call.properties.find((p) => p.name === 'source')).toMatchObject({ type: 'object', resource: 'participantInfo' });
    const schema = compileSchemas({ operations: [], resources: [meeting] }).get('schemas/graph/resources/onlineMeeting.schema.json');
    // Nullable by OData's default: the date-time branch next to null.
    expect(schema?.properties?.startDateTime).toMatchObject({ anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }] });
  });

  it('placeholders with alternatives: {id | userPrincipalName} → {user-id} with the alternatives kept; multi-path page keeps /me (user-get.md)', () => {
    const s = op(api('user-get.md'));
    expect(s.paths.map((p) => p.template)).toEqual(['/users/{user-id}', '/me']);
    expect(s.request.placeholders).toEqual([
      { name: 'user-id', segment: 'users', resource: 'user', documented: '{id | userPrincipalName}', alternatives: ['id', 'userPrincipalName'], source: s.paths[0]!.source },
    ]);
    expect(s.request.pathParameters).toEqual(['user-id']);
  });

  it('repeated {id}: distinct names from the segments, the resource acted on is the last one (participant-get.md)', () => {
    const s = op(api('participant-get.md'));
    expect(s.paths.map((p) => p.template)).toEqual(['/communications/calls/{call-id}/participants/{participant-id}']);
    expect(s.request.placeholders?.map((p) => [p.name, p.resource, p.documented])).toEqual([
      ['call-id', 'call', '{id}'],
      ['participant-id', 'participant', '{id}'],
    ]);
    expect(s.shape).toMatchObject({ kind: 'get', resource: 'participant' });
  });

  it('header value vs description: prose is no value, Content-Length never gets one (user-post-messages.md)', () => {
    const s = op(api('user-post-messages.md'));
    const h = Object.fromEntries(s.request.headers.map((x) => [x.name, x]));
    expect(h.Authorization).toMatchObject({ value: 'Bearer {token}', required: true });
    expect(h['Content-Type']?.value).toBeUndefined();
    expect(h['Content-Type']?.description).toMatch(/^Nature of the data/);
    expect(h['Content-Length']?.value).toBeUndefined();
  });

  it('Relationship tables: presence.md (a Properties table headed Relationship) and call.md (Relationships)', () => {
    const presence = resource(resources('presence.md'));
    expect(presence.properties.map((p) => p.name)).toEqual(expect.arrayContaining(['activity', 'availability']));
    const call = resource(resources('call.md'));
    expect(call.properties.filter((p) => p.relationship).map((p) => p.name)).toEqual(['operations', 'participants']);
  });

  it('documented errors: 400 and 404 from the response prose are MUST facts with their condition (group-post-members.md)', () => {
    const s = op(api('group-post-members.md'));
    const documented = s.errors.filter((e) => e.when === 'documented');
    expect(documented.map((e) => [e.status, e.level])).toEqual([
      [400, 'MUST'],
      [404, 'MUST'],
    ]);
    expect(documented[1]!.condition).toMatch(/doesn't exist/);
  });

  it('operation kinds: get, list, create, update, delete, action', () => {
    const kinds = ['call-get.md', 'chat-list-members.md', 'chat-post-members.md', 'user-update.md', 'call-delete.md', 'call-answer.md'].map((f) => op(api(f)).shape?.kind);
    expect(kinds).toEqual(['get', 'list', 'create', 'update', 'delete', 'action']);
  });

  it('the spec schema lists the same kinds and formats as the model', () => {
    const schema = JSON.parse(readFileSync(fileURLToPath(new URL('../../specs/spec.schema.json', import.meta.url)), 'utf8')) as { $defs: Record<string, { enum?: string[]; properties?: Record<string, { enum?: string[] }> }> };
    expect(schema.$defs.shape?.properties?.kind?.enum).toEqual([...OPERATION_KINDS]);
    expect(schema.$defs.stringFormat?.enum).toEqual([...STRING_FORMATS]);
  });

  it('operation ids: call-mute and participant-mute both stay, qualified by the resource acted on; ids that collide with nothing stay', () => {
    const r = extractFiles([api('call-mute.md'), api('participant-mute.md'), api('call-answer.md')], { profile: 'graph' });
    expect(r.specs.map((s) => (s.kind === 'operation' ? s.operation : '')).sort()).toEqual(['answer', 'callMute', 'participantMute']);
    expect(r.findings.map((f) => f.rule)).not.toContain('duplicate-operation');
  });

  it('linked pages: participant-get.md brings participant, participantInfo, identitySet… from its own links; enum fields get enums.md values', () => {
    const r = extractFiles([api('participant-get.md')], { profile: 'graph', follow: {} });
    const names = r.specs.filter((s) => s.kind === 'resource').map((s) => (s as ResourceSpec).resource);
    expect(names).toEqual(expect.arrayContaining(['participant', 'participantInfo', 'identitySet', 'identity', 'mediaStream']));
    expect(r.findings.filter((f) => f.rule === 'unresolved-type')).toEqual([]);
  });

  it('enum types: a field typed [printQuality](enums.md#…) collection gets the members enums.md lists, citing it (printercapabilities.md)', () => {
    const r = extractFiles([resources('printercapabilities.md')], { profile: 'graph', follow: {} });
    const caps = r.specs.find((s) => s.kind === 'resource' && s.resource === 'printerCapabilities') as ResourceSpec;
    const qualities = caps.properties.find((p) => p.name === 'qualities');
    expect(qualities).toMatchObject({ type: 'array', items: 'string', enum: { level: 'MUST', source: { file: resources('enums.md') } } });
    expect(qualities?.resource).toBeUndefined();
    expect(qualities?.enum?.values).toEqual(expect.arrayContaining(['low', 'medium', 'high']));
  });

  it('nullability: Graph properties may be null unless declared otherwise, so participant-get.md accepts its own example (identity.device: null, label: null)', () => {
    const r = extractFiles([api('participant-get.md')], { profile: 'graph', follow: {} });
    const set = specSet(r.specs);
    const get = set.operations[0]!;
    const file = `schemas/graph/${get.operation}.response.schema.json`;
    const validate = strictSchemaSet(compileSchemas(set)).validator(file);
    const example = get.response.body?.example?.json as { info: { identity: Record<string, unknown> } };
    expect(example.info.identity.device).toBeNull();
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    // The key stays non-null, and null is no wildcard for the rest of the type.
    expect(validate({ ...example, id: null })).toBe(false);
    expect(validate({ ...example, isMuted: 'yes' })).toBe(false);
  });

  it('nullability from the metadata: Nullable="false" (participant.info, participant.isMuted) is not nullable, cited; undeclared ones keep the default', () => {
    const r = extractFiles([api('participant-get.md')], { profile: 'graph', follow: {} });
    const metadata = readCsdl(metadataFile, metadataFile);
    const specs = withDeclaredNullability(r.specs, declaredNullability(crossSourceSets(r.pages, r.specs, () => metadata)));
    const participant = specs.find((x) => x.kind === 'resource' && x.resource === 'participant') as ResourceSpec;
    const info = participant.properties.find((p) => p.name === 'info');
    expect(info).toMatchObject({ nullable: false, nullableSource: { file: metadataFile } });
    const set = specSet(specs as Array<OperationSpec | ResourceSpec>);
    const get = set.operations[0]!;
    const validate = strictSchemaSet(compileSchemas(set)).validator(`schemas/graph/${get.operation}.response.schema.json`);
    const example = get.response.body?.example?.json as Record<string, unknown>;
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...example, info: null })).toBe(false);
    expect(validate({ ...example, isMuted: null })).toBe(false);
  });

  it('an example that spells an enum value in another casing than the page lists is left out with a finding saying so, every example (call-reject.md: None/Busy vs "busy", "none")', () => {
    const r = extractPage(api('call-reject.md'), text(api('call-reject.md')), 'graph');
    const s = r.spec as OperationSpec;
    expect(s.request.body?.parameters.find((p) => p.name === 'reason')?.enum?.values).toEqual(['None', 'Busy', 'Forbidden']);
    expect(s.request.body?.example).toBeUndefined();
    expect(s.request.body?.moreExamples).toBeUndefined();
    const casing = r.findings.filter((f) => f.rule === 'example-enum-value');
    expect(casing.map((f) => f.source.line)).toEqual([69, 169]);
    expect(casing[1]?.message).toMatch(/"reason": "none", which the page spells "None" .*contradicts itself on the casing/);
  });

  it('the content type of the request body comes from the examples that show it, not from another request the page shows (driveitem-preview.md: a form POST to the returned postUrl)', () => {
    const s = op(api('driveitem-preview.md'));
    expect(text(api('driveitem-preview.md'))).toMatch(/^Content-Type: application\/x-www-form-urlencoded$/m);
    expect(s.request.body?.contentType).toBe('application/json');
  });

  it('an overview page (doc_type: conceptualPageType) is no operation although it shows request lines (todo-overview.md)', () => {
    const file = resources('todo-overview.md');
    expect(text(file)).toMatch(/^GET \/me\/todo\/lists$/m);
    const r = extractPage(file, text(file), 'graph');
    expect(r.spec).toBeUndefined();
    // The same lines on a page that does not say it is an overview still make an operation.
    expect(extractPage(file, text(file).replace('doc_type: conceptualPageType', 'doc_type: apiPageType'), 'graph').spec?.kind).toBe('operation');
  });

  it('a referenced type found nowhere is an unresolved-type finding naming the link and line', () => {
    const { dir, cleanup } = tempDir();
    try {
      mkdirSync(join(dir, 'api'));
      const page = join(dir, 'api', 'participant-get.md');
      writeFileSync(page, text(api('participant-get.md')));
      const r = extractFiles([page], { profile: 'graph', follow: {} });
      const f = r.findings.find((x) => x.rule === 'unresolved-type');
      expect(f?.message).toMatch(/type participant has no resource page: its link \.\.\/resources\/participant\.md names no page/);
      expect(f?.source.file).toBe(page);
      expect(f?.source.line).toBeGreaterThan(1);
      // With --resources pointing at the corpus, the same page resolves by name.
      const again = extractFiles([page], { profile: 'graph', follow: { resources: join(v1, 'resources') } });
      expect(again.findings.filter((x) => x.rule === 'unresolved-type')).toEqual([]);
    } finally {
      cleanup();
    }
  });
});
