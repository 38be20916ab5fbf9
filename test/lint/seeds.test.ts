/** Every seed finding the issue names, by rule, file and line; and the cases that must stay quiet. */
import { describe, expect, it } from 'vitest';
import { relative } from 'node:path';
import { sourcePages } from '../../src/extract/index.js';
import { lintPages } from '../../src/lint/index.js';
import { repoRoot } from '../helpers.js';

const sources = relative(process.cwd(), `${repoRoot}/specs/sources`) || 'specs/sources';
const result = lintPages(sourcePages(sources));
const file = (name: string) => `${sources}/${name}`;
const SEED_000 = file('graph-beta/call-updatemetadata.md');
const SEED_001 = file('graph-beta/call-update.md');
const SEED_002 = file('graph-v1.0/call-updaterecordingstatus.md');
const SEED_003 = file('graph-v1.0/call-updaterecordingstatus.txt');
const SEED_004 = file('genesys-v2/updateuserdata.pdf.txt');

const at = (rule: string, f: string) => result.findings.filter((x) => x.rule === rule && x.source.file === f);
const lines = (rule: string, f: string) => at(rule, f).map((x) => x.source.line);

describe('lint over the seeds', () => {
  it('reports the status contradiction of 000 (202 in prose, 200 in the example) as an error', () => {
    expect(at('status-prose-vs-example', SEED_000)).toMatchObject([{ severity: 'error', source: { line: 49 }, id: 'status-prose-vs-example/graph-beta/updateMetadata' }]);
  });

  it('reports example pseudo-values and type placeholders (002, 003, 001)', () => {
    expect(lines('example-pseudo-value', SEED_002)).toEqual([69]);
    expect(lines('example-pseudo-value', SEED_003)).toEqual([54]);
    expect(lines('example-placeholder', SEED_001)).toEqual(expect.arrayContaining([82, 93, 120]));
  });

  it('reports Content-Length 79 for the 93-byte body of 002 and 003, not the CRLF-counted 000 and 001', () => {
    expect(at('content-length-mismatch', SEED_002)).toMatchObject([{ source: { line: 65 }, data: { declared: 79, lf: 93, crlf: 96, column: 17 } }]);
    expect(at('content-length-mismatch', SEED_003)).toMatchObject([{ source: { line: 50 }, data: { declared: 79, lf: 93 } }]);
    expect(at('content-length-mismatch', SEED_000)).toEqual([]);
    expect(at('content-length-mismatch', SEED_001)).toEqual([]);
  });

  it('reports the TODO permission placeholders of 001', () => {
    expect(lines('todo-placeholder', SEED_001)).toEqual([19, 21]);
    expect(at('todo-placeholder', SEED_001)[1]!.message).toContain('TODO: Determine AppOnly scopes');
  });

  it('reports the malformed URL docs\\api of 001, and nothing else as malformed', () => {
    expect(at('malformed-url', SEED_001)).toMatchObject([{ source: { line: 76 }, data: { column: 7, url: 'https://graph.microsoft.com/docs\\api/communications/calls/{callId}' } }]);
    expect(result.findings.filter((f) => f.rule === 'malformed-url')).toHaveLength(1);
  });

  it('reports scopes the permissions reference does not define, with did-you-mean; not Calls.AccessMedia.All', () => {
    const of000 = at('unknown-permission', SEED_000);
    expect(of000.map((f) => [f.source.line, f.data?.scope, f.data?.suggestion])).toEqual([
      [25, 'Calls.JoinGroupCallsasGuest.All', 'Calls.JoinGroupCallasGuest.All'],
      [25, 'Calls.JoinGroupCalls.All', 'Calls.JoinGroupCall.All'],
      [25, 'Calls.InitiateGroupCalls.All', 'Calls.InitiateGroupCall.All'],
    ]);
    expect(of000[0]!.message).toContain('did you mean "Calls.JoinGroupCallasGuest.All"?');
    expect(at('unknown-permission', SEED_002).map((f) => [f.source.line, f.data?.scope])).toEqual([[25, 'Calls.JoinGroupCalls.All']]);
    expect(at('unknown-permission', SEED_003).map((f) => [f.source.line, f.data?.scope])).toEqual([[16, 'Calls.JoinGroupCalls.All']]);
    expect(result.findings.some((f) => f.data?.scope === 'Calls.AccessMedia.All')).toBe(false);
  });

  it('reports the JSON syntax error and the PDF artefacts of 004, with their repairs', () => {
    expect(at('json-syntax', SEED_004)).toMatchObject([{ source: { line: 66 }, action: { kind: 'repaired' } }]);
    expect(lines('pdf-running-header', SEED_004)).toEqual([113]);
    expect(lines('pdf-broken-url', SEED_004)).toEqual([62, 142]);
  });

  it('sorts by file, line and rule, has no duplicates, and gives stable ids', () => {
    const key = (f: (typeof result.findings)[number]) => `${f.source.file}\0${String(f.source.line).padStart(6, '0')}\0${f.rule}`;
    const keys = result.findings.map(key);
    expect([...keys].sort()).toEqual(keys);
    const again = lintPages(sourcePages(sources)).findings;
    expect(again.map((f) => f.id)).toEqual(result.findings.map((f) => f.id));
    const perFile = new Set(result.findings.map((f) => `${f.source.file} ${f.id}`));
    expect(perFile.size).toBe(result.findings.length);
    for (const f of result.findings) expect(f.id).toMatch(new RegExp(`^${f.rule}/[^/]+/[^/]+(/.+)?$`));
    expect(at('unknown-permission', SEED_000)[0]!.id).toBe('unknown-permission/graph-beta/updateMetadata/Calls.JoinGroupCallsasGuest.All');
  });

  it('with no permissions reference, reports no unknown-permission', () => {
    expect(lintPages([SEED_000], { permissions: null }).findings.filter((f) => f.rule === 'unknown-permission')).toEqual([]);
  });
});
