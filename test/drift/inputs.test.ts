import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffSpecs } from '../../src/drift/diff.js';
import { disposeInput, knownProfiles, loadInput, resolveInput } from '../../src/drift/inputs.js';
import { writeFileAtomic } from '../../src/spec/atomic-write.js';
import { InputError } from '../../src/spec/errors.js';
import { stringifySpec } from '../../src/spec/yaml-io.js';
import { baseOperation, baseResource, edited } from './fixtures.js';

const repo = join(import.meta.dirname, '..', '..');
let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'callconform-drift-inputs-'));
  for (const [dir, op] of [
    ['old', baseOperation()],
    ['new', edited(baseOperation(), (s) => s.request.body!.parameters[1]!.enum!.values.pop())],
  ] as const) {
    writeFileAtomic(join(tmp, dir, 'specs', 'demo', 'frobWidget.yaml'), stringifySpec(op));
    writeFileAtomic(join(tmp, dir, 'specs', 'demo', 'resources', 'frobOperation.yaml'), stringifySpec(baseResource()));
    // Pages under sources/ are not read when the folder holds specs.
    writeFileAtomic(join(tmp, dir, 'specs', 'sources', 'demo', 'page.md'), '# not read\n');
  }
  writeFileAtomic(join(tmp, 'bad', 'specs', 'demo', 'x.yaml'), 'kind: operation\nprofile: demo\n');
  mkdirSync(join(tmp, 'nothing'));
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('drift inputs', () => {
  it('reads a spec folder as its YAML specs, not its pages', () => {
    const oldInput = resolveInput(join(tmp, 'old', 'specs'));
    const newInput = resolveInput(join(tmp, 'new', 'specs'));
    expect(oldInput.specFiles).toHaveLength(2);
    expect(oldInput.pageFiles).toEqual([]);
    expect([...knownProfiles(oldInput)]).toEqual(['demo']);
    const changes = diffSpecs(loadInput(oldInput), loadInput(newInput));
    expect(changes.map((c) => [c.rule, c.fact, c.old])).toEqual([['enum-value-removed', 'request.body.mode.enum', 'slow']]);
  });

  it('names the file and line of an invalid spec', () => {
    const input = resolveInput(join(tmp, 'bad', 'specs'));
    expect(() => loadInput(input)).toThrow(InputError);
    try {
      loadInput(input);
    } catch (err) {
      expect((err as InputError).line).toMatch(/bad\/specs\/demo\/x\.yaml:1: invalid spec/);
    }
  });

  it('reads a git tree of pages at a revision and renames every source to REV:path', () => {
    const input = resolveInput('HEAD:specs/sources/graph-v1.0', repo);
    try {
      expect([...input.shownAs.values()].sort()).toEqual([
        'HEAD:specs/sources/graph-v1.0/call-updaterecordingstatus.md',
        'HEAD:specs/sources/graph-v1.0/call-updaterecordingstatus.txt',
        'HEAD:specs/sources/graph-v1.0/resources/enums.md',
        'HEAD:specs/sources/graph-v1.0/resources/updaterecordingstatusoperation.md',
      ]);
      const specs = loadInput(input);
      expect(specs.map((s) => `${s.profile}/${s.kind}`).sort()).toEqual(['graph-v1.0/operation', 'graph-v1.0/resource']);
      const files = JSON.stringify(specs).match(/"file":"[^"]*"/g) ?? [];
      expect(files.length).toBeGreaterThan(5);
      for (const f of files) expect(f).toMatch(/"file":"HEAD:specs\/sources\/graph-v1\.0\//);
    } finally {
      disposeInput(input);
    }
  });

  it('a bare commit means <commit>:specs', () => {
    const input = resolveInput('HEAD', repo);
    try {
      expect(input.label).toBe('HEAD');
      expect([...input.shownAs.values()].every((f) => f.startsWith('HEAD:specs/'))).toBe(true);
    } finally {
      disposeInput(input);
    }
  });

  it('refuses an empty folder and an empty argument with one line', () => {
    expect(() => resolveInput(join(tmp, 'nothing'))).toThrow(/no spec YAML and no doc pages/);
    expect(() => resolveInput(' ')).toThrow(/empty argument/);
  });
});
