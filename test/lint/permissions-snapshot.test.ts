/**
 * The build's snapshot of the shipped permissions reference stands in for parsing it only while
 * the page's bytes are unchanged, and then gives exactly what parsing gives.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PERMISSIONS_REFERENCE } from '../../src/lint/paths.js';
import { parsePermissionsReference, type PermissionsReference } from '../../src/lint/permissions-reference.js';
import { loadSnapshot, writeSnapshot } from '../../src/lint/permissions-snapshot.js';
import { tempDir } from '../helpers.js';

const bytes = readFileSync(DEFAULT_PERMISSIONS_REFERENCE);
const parsed = parsePermissionsReference(DEFAULT_PERMISSIONS_REFERENCE, bytes, 'reference.md');
const entries = (r: PermissionsReference | undefined): unknown => r && { file: r.file, scopes: [...r.scopes.entries()] };

describe('permissions reference snapshot', () => {
  let scratch: ReturnType<typeof tempDir>;
  let file: string;
  beforeEach(() => {
    scratch = tempDir();
    file = join(scratch.dir, 'snapshot.json');
    writeSnapshot(bytes, parsed, file);
  });
  afterEach(() => scratch.cleanup());

  it('gives what parsing the page gives (every scope, its kinds and line) for the same bytes', () => {
    expect(parsed.scopes.size).toBeGreaterThan(100);
    expect(entries(loadSnapshot(bytes, 'reference.md', file))).toEqual(entries(parsed));
  });

  it('is not used for other bytes, nor when it is missing or unreadable', () => {
    const edited = Buffer.concat([bytes, Buffer.from('\n## Delegated permissions\n\n| Permission | Description |\n|---|---|\n| Calls.Brandnew.All | added |\n')]);
    expect(loadSnapshot(edited, 'reference.md', file)).toBeUndefined();
    expect(parsePermissionsReference('edited.md', edited).scopes.get('calls.brandnew.all')?.kinds).toEqual(['delegated']);
    expect(loadSnapshot(bytes, 'reference.md', join(scratch.dir, 'missing.json'))).toBeUndefined();
    writeFileSync(file, '{"sha256": 1');
    expect(loadSnapshot(bytes, 'reference.md', file)).toBeUndefined();
  });
});
