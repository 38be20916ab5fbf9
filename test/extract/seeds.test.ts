import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { extractFile, extractFiles, sourcePages, withoutSources } from '../../src/extract/index.js';
import type { OperationSpec, ResourceSpec } from '../../src/spec/model.js';
import { checkSpec } from '../../src/spec/validate.js';
import { repoRoot } from '../helpers.js';

const src = (p: string) => join('specs/sources', p);
process.chdir(repoRoot);

function op(file: string): OperationSpec {
  const r = extractFile(src(file));
  expect(r.spec?.kind).toBe('operation');
  return r.spec as OperationSpec;
}
const param = (s: OperationSpec, name: string) => s.request.body?.parameters.find((p) => p.name === name);

describe('seed 000: call updateMetadata (Graph markdown, beta)', () => {
  const s = op('graph-beta/call-updatemetadata.md');
  it('reads method, both paths and marks /app deprecated with the note as source', () => {
    expect(s.operation).toBe('updateMetadata');
    expect(s.method).toMatchObject({ value: 'POST', level: 'MUST', source: { line: 30 } });
    expect(s.paths.map((p) => [p.template, p.deprecated])).toEqual([
      ['/app/calls/{id}/updateMetadata', true],
      ['/communications/calls/{id}/updateMetadata', false],
    ]);
    expect(s.paths[0]!.deprecation?.line).toBe(33);
    expect(s.request.pathParameters).toEqual(['id']);
  });
  it('keeps the prose status and the example status apart', () => {
    expect(s.response.statusFromProse).toMatchObject({ code: 202, reason: 'Accepted', source: { line: 49 } });
    expect(s.response.statusFromExample).toMatchObject({ code: 200, source: { line: 99 } });
  });
  it('reports the 202-vs-200 contradiction as an error finding', () => {
    const f = extractFile(src('graph-beta/call-updatemetadata.md')).findings.find((x) => x.rule === 'status-prose-vs-example');
    expect(f).toMatchObject({ id: 'status-prose-vs-example/graph-beta/updateMetadata', severity: 'error', source: { line: 49 } });
  });
  it('reads the Location header pointing to the commsOperation, and the body type', () => {
    expect(s.response.headers[0]).toMatchObject({ name: 'Location', pointsTo: 'operation', resource: 'commsOperation', level: 'MUST', source: { line: 49 } });
    expect(s.response.headers[0]!.example).toMatch(/\/communications\/calls\/[\w-]+\/operations\/[\w-]+$/);
    expect(s.response.body).toMatchObject({ resource: 'commsOperation', odataType: '#microsoft.graph.commsOperation', truncated: true });
  });
  it('reads Authorization as required (MUST) and a 401 expectation from it', () => {
    expect(s.request.headers).toEqual([expect.objectContaining({ name: 'Authorization', required: true, level: 'MUST', value: 'Bearer {token}' })]);
    expect(s.errors.find((e) => e.when === 'missing-authorization')).toMatchObject({ status: 401, level: 'MUST' });
    expect(s.errors.find((e) => e.when === 'unknown-resource')).toMatchObject({ status: 404, level: 'SHOULD' });
  });
  it('reads both body parameters and the example', () => {
    expect(s.request.body?.parameters.map((p) => [p.name, p.type])).toEqual([
      ['metadata', 'string'],
      ['clientContext', 'string'],
    ]);
    expect(s.request.body?.example?.json).toEqual({ metadata: 'metadata-value', clientContext: 'clientContext-value' });
  });
});

describe('seed 001: Update call (auto-generated stub page)', () => {
  const r = extractFile(src('graph-beta/call-update.md'));
  const s = r.spec as OperationSpec;
  it('reads PATCH on the call, enums from "Possible values are", collections', () => {
    expect(s.operation).toBe('updateCall');
    expect(s.method.value).toBe('PATCH');
    expect(s.paths.map((p) => p.template)).toEqual(['/communications/calls/{callId}']);
    expect(param(s, 'state')?.enum?.values).toContain('transferAccepted');
    expect(param(s, 'state')?.enum?.evolvable).toBe(true);
    expect(param(s, 'direction')?.enum?.values).toEqual(['incoming', 'outgoing']);
    expect(param(s, 'requestedModalities')).toMatchObject({ type: 'array', items: 'string' });
    expect(param(s, 'targets')).toMatchObject({ type: 'array', resource: 'participantInfo' });
    expect(s.response.statusFromProse?.code).toBe(200);
    expect(s.response.body?.resource).toBe('call');
  });
  it('Authorization without "Required" is still required, at SHOULD with the reason', () => {
    expect(s.request.headers[0]).toMatchObject({ name: 'Authorization', required: true, level: 'SHOULD' });
    expect(s.request.headers[0]!.basis).toMatch(/without saying Required/);
  });
  it('drops the examples whose "String" placeholders contradict the declared enums', () => {
    expect(s.request.body?.example).toBeUndefined();
    expect(s.response.body?.example).toBeUndefined();
    const placeholders = r.findings.filter((f) => f.rule === 'example-placeholder');
    expect(placeholders.map((f) => f.source.line)).toEqual(expect.arrayContaining([82, 93]));
    expect(placeholders.every((f) => f.action?.kind === 'dropped')).toBe(true);
  });
});

describe('seed 002/003: updateRecordingStatus in markdown and in plain text', () => {
  const md = op('graph-v1.0/call-updaterecordingstatus.md');
  const txt = op('graph-v1.0/call-updaterecordingstatus.txt');
  it('reads maxLength 256 from "Max limit is 256 chars" and the enum', () => {
    expect(param(md, 'clientContext')?.maxLength).toMatchObject({ value: 256, level: 'MUST', text: 'Max limit is 256 chars.', source: { line: 44 } });
    expect(param(md, 'status')?.enum?.values).toEqual(['notRecording', 'recording', 'failed']);
    expect(md.request.headers.find((h) => h.name === 'Content-type')).toMatchObject({ required: true, value: 'application/json' });
    expect(md.response.statusFromProse?.code).toBe(200);
    expect(md.response.statusFromExample?.code).toBe(200);
    expect(md.response.headers[0]).toMatchObject({ name: 'Location', resource: 'updateRecordingStatusOperation', pointsTo: 'operation' });
  });
  it('yields identical specs apart from source lines', () => {
    expect(withoutSources(txt)).toEqual(withoutSources(md));
    expect(txt.sources[0]).toMatch(/\.txt$/);
    expect(param(txt, 'clientContext')?.maxLength?.source.line).toBe(33);
  });
  it('drops the pseudo-value example and says so', () => {
    const f = extractFile(src('graph-v1.0/call-updaterecordingstatus.md')).findings.find((x) => x.rule === 'example-pseudo-value');
    expect(f).toMatchObject({ source: { line: 69 }, action: { kind: 'dropped' } });
    expect(md.request.body?.example).toBeUndefined();
  });
  it('keeps the usage restriction as untested, with its source', () => {
    expect(md.untested.map((u) => u.text)).toEqual(expect.arrayContaining([expect.stringMatching(/^Additional Restriction: You may NOT use the Media Access API/)]));
    expect(md.untested.find((u) => /Calls\.AccessMedia\.All/.test(u.text))).toBeDefined();
  });
});

describe('seed 004: Genesys UpdateUserData (text of a PDF)', () => {
  const r = extractFile(src('genesys-v2/updateuserdata.pdf.txt'));
  const s = r.spec as OperationSpec;
  it('reads the Request URL / HTTP method table with the HTML remnant removed', () => {
    expect(s.operation).toBe('updateUserData');
    expect(s.method.value).toBe('POST');
    expect(s.paths[0]).toMatchObject({ template: '/api/v2/me/calls/{id}', source: { line: 19 } });
    expect(r.findings.find((f) => f.rule === 'pdf-html-remnant')?.source.line).toBe(19);
  });
  it('reads operationName as a fixed value, userData as an object, and statusCode 0 as the reply', () => {
    expect(param(s, 'operationName')).toMatchObject({ const: 'UpdateUserData', required: true });
    expect(param(s, 'userData')).toMatchObject({ type: 'object' });
    expect(s.response.body?.example?.json).toEqual({ statusCode: 0 });
    expect(s.response.statusByConvention).toMatchObject({ code: 200, level: 'SHOULD' });
  });
  it('joins the request split by a running page header (sample 2) and reports it', () => {
    expect(s.request.body?.moreExamples?.[0]?.json).toEqual({ operationName: 'UpdateUserData', userData: { AccountNumber: '12345678', CustomerSegment: 'Platinum', CustomerName: 'James' } });
    expect(r.findings.find((f) => f.rule === 'pdf-running-header')).toMatchObject({ source: { line: 113 }, action: { kind: 'repaired' } });
  });
  it('reads the CometD notification: channel, types, call id pointer, accumulating userData', () => {
    const n = s.notifications[0]!;
    expect(n).toMatchObject({ transport: 'cometd', channel: '/v2/me/calls', messageType: 'CallStateChangeMessage', notificationType: 'AttachedDataChanged', resourceIdPointer: '/data/call/id' });
    expect(n.accumulates?.[0]).toMatchObject({ parameter: 'userData', pointer: '/data/call/userData', text: 'Adds the provided key/value pairs to the call.', source: { line: 17 } });
  });
  it('repairs the stray quote with certainty and the broken URLs', () => {
    const json = r.findings.find((f) => f.rule === 'json-syntax');
    expect(json).toMatchObject({ severity: 'warning', source: { line: 66 }, action: { kind: 'repaired' } });
    expect(s.notifications[0]!.example?.repairs).toEqual([json!.id]);
    expect(r.findings.filter((f) => f.rule === 'pdf-broken-url').map((f) => f.source.line)).toEqual([62, 142]);
    const call = (s.notifications[0]!.example!.json as { data: { call: { deviceUri: string } } }).data.call;
    expect(call.deviceUri).toBe('http://127.0.0.1:8080/api/v2/devices/631608b3-ceb1-472b-ba05-2ae39555b0d1');
  });
});

describe('resource pages', () => {
  it('reads commsOperation: status enum, clientContext maxLength, read-only', () => {
    const res = extractFile(src('graph-beta/resources/commsoperation.md')).spec as ResourceSpec;
    expect(res).toMatchObject({ kind: 'resource', resource: 'commsOperation', odataType: 'microsoft.graph.commsOperation' });
    const status = res.properties.find((p) => p.name === 'status')!;
    expect(status.enum?.values).toEqual(['notStarted', 'running', 'completed', 'failed']);
    expect(res.properties.find((p) => p.name === 'clientContext')?.maxLength?.value).toBe(256);
    expect(res.properties.find((p) => p.name === 'resultInfo')).toMatchObject({ type: 'object', resource: 'resultInfo', readOnly: true });
  });
});

describe('all sources', () => {
  it('every spec validates against specs/spec.schema.json and 002/003 agree', () => {
    const result = extractFiles(sourcePages('specs/sources'));
    for (const spec of result.specs) expect(checkSpec(spec), `${spec.profile}/${spec.kind}`).toBeUndefined();
    expect(result.findings.filter((f) => f.rule === 'format-disagreement')).toEqual([]);
    expect(result.specs.filter((s) => s.kind === 'operation').map((s) => `${s.profile}/${(s as OperationSpec).operation}`).sort()).toEqual([
      'genesys-v2/updateUserData',
      'graph-beta/updateCall',
      'graph-beta/updateMetadata',
      'graph-v1.0/updateRecordingStatus',
    ]);
  });
});
