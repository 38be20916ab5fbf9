import { describe, expect, it } from 'vitest';
import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { looksLikeStackTrace, runCli, scratchWithSpecs, tempDir } from '../helpers.js';

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name))
    .sort();
}

describe('callconform extract (spawned CLI)', () => {
  it('is deterministic: two runs give identical bytes, and --check then passes', () => {
    const { dir, cleanup } = scratchWithSpecs();
    try {
      expect(runCli(['extract'], { cwd: dir }).status).toBe(0);
      const first = listFiles(join(dir, 'specs')).map((f) => [f, readFileSync(f, 'utf8')]);
      expect(runCli(['extract'], { cwd: dir }).status).toBe(0);
      const second = listFiles(join(dir, 'specs')).map((f) => [f, readFileSync(f, 'utf8')]);
      expect(second).toEqual(first);
      const check = runCli(['extract', '--check'], { cwd: dir });
      expect(check.status, check.stderr).toBe(0);
    } finally {
      cleanup();
    }
  });

  it('--check exits 1 and names the stale file when a committed spec was edited', () => {
    const { dir, cleanup } = scratchWithSpecs();
    try {
      runCli(['extract'], { cwd: dir });
      appendFileSync(join(dir, 'specs/graph-v1.0/updateRecordingStatus.yaml'), '# hand edit\n');
      const r = runCli(['extract', '--check'], { cwd: dir });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('specs/graph-v1.0/updateRecordingStatus.yaml');
    } finally {
      cleanup();
    }
  });

  it('--check names a spec no page produces any more', () => {
    const { dir, cleanup } = scratchWithSpecs();
    try {
      runCli(['extract'], { cwd: dir });
      writeFileSync(join(dir, 'specs/graph-v1.0/orphan.yaml'), 'kind: operation\n');
      const r = runCli(['extract', '--check'], { cwd: dir });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/orphan\.yaml is not produced by any page/);
    } finally {
      cleanup();
    }
  });

  it('prints the spec of a page given on the command line', () => {
    const r = runCli(['extract', 'specs/sources/graph-v1.0/call-updaterecordingstatus.txt']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/operation: updateRecordingStatus/);
    expect(r.stdout).toMatch(/value: 256/);
  });

  it('--help explains the command', () => {
    const r = runCli(['extract', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/--check/);
    expect(r.stdout).toMatch(/Exit codes/);
  });
});

describe('bad input: one line naming file and line, exit 2, no stack trace, no partial output', () => {
  const cases: Array<[string, Uint8Array | string, RegExp]> = [
    ['empty.md', '', /empty\.md:1: empty page/],
    ['blank.md', '  \n\n\t\n', /blank\.md:1: page holds only white space/],
    ['binary.md', new Uint8Array([0x23, 0x20, 0x61, 0x0a, 0x00, 0x01, 0x02]), /binary\.md:2: binary content/],
    ['latin1.md', new Uint8Array([0x23, 0x20, 0x61, 0x0a, 0x0a, 0x63, 0x61, 0x66, 0xe9, 0x0a]), /latin1\.md:3: invalid UTF-8/],
  ];
  for (const [name, content, expected] of cases) {
    it(name, () => {
      const { dir, cleanup } = tempDir();
      try {
        writeFileSync(join(dir, name), content);
        const r = runCli(['extract', '--out', join(dir, 'out'), join(dir, name)]);
        expect(r.status).toBe(2);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(r.stderr).toMatch(expected);
        expect(looksLikeStackTrace(r.stderr)).toBe(false);
        expect(existsSync(join(dir, 'out'))).toBe(false);
      } finally {
        cleanup();
      }
    });
  }

  it('a 20 MB page is refused with its size', () => {
    const { dir, cleanup } = tempDir();
    try {
      const f = join(dir, 'huge.md');
      writeFileSync(f, '# Big\n\n' + 'lorem ipsum dolor sit amet\n'.repeat(800_000));
      const r = runCli(['extract', f]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/huge\.md(:1)?: page is 2\d\.\d MiB, over the 5 MiB limit/);
    } finally {
      cleanup();
    }
  });

  it('an unterminated code fence and a table with missing cells are findings, not crashes', () => {
    const { dir, cleanup } = tempDir();
    try {
      const f = join(dir, 'broken.md');
      writeFileSync(f, '# thing: act\n\n## HTTP request\n```http\nPOST /things/{id}/act\n```\n\n## Request body\n| Parameter | Type | Description |\n|---|---|---|\n| a |\n| b | String |\n\n## Response\nReturns `200 OK`.\n\n## Example\n```http\nHTTP/1.1 200 OK\n\n{ "a": 1\n');
      const r = runCli(['extract', f]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/template: \/things\/\{id\}\/act/);
      expect(r.stderr).toMatch(/findings/);
    } finally {
      cleanup();
    }
  });

  it('an unknown command or option is a usage error', () => {
    const r = runCli(['extract', '--frobnicate']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--frobnicate'/);
  });
});
