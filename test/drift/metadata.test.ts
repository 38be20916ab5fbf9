/**
 * `drift` with the service metadata (CSDL) as a side: the real Graph v1.0 and beta metadata of
 * ../shared/corpus/graph-metadata compared type by type in-process; a hand-edited copy of the
 * seed subset (specs/sources/graph-v1.0/metadata.xml), the subset against the committed specs,
 * a git ref and a broken file through the spawned CLI (compiled dist/: `npm run build:ts` first).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffSpecs, type Change } from '../../src/drift/diff.js';
import type { DriftReport } from '../../src/drift/format.js';
import { metadataSpecs } from '../../src/drift/metadata-specs.js';
import { readCsdl } from '../../src/metadata/read-csdl.js';
import type { Source, Spec } from '../../src/spec/model.js';
import { repoRoot, tempDir } from '../helpers.js';

const corpus = join(repoRoot, '..', '..', 'shared', 'corpus', 'graph-metadata');
const V1 = join(corpus, 'v1.0.xml');
const BETA = join(corpus, 'beta.xml');
const SEED = 'specs/sources/graph-v1.0/metadata.xml';

/** The text of the cited line, so a citation is checked against the XML it points into. */
const lineAt = (s: Source | null): string => (s ? (readFileSync(s.file.startsWith('/') ? s.file : join(repoRoot, s.file), 'utf8').split('\n')[s.line - 1] ?? '') : '');

function drift(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/callconform.js', 'drift', ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function report(...args: string[]): { code: number | null; changes: Change[] } {
  const r = drift(...args, '--format', 'json');
  expect(r.stderr).toBe('');
  return { code: r.code, changes: (JSON.parse(r.stdout) as DriftReport).changes };
}

const find = (changes: Change[], rule: string, subject: string, fact: string): Change => {
  const c = changes.find((x) => x.rule === rule && x.subject === subject && x.fact === fact);
  expect(c, `${rule} ${subject} ${fact} among ${changes.map((x) => `${x.rule} ${x.subject} ${x.fact}`).join('; ')}`).toBeDefined();
  return c!;
};

describe.skipIf(!existsSync(V1) || !existsSync(BETA))('Graph v1.0 → beta metadata, type by type', () => {
  let changes: Change[];
  let v1: Spec[];
  beforeAll(() => {
    const wanted = new Set(['organization', 'call', 'callAnswer']);
    const of = (file: string): Spec[] => metadataSpecs(readCsdl(file), 'graph').filter((s) => wanted.has(s.kind === 'resource' ? s.resource : s.operation));
    v1 = of(V1);
    changes = diffSpecs(v1, of(BETA));
  });

  it('organization.tenantType, declared in v1.0 and not in beta, is a property removed (breaking for clients), citing v1.0.xml', () => {
    const c = find(changes, 'property-removed', 'organization', 'properties.tenantType');
    expect(c.breaks).toEqual(['clients']);
    expect(c.oldSource?.file).toBe(V1);
    expect(lineAt(c.oldSource)).toContain('<Property Name="tenantType" Type="Edm.String" />');
    expect(c.newSource?.file).toBe(BETA);
  });

  it('beta adds call.ringingTimeoutInSeconds (optional, Edm.Int32 → integer) and the callState member ringing to an evolvable enum: non-breaking', () => {
    const added = find(changes, 'optional-field-added', 'call', 'properties.ringingTimeoutInSeconds');
    expect(added).toMatchObject({ class: 'non-breaking', new: 'ringingTimeoutInSeconds (integer)' });
    expect(lineAt(added.newSource)).toContain('Name="ringingTimeoutInSeconds" Type="Edm.Int32"');
    const ringing = changes.find((c) => c.subject === 'call' && c.fact === 'properties.state.enum' && c.new === 'ringing')!;
    expect(ringing).toMatchObject({ rule: 'evolvable-enum-value-added', class: 'non-breaking' });
    expect(lineAt(ringing.newSource)).toContain('<EnumType Name="callState"');
  });

  it("the answer action's acceptedModalities gains the member unknown: a request enum value added, breaking for implementations", () => {
    const c = changes.find((x) => x.subject === 'callAnswer' && x.fact === 'request.body.acceptedModalities.enum' && x.new === 'unknown')!;
    expect(c).toMatchObject({ rule: 'enum-value-added', breaks: ['implementations'] });
    expect(lineAt(c.newSource)).toContain('<EnumType Name="modality"');
  });

  it('the same types compared with themselves: no changes', () => {
    expect(v1.map((s) => (s.kind === 'resource' ? s.resource : s.operation)).sort()).toEqual(['call', 'callAnswer', 'organization']);
    expect(diffSpecs(v1, v1)).toEqual([]);
  });
});

describe('drift on the seed metadata subset (spawned CLI)', () => {
  const { dir, cleanup } = tempDir();
  const edited = join(dir, 'metadata.xml');
  const broken = join(dir, 'broken.xml');
  const seedText = readFileSync(join(repoRoot, SEED), 'utf8');
  const edit = (text: string, from: string, to: string): string => {
    expect(text).toContain(from);
    return text.replace(from, to);
  };
  beforeAll(() => {
    let text = seedText;
    text = edit(text, '<Member Name="NotStarted" Value="0" />', '<Member Name="notStarted" Value="0" />');
    text = edit(text, '<Parameter Name="status" Type="graph.recordingStatus" Nullable="false" />', '<Parameter Name="status" Type="graph.recordingStatus" />');
    text = edit(text, '<Property Name="code" Type="Edm.Int32" Nullable="false">', '<Property Name="code" Type="Edm.String" Nullable="false">');
    text = edit(text, '        <Member Name="unknownFutureValue" Value="4" />\n', '');
    text = edit(text, '<ReturnType Type="graph.updateRecordingStatusOperation" />', '<ReturnType Type="graph.commsOperation" />');
    writeFileSync(edited, text);
    writeFileSync(broken, seedText.slice(0, seedText.indexOf('</EnumType>') + 5));
  });
  afterAll(cleanup);

  it('a hand-edited copy: each edit is one change, classified by the drift rules, citing both files at the edited element', () => {
    const { code, changes } = report(SEED, edited);
    expect(code).toBe(1);
    const recased = find(changes, 'enum-value-recased', 'updateRecordingStatusOperation', 'properties.status.enum');
    expect(recased).toMatchObject({ old: 'NotStarted', new: 'notStarted', breaks: ['clients', 'implementations'] });
    expect(lineAt(recased.oldSource)).toContain('<EnumType Name="operationStatus">');
    expect(recased.newSource?.file).toBe(edited);
    expect(find(changes, 'made-optional', 'callUpdateRecordingStatus', 'request.body.status.required').breaks).toEqual(['implementations']);
    const code32 = find(changes, 'type-changed', 'resultInfo', 'properties.code.type');
    expect(code32).toMatchObject({ old: 'integer', new: 'string' });
    expect(lineAt(code32.oldSource)).toContain('<Property Name="code" Type="Edm.Int32"');
    expect(lineAt(code32.newSource)).toContain('<Property Name="code" Type="Edm.String"');
    expect(find(changes, 'enum-value-removed', 'callUpdateRecordingStatus', 'request.body.status.enum')).toMatchObject({ old: 'unknownFutureValue', breaks: ['clients'] });
    expect(find(changes, 'response-resource-changed', 'callUpdateRecordingStatus', 'response.body.resource')).toMatchObject({ old: 'updateRecordingStatusOperation', new: 'commsOperation' });
    // commsOperation declares status itself; updateRecordingStatusOperation inherits it: one recasing each, nothing else.
    expect(changes.map((c) => `${c.rule} ${c.subject}`).sort()).toEqual(
      ['enum-value-recased commsOperation', 'enum-value-recased updateRecordingStatusOperation', 'enum-value-removed callUpdateRecordingStatus', 'made-optional callUpdateRecordingStatus', 'response-resource-changed callUpdateRecordingStatus', 'type-changed resultInfo'].sort(),
    );
  });

  it('the subset against the committed specs: only what both state is compared, the operationStatus casing among it, pages of other profiles left out', () => {
    const { code, changes } = report(SEED, 'specs');
    expect(code).toBe(1);
    const c = changes.find((x) => x.subject === 'updateRecordingStatusOperation' && x.fact === 'properties.status.enum' && x.old === 'NotStarted')!;
    expect(c).toMatchObject({ rule: 'enum-value-recased', new: 'notStarted' });
    expect(c.oldSource).toEqual({ file: SEED, line: 7 });
    expect(c.newSource?.file).toBe('specs/sources/graph-v1.0/resources/updaterecordingstatusoperation.md');
    expect(new Set(changes.map((x) => x.profile))).toEqual(new Set(['graph-v1.0']));
    // Headers, titles, examples, statuses: the metadata says nothing about them, so nothing is reported.
    expect(changes.filter((x) => /^(request\.headers|title|summary|response\.status|.*example)/.test(x.fact))).toEqual([]);
  });

  it('a git ref of the committed subset against the working copy: no changes, exit 0', () => {
    const r = drift(`HEAD:${SEED}`, SEED);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('no changes');
  });

  it('a metadata file that is not well-formed XML: exit 2, one line naming file:line', () => {
    const r = drift(SEED, broken);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(new RegExp(`^callconform: ${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: `));
  });
});
