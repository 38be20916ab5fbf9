/** `callconform lint` as a user runs it: a separate process on the compiled dist/ (built by `npm test`'s pretest). */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { looksLikeStackTrace, runCli, tempDir } from '../helpers.js';

const SEED_002 = 'specs/sources/graph-v1.0/call-updaterecordingstatus.md';

describe('callconform lint (spawned CLI)', () => {
  it('lints specs/sources/ by default, prints file:line:col lines and exits 1 on an error-level finding no decision rules on', () => {
    const r = runCli(['lint', '--no-decisions']);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toContain('specs/sources/graph-beta/call-updatemetadata.md:49:1 error status-prose-vs-example ');
    expect(r.stdout).toContain('(finding id: status-prose-vs-example/graph-beta/updateMetadata)');
    expect(r.stdout).toContain('specs/sources/graph-beta/call-update.md:76:7 warning malformed-url ');
    // Each graph profile's enums.md and metadata.xml add the operationStatus casing disagreement.
    expect(r.stdout).toContain('(finding id: enum-casing-differs/graph-beta/commsOperation/status)');
    expect(r.stderr).toMatch(/^\d+ findings in 10 pages: 3 errors, \d+ warnings, \d+ notes\n$/);
  });

  it('reports a finding that --decisions rules on as ruled, and does not fail on it', () => {
    const { dir, cleanup } = tempDir();
    try {
      const decisions = join(dir, 'decisions.yaml');
      writeFileSync(
        decisions,
        'decisions:\n  - finding: status-prose-vs-example/graph-beta/updateMetadata\n    operation: graph-beta/updateMetadata\n    ruling: The example wins.\n    successStatus: 200\n    rationale: Test.\n',
      );
      const r = runCli(['lint', '--decisions', decisions, 'specs/sources/graph-beta/call-updatemetadata.md']);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain(`error status-prose-vs-example the prose says 202 Accepted`);
      expect(r.stdout).toContain(`[ruled on: ${decisions}:2]`);
      expect(r.stderr).toContain('1 error (1 ruled on in');
    } finally {
      cleanup();
    }
  });

  it('exits 0 when only warnings are found', () => {
    const r = runCli(['lint', SEED_002]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`${SEED_002}:65:17 warning content-length-mismatch`);
    expect(r.stdout).toContain(`${SEED_002}:25:44 warning unknown-permission`);
  });

  it('writes SARIF atomically with --output', () => {
    const { dir, cleanup } = tempDir();
    try {
      const out = join(dir, 'reports', 'lint.sarif');
      const r = runCli(['lint', '--format', 'sarif', '--output', out, '--no-decisions']);
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      const log = JSON.parse(readFileSync(out, 'utf8')) as { version: string; runs: Array<{ results: unknown[] }> };
      expect(log.version).toBe('2.1.0');
      expect(log.runs[0]!.results.length).toBeGreaterThan(10);
      expect(readdirSync(join(dir, 'reports'))).toEqual(['lint.sarif']);
    } finally {
      cleanup();
    }
  });

  it('--permissions takes another reference; --no-permissions turns the check off', () => {
    const { dir, cleanup } = tempDir();
    try {
      const ref = join(dir, 'ref.md');
      writeFileSync(ref, '# Scopes\n\n## Application permissions\n\n|Permission|Description|\n|---|---|\n|Calls.JoinGroupCalls.All|x|\n|Calls.AccessMedia.All|y|\n');
      const custom = runCli(['lint', '--format', 'json', '--permissions', ref, SEED_002]);
      expect((JSON.parse(custom.stdout) as { summary: { byRule: Record<string, number> } }).summary.byRule['unknown-permission']).toBeUndefined();
      const off = runCli(['lint', '--no-permissions', SEED_002]);
      expect(off.stdout).not.toContain('unknown-permission');
    } finally {
      cleanup();
    }
  });

  it('lints a folder of pages, JSON to stdout', () => {
    const r = runCli(['lint', 'specs/sources/graph-v1.0', '--format', 'json']);
    expect(r.status).toBe(0);
    // The one error is the operationStatus casing, ruled on in specs/decisions.yaml.
    expect(JSON.parse(r.stdout)).toMatchObject({ summary: { pages: 4, error: 1, unresolvedErrors: 0 } });
  });

  it('bad input exits 2 with one line naming the file, never a stack trace, and writes nothing', () => {
    const { dir, cleanup } = tempDir();
    try {
      const out = join(dir, 'out.sarif');
      const empty = join(dir, 'empty.md');
      writeFileSync(empty, '');
      const notRef = join(dir, 'not-a-reference.md');
      writeFileSync(notRef, '# Nothing here\n');
      const cases: Array<[string[], RegExp]> = [
        [['lint', join(dir, 'missing.md'), '--output', out], /missing\.md: no such page or folder/],
        [['lint', empty, '--output', out], /empty\.md:1: empty page/],
        [['lint', '--format', 'xml', SEED_002, '--output', out], /--format: "xml" is not one of text, json, sarif/],
        [['lint', '--permissions', join(dir, 'nope.md'), SEED_002, '--output', out], /nope\.md: cannot read the permissions reference/],
        [['lint', '--permissions', notRef, SEED_002, '--output', out], /not-a-reference\.md:1: no permission scopes found/],
        [['lint', '--decisions', join(dir, 'none.yaml'), SEED_002, '--output', out], /none\.yaml: no such decisions file/],
      ];
      for (const [args, message] of cases) {
        const r = runCli(args);
        expect(r.status, args.join(' ')).toBe(2);
        expect(r.stderr).toMatch(message);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(looksLikeStackTrace(r.stderr)).toBe(false);
        expect(existsSync(out)).toBe(false);
      }
    } finally {
      cleanup();
    }
  });

  it('has --help listing the rules', () => {
    const r = runCli(['lint', '--help']);
    expect(r.status).toBe(0);
    for (const rule of ['content-length-mismatch', 'todo-placeholder', 'malformed-url', 'unknown-permission', 'status-prose-vs-example']) expect(r.stdout).toContain(rule);
  });
});
