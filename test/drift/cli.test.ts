/**
 * End to end: realistic older and newer versions of the seed pages, compared by the spawned
 * CLI (compiled dist/: run `npx tsc -p tsconfig.build.json` first; `npm test` does).
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../src/drift/diff.js';
import type { DriftReport } from '../../src/drift/format.js';

const repo = join(import.meta.dirname, '..', '..');
const seed = 'specs/sources/graph-v1.0/call-updaterecordingstatus.md';
const genesys = 'specs/sources/genesys-v2/updateuserdata.pdf.txt';
let tmp: string;

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/callconform.js', 'drift', ...args], { cwd: repo, encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function runAsync(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/callconform.js', 'drift', ...args], { cwd: repo, timeout: 20_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function json(...args: string[]): { code: number | null; report: DriftReport } {
  const r = run(...args, '--format', 'json');
  expect(r.stderr).toBe('');
  return { code: r.code, report: JSON.parse(r.stdout) as DriftReport };
}

/** Replace `from` by `to` in `text`, failing loudly when the seed no longer contains it. */
function replace(text: string, from: string, to: string): string {
  expect(text, `seed page contains ${JSON.stringify(from)}`).toContain(from);
  return text.split(from).join(to);
}

/** 1-based line of the first line containing `needle`. */
function lineOf(file: string, needle: string): number {
  return readFileSync(join(repo, file), 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;
}

const brief = (changes: Change[]) => changes.map((c) => ({ rule: c.rule, fact: c.fact, old: c.old, new: c.new, breaks: c.breaks }));

/** The newer page: 202 Accepted in prose and example, a new enum value, the limit lowered to 128, no Location. */
function newerPage(): string {
  let text = readFileSync(join(repo, seed), 'utf8');
  text = replace(text, 'returns a `200 OK` response code and a Location header with a URI to the [updateRecordingStatusOperation](../resources/updaterecordingstatusoperation.md) object created for this request.', 'returns a `202 Accepted` response code.');
  text = replace(text, 'HTTP/1.1 200 OK\nLocation: https://graph.microsoft.com/v1.0/communications/calls/57dab8b1-894c-409a-b240-bd8beae78896/operations/0fe0623f-d628-42ed-b4bd-8ac290072cc5\n', 'HTTP/1.1 202 Accepted\n');
  text = replace(text, '`recording`, or `failed`.', '`recording`, `paused`, or `failed`.');
  text = replace(text, 'Max limit is 256 chars.', 'Max limit is 128 chars.');
  return text;
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'callconform-drift-test-'));
  writeFileSync(join(tmp, 'newer.md'), newerPage());
  const original = readFileSync(join(repo, seed), 'utf8');
  // Line moves only: blank lines added above the parameter table and the response section.
  writeFileSync(join(tmp, 'moved.md'), replace(replace(original, '## Request body', '\n\n## Request body'), '## Response\n', '\n\n\n## Response\n'));
  writeFileSync(join(tmp, 'reworded.md'), replace(original, 'Update the application\'s recording status associated with a call.', 'Updates the recording status of the application in a call.'));
  const pdf = readFileSync(join(repo, genesys), 'utf8');
  writeFileSync(join(tmp, 'updateuserdata.pdf.txt'), replace(pdf, '"notificationType":"AttachedDataChanged"', '"notificationType":"UserDataChanged"'));
  // A whole sources folder where only the markdown page of graph-v1.0 changed.
  cpSync(join(repo, 'specs/sources'), join(tmp, 'specs/sources'), { recursive: true });
  writeFileSync(join(tmp, 'specs/sources/graph-v1.0/call-updaterecordingstatus.md'), newerPage());
  mkdirSync(join(tmp, 'empty'));
  writeFileSync(join(tmp, 'binary.md'), Buffer.from([0x23, 0x20, 0x00, 0x0a]));
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('callconform drift (spawned CLI)', () => {
  it('classifies the newer updateRecordingStatus page and exits 1 on breaking changes', () => {
    const { code, report } = json(seed, join(tmp, 'newer.md'));
    expect(code).toBe(1);
    expect(brief(report.changes)).toEqual([
      { rule: 'max-length-lowered', fact: 'request.body.clientContext.maxLength', old: '256', new: '128', breaks: ['clients'] },
      { rule: 'enum-value-added', fact: 'request.body.status.enum', old: null, new: 'paused', breaks: ['implementations'] },
      { rule: 'success-status-changed', fact: 'response.status', old: '200 OK', new: '202 Accepted', breaks: ['clients', 'implementations'] },
      { rule: 'response-header-dropped', fact: 'response.headers.Location', old: 'Location (points to operation updateRecordingStatusOperation)', new: null, breaks: ['clients'] },
    ]);
    const [maxLength, , status] = report.changes;
    expect(maxLength?.oldSource).toEqual({ file: seed, line: lineOf(seed, 'Max limit is 256') });
    expect(maxLength?.newSource).toEqual({ file: join(tmp, 'newer.md'), line: lineOf(seed, 'Max limit is 256') });
    // A dropped header points at the response sentence of the newer page, where it used to be stated.
    expect(report.changes[3]?.newSource).toEqual({ file: join(tmp, 'newer.md'), line: lineOf(seed, 'This method returns') });
    expect(status?.profile).toBe('graph-v1.0');
    expect(status?.subject).toBe('updateRecordingStatus');
    expect(report.summary).toEqual({ changes: 4, breaking: 4, nonBreaking: 0, breaksClients: 3, breaksImplementations: 2 });
  });

  it('reads the other way round as the opposite changes (an older page answering 202)', () => {
    const { code, report } = json(join(tmp, 'newer.md'), seed);
    expect(code).toBe(1);
    expect(report.changes.map((c) => [c.rule, c.breaks])).toEqual([
      ['max-length-raised', ['implementations']],
      ['enum-value-removed', ['clients']],
      ['success-status-changed', ['clients', 'implementations']],
      ['response-header-added', ['implementations']],
    ]);
  });

  it('ignores line moves: no changes, exit 0', () => {
    const r = run(seed, join(tmp, 'moved.md'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('no changes');
  });

  it('reports a reworded description as non-breaking: exit 0, exit 1 with --fail-on any', () => {
    const { code, report } = json(seed, join(tmp, 'reworded.md'));
    expect(code).toBe(0);
    expect(brief(report.changes)).toEqual([
      { rule: 'description-changed', fact: 'summary', old: "Update the application's recording status associated with a call.", new: 'Updates the recording status of the application in a call.', breaks: [] },
    ]);
    expect(run(seed, join(tmp, 'reworded.md'), '--fail-on', 'any').code).toBe(1);
    expect(run(seed, join(tmp, 'newer.md'), '--fail-on', 'none').code).toBe(0);
  });

  it('reports the deprecated /app path of updateMetadata removed as breaking for clients still on it', () => {
    const metadata = 'specs/sources/graph-beta/call-updatemetadata.md';
    let text = readFileSync(join(repo, metadata), 'utf8');
    text = replace(text, 'POST /app/calls/{id}/updateMetadata\n', '');
    text = replace(text, '> **Note:** The `/app` path is deprecated. Going forward, use the `/communications` path.\n', '');
    writeFileSync(join(tmp, 'call-updatemetadata.md'), text);
    const { code, report } = json(metadata, join(tmp, 'call-updatemetadata.md'));
    expect(code).toBe(1);
    expect(brief(report.changes)).toEqual([
      { rule: 'deprecated-path-removed', fact: 'paths', old: '/app/calls/{id}/updateMetadata (deprecated)', new: null, breaks: ['clients'] },
    ]);
    expect(report.changes[0]?.oldSource).toEqual({ file: metadata, line: lineOf(metadata, 'POST /app/calls/') });
  });

  it('reports a changed notification field of the Genesys page', () => {
    const { code, report } = json(genesys, join(tmp, 'updateuserdata.pdf.txt'));
    expect(code).toBe(1);
    const field = report.changes.find((c) => c.rule === 'notification-field-changed');
    expect(field).toMatchObject({ profile: 'genesys-v2', fact: 'notifications[/v2/me/calls].notificationType', old: 'AttachedDataChanged', new: 'UserDataChanged', breaks: ['clients', 'implementations'] });
    expect(report.changes.filter((c) => c.class === 'breaking').map((c) => c.rule)).toEqual(['notification-field-changed']);
  });

  it('reads git refs with git show, citing REV:path', () => {
    const { code, report } = json(`HEAD:${seed}`, join(tmp, 'newer.md'));
    expect(code).toBe(1);
    expect(report.changes.map((c) => c.rule)).toEqual(['max-length-lowered', 'enum-value-added', 'success-status-changed', 'response-header-dropped']);
    expect(report.changes[0]?.oldSource?.file).toBe(`HEAD:${seed}`);
    const tree = json('HEAD:specs/sources', join(tmp, 'specs/sources'));
    expect(tree.report.changes.map((c) => `${c.profile}/${c.subject} ${c.rule}`)).toEqual([
      'graph-v1.0/updateRecordingStatus max-length-lowered',
      'graph-v1.0/updateRecordingStatus enum-value-added',
      'graph-v1.0/updateRecordingStatus success-status-changed',
      'graph-v1.0/updateRecordingStatus response-header-dropped',
    ]);
    expect(tree.report.changes[2]?.oldSource?.file).toBe(`HEAD:${seed}`);
  });

  it('writes a Markdown table for a CI job summary', () => {
    const r = run(seed, join(tmp, 'newer.md'), '--format', 'markdown');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^### callconform drift: 4 changes: 4 breaking/);
    expect(r.stdout).toContain('| **breaking** for clients and implementations | graph-v1.0/updateRecordingStatus | `response.status` | `200 OK` | `202 Accepted` |');
  });

  it('exits 2 with one line naming the file:line or the argument on bad input', async () => {
    const cases: [string[], RegExp][] = [
      [[seed, 'no/such/page.md'], /^callconform: no\/such\/page\.md: not a file/],
      [['NOPE~1:specs', seed], /^callconform: NOPE~1:specs: not a file or folder, and "NOPE~1" is not a commit/],
      [['HEAD:specs/nothing-here', seed], /^callconform: HEAD:specs\/nothing-here: "specs\/nothing-here" does not exist at HEAD/],
      [[join(tmp, 'empty'), seed], /no spec YAML and no doc pages/],
      [[seed, join(tmp, 'binary.md')], /binary\.md:1: binary content/],
      [[seed, seed, '--format', 'xml'], /^callconform: --format: "xml" is not one of text, json, markdown/],
      [[seed, seed, '--fail-on', 'sometimes'], /^callconform: --fail-on: "sometimes" is not one of breaking, any, none/],
    ];
    // Spawned side by side: each is a separate process, as a user would run it.
    const results = await Promise.all(cases.map(([args]) => runAsync(...args)));
    results.forEach((r, i) => {
      expect(r.code, cases[i]![1].source).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(cases[i]![1]);
    });
  });
});
