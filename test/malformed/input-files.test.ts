/**
 * Every file input is read bounded (src/spec/read-input.ts): stat first, refuse anything but a
 * regular file (a symlink to /dev/zero, a named pipe), refuse a file over its limit, read at most
 * the limit + 1 bytes. Through the built CLI: exit 2, one line naming the file, quickly, and no
 * memory blow-up (a read of /dev/zero never ends; the guard would kill it and fail the test).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INPUT_LIMITS } from '../../src/spec/read-input.js';
import { looksLikeStackTrace, repoRoot, scratchWithSpecs, spawnCli } from '../helpers.js';

const scratch = scratchWithSpecs();
const { dir } = scratch;
afterAll(() => scratch.cleanup());

/** Exit 2 with one line naming `file`, within the guard. */
async function refused(args: string[], file: RegExp, why: RegExp): Promise<void> {
  const run = await spawnCli(args, { cwd: dir, guardMs: 20_000 });
  expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(2);
  expect(looksLikeStackTrace(run.stderr)).toBe(false);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(file);
  expect(run.stderr).toMatch(why);
}

describe('a file input that is not a regular file', () => {
  beforeAll(() => {
    execFileSync('mkfifo', [join(dir, 'decisions.fifo')]);
  });

  it('a page in the sources folder symlinked to /dev/zero (extract, lint, build)', async () => {
    const copy = join(dir, 'zero-page');
    cpSync(join(dir, 'specs'), copy, { recursive: true });
    symlinkSync('/dev/zero', join(copy, 'sources', 'graph-v1.0', 'zero.md'));
    await refused(['extract', '--specs', copy, '--check'], /zero\.md/, /character device/);
    await refused(['build', '--specs', copy, '--out', join(dir, 'out-zero'), '--check'], /zero\.md/, /character device/);
  });

  it('a page named on the command line that is /dev/zero or a symlink to it (extract, lint)', async () => {
    symlinkSync('/dev/zero', join(dir, 'named-zero.md'));
    await refused(['extract', join(dir, 'named-zero.md')], /named-zero\.md/, /character device/);
    await refused(['lint', join(dir, 'named-zero.md')], /named-zero\.md/, /character device/);
    await refused(['lint', '/dev/zero'], /\/dev\/zero/, /character device/);
  });

  it('a spec symlinked to /dev/zero (build, verify)', async () => {
    const copy = join(dir, 'zero-spec');
    cpSync(join(dir, 'specs'), copy, { recursive: true });
    symlinkSync('/dev/zero', join(copy, 'graph-v1.0', 'zzz.yaml'));
    await refused(['build', '--specs', copy, '--out', join(dir, 'out-spec'), '--check'], /zzz\.yaml/, /character device/);
    await refused(['verify', '--specs', copy, '--target', 'http://127.0.0.1:9', '--call-id', 'x', '--reports', join(dir, 'r')], /zzz\.yaml/, /character device/);
  });

  it('a decisions file that is a named pipe nobody writes (build does not wait for a writer)', async () => {
    await refused(['build', '--decisions', join(dir, 'decisions.fifo'), '--out', join(dir, 'out-fifo'), '--check'], /decisions\.fifo/, /named pipe/);
  });

  it('a contract schema symlinked to /dev/zero (verify, serve)', async () => {
    const contracts = join(dir, 'zero-contracts');
    cpSync(join(repoRoot, 'contracts'), contracts, { recursive: true });
    symlinkSync('/dev/zero', join(contracts, 'schemas', 'graph-v1.0', 'zero.schema.json'));
    await refused(['verify', '--contracts', contracts, '--target', 'http://127.0.0.1:9', '--call-id', 'x', '--reports', join(dir, 'r')], /zero\.schema\.json/, /character device/);
  });

  it('a key given as /dev/zero (check-certificate --key)', async () => {
    writeFileSync(join(dir, 'certificate.json'), '{}');
    await refused(['check-certificate', join(dir, 'certificate.json'), '--key', '/dev/zero'], /\/dev\/zero/, /character device/);
  });
});

describe('a file input over its limit', () => {
  it(`a spec of more than ${INPUT_LIMITS.spec} bytes is refused before it is parsed`, async () => {
    const copy = join(dir, 'big-spec');
    cpSync(join(dir, 'specs'), copy, { recursive: true });
    const [first] = readdirSync(join(copy, 'graph-v1.0')).filter((f) => f.endsWith('.yaml'));
    writeFileSync(join(copy, 'graph-v1.0', first!), `# ${'x'.repeat(INPUT_LIMITS.spec)}\n`);
    await refused(['build', '--specs', copy, '--out', join(dir, 'out-big'), '--check'], new RegExp(first!.replace('.', '\\.')), /over the 5 MiB limit/);
    rmSync(copy, { recursive: true, force: true });
  });

  it('a decisions file over the limit', async () => {
    mkdirSync(join(dir, 'big'), { recursive: true });
    writeFileSync(join(dir, 'big', 'decisions.yaml'), `# ${'x'.repeat(INPUT_LIMITS.spec)}\n`);
    await refused(['build', '--decisions', join(dir, 'big', 'decisions.yaml'), '--out', join(dir, 'out-big2'), '--check'], /decisions\.yaml/, /over the 5 MiB limit/);
  });
});
