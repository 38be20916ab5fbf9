import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../src/spec/errors.js';
import { loadDecisions } from '../../src/spec/decisions-file.js';
import { loadSpecFile } from '../../src/spec/yaml-io.js';
import { repoRoot, tempDir } from '../helpers.js';

const committed = join(repoRoot, 'specs/graph-v1.0/updateRecordingStatus.yaml');

function errorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected an InputError');
}

describe('spec YAML input', () => {
  it('loads and validates a committed spec', () => {
    expect(loadSpecFile(committed)).toMatchObject({ kind: 'operation', operation: 'updateRecordingStatus' });
  });

  it('names file and line of a YAML syntax error', () => {
    const { dir, cleanup } = tempDir();
    try {
      const f = join(dir, 'bad.yaml');
      writeFileSync(f, 'kind: operation\nprofile: x\nkind: resource\n');
      const e = errorOf(() => loadSpecFile(f));
      expect(e.line).toMatch(/bad\.yaml:3: YAML syntax error/);
    } finally {
      cleanup();
    }
  });

  it('names file and line of an unknown field', () => {
    const { dir, cleanup } = tempDir();
    try {
      const f = join(dir, 'unknown.yaml');
      const text = readFileSync(committed, 'utf8').replace('  value: POST\n', '  value: POST\n  colour: blue\n');
      writeFileSync(f, text);
      const e = errorOf(() => loadSpecFile(f));
      expect(e.line).toMatch(/unknown\.yaml:\d+: invalid spec at \/method: unknown field "colour"/);
      const line = Number(/:(\d+):/.exec(e.line)![1]);
      expect(text.split('\n')[line - 1]).toMatch(/colour: blue/);
    } finally {
      cleanup();
    }
  });

  it('names the line of a wrong type deep in the spec', () => {
    const { dir, cleanup } = tempDir();
    try {
      const f = join(dir, 'type.yaml');
      const text = readFileSync(committed, 'utf8').replace('value: 256', 'value: many');
      writeFileSync(f, text);
      const e = errorOf(() => loadSpecFile(f));
      const line = Number(/:(\d+):/.exec(e.line)![1]);
      expect(text.split('\n')[line - 1]).toMatch(/value: many/);
    } finally {
      cleanup();
    }
  });
});

describe('decisions.yaml input', () => {
  it('rejects unknown fields and missing rationale with file:line', () => {
    const { dir, cleanup } = tempDir();
    try {
      const f = join(dir, 'decisions.yaml');
      writeFileSync(f, 'decisions:\n  - finding: a/b/c\n    operation: b/c\n    ruling: r\n    rationale: why\n    verdict: yes\n');
      expect(errorOf(() => loadDecisions(f)).line).toMatch(/decisions\.yaml:6: unknown field "verdict"/);
      writeFileSync(f, 'decisions:\n  - finding: a/b/c\n    operation: b/c\n    ruling: r\n');
      expect(errorOf(() => loadDecisions(f)).line).toMatch(/decisions\.yaml:2: decision needs a non-empty "rationale"/);
    } finally {
      cleanup();
    }
  });
});
