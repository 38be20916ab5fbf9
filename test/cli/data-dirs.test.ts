/**
 * Default folders behave the same for every command: ./specs, ./contracts, ./contracts/pacts,
 * ./specs/sources when they are callconform's, else the packaged ones; the folder used is named
 * on stderr (stdout stays machine-readable: serve prints its URL alone); a folder of that name that
 * is not callconform's is exit 2 naming it; lint says when there is no decisions file.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli, spawnCli, tempDir } from '../helpers.js';

const UNREACHABLE = ['--target', 'http://127.0.0.1:9', '--call-id', 'c1', '--timeout', '500'];

describe('default data folders (CLI)', () => {
  const work = tempDir();
  afterAll(() => work.cleanup());
  const folder = (name: string, files: Record<string, string> = {}): string => {
    const dir = join(work.dir, name);
    mkdirSync(dir, { recursive: true });
    for (const [f, text] of Object.entries(files)) {
      mkdirSync(join(dir, f, '..'), { recursive: true });
      writeFileSync(join(dir, f), text);
    }
    return dir;
  };
  const packaged = (name: string): string => `${join(repoRoot, name)} (packaged)`;

  it('outside a checkout, lint, verify and pact-verify use the packaged folders and say so', () => {
    const cwd = folder('elsewhere');
    const lint = runCli(['lint'], { cwd });
    expect(lint.status, lint.stderr).toBe(0);
    expect(lint.stderr.split('\n')[0]).toBe(`callconform: specs/sources: ${packaged('specs/sources')}`);
    expect(lint.stderr).toMatch(/3 errors \(3 ruled on in .*specs\/decisions\.yaml\)/);
    const verify = runCli(['verify', ...UNREACHABLE], { cwd });
    expect(verify.status).toBe(3);
    expect(verify.stderr.split('\n').slice(0, 2)).toEqual([`callconform: specs: ${packaged('specs')}`, `callconform: contracts: ${packaged('contracts')}`]);
    const pact = runCli(['pact-verify', '--target', 'http://127.0.0.1:9', '--state-url', 'http://127.0.0.1:9/state', '--timeout', '500'], { cwd });
    expect(pact.status).toBe(3);
    expect(pact.stderr.split('\n')[0]).toBe(`callconform: contracts/pacts: ${packaged('contracts/pacts')}`);
  });

  it('serve prints its URL alone on stdout and names the packaged folders on stderr', async () => {
    const cwd = folder('serve-elsewhere');
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'callconform.js'), 'serve', '--port', '0'], { cwd, env: { ...process.env, CALLCONFORM_TOKEN: '' } });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => ((stdout += d.toString()), stdout.includes('\n') && resolve())));
    child.kill('SIGTERM');
    await new Promise((r) => child.on('close', r));
    expect(stdout).toMatch(/^http:\/\/127\.0\.0\.1:\d+\n$/);
    expect(stderr.split('\n').slice(0, 2)).toEqual([`callconform: specs: ${packaged('specs')}`, `callconform: contracts: ${packaged('contracts')}`]);
  });

  /**
   * The files `npm pack` would ship (package.json `files`: no genesys-v2 pages), copied into a
   * folder with the repository's dependencies, as an installed package is laid out.
   */
  function installedCopy(): string {
    const pkg = folder('project/node_modules/callconform');
    const packed = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: repoRoot, encoding: 'utf8' });
    const [info] = JSON.parse(packed.stdout) as { files: { path: string }[] }[];
    for (const { path } of info!.files) {
      mkdirSync(dirname(join(pkg, path)), { recursive: true });
      copyFileSync(join(repoRoot, path), join(pkg, path));
    }
    symlinkSync(realpathSync(join(repoRoot, 'node_modules')), join(pkg, 'node_modules'));
    return pkg;
  }

  it('outside a checkout, extract --check, build --check and start check the packaged specs and contracts, skipping pages not shipped', async () => {
    // Run from the project the package is installed in, as `npx callconform` is.
    const pkg = installedCopy();
    const cwd = folder('project');
    const run = (args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, [join(pkg, 'bin', 'callconform.js'), ...args], { cwd, env: { ...process.env, CI: '1' } });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });
    const specsNote = `callconform: specs: ${join(pkg, 'specs')} (packaged)`;
    const contractsNote = `callconform: contracts: ${join(pkg, 'contracts')} (packaged)`;
    const skipped = `callconform: genesys-v2: its pages are not shipped in the package (${join(pkg, 'specs', 'sources', 'genesys-v2')}); its specs are not checked`;

    const extract = await run(['extract', '--check']);
    expect(extract.code, extract.stderr).toBe(0);
    expect(extract.stderr.split('\n').slice(0, 2)).toEqual([specsNote, skipped]);
    expect(extract.stdout).toMatch(/^specs up to date \(\d+ files\)\n$/);

    const build = await run(['build', '--check']);
    expect(build.code, build.stderr).toBe(0);
    expect(build.stderr.split('\n').slice(0, 2)).toEqual([specsNote, contractsNote]);
    expect(build.stdout).toMatch(/^contracts up to date/);

    // Rewriting the installed package is refused: the user is told to check it or name a folder.
    const write = await run(['extract']);
    expect(write.code).toBe(2);
    expect(write.stderr.trim()).toBe(`callconform: ${join(pkg, 'specs')}: the packaged specs folder is not written; run \`callconform extract --check\` to compare it, or give --specs DIR`);
    expect((await run(['build'])).code).toBe(2);
    expect((await run(['extract', '--specs', join(pkg, 'specs')])).code).toBe(2);

    const start = await run(['start', '--reports', join(cwd, 'reports')]);
    expect(start.code, start.stderr).toBe(0);
    expect(start.stderr.split('\n').slice(0, 3)).toEqual([specsNote, contractsNote, 'callconform start: extract']);
    expect(start.stderr).toContain(skipped);
    expect(start.stdout).toMatch(/^overall\s+conformant\b/m);
    expect(start.stdout).toMatch(/^genesys-v2\s+conformant\b/m);

    // Inside the package's own folder (a checkout of callconform) its specs are the working directory's: written as usual.
    const inside = spawnSync(process.execPath, [join(pkg, 'bin', 'callconform.js'), 'extract', '--specs', 'specs'], { cwd: pkg, encoding: 'utf8' });
    expect(inside.status, inside.stderr).toBe(0);
    expect(inside.stdout).toMatch(/^extracted \d+ specs/);
  }, 120_000);

  it('a specs/ or contracts/ folder that is not callconform\'s is exit 2 naming it, for every command that would read it', async () => {
    const foreignSpecs = folder('foreign-specs', { 'specs/README.md': 'my own specs\n' });
    for (const args of [['lint'], ['verify', ...UNREACHABLE], ['serve', '--port', '0'], ['extract', '--check'], ['build', '--check'], ['start']]) {
      const r = await spawnCli(args, { cwd: foreignSpecs });
      expect(r.code, args[0]).toBe(2);
      expect(r.stderr.trim()).toMatch(/^callconform: \.\/specs: not a callconform specs folder \(no spec\.schema\.json in it\); (give --(specs|sources) DIR, or )?run from another folder$/);
    }
    const foreignContracts = folder('foreign-contracts', { 'contracts/notes.txt': 'x\n' });
    const verify = runCli(['verify', ...UNREACHABLE], { cwd: foreignContracts });
    expect(verify.status).toBe(2);
    expect(verify.stderr).toMatch(/^callconform: \.\/contracts: not a callconform contracts folder \(no pacts\/, schemas\/ or openapi\/ in it\); give --contracts DIR/m);
    const pact = runCli(['pact-verify', '--target', 'http://127.0.0.1:9', '--state-url', 'http://127.0.0.1:9/s'], { cwd: foreignContracts });
    expect(pact.status).toBe(2);
    expect(pact.stderr).toMatch(/^callconform: \.\/contracts: not a callconform contracts folder/m);
  });

  it('lint without a decisions file says so instead of ignoring it', () => {
    const sources = folder('bare/sources');
    const lint = runCli(['lint', '--sources', sources, '--no-metadata'], { cwd: folder('bare-cwd') });
    expect(lint.stderr).toContain(`callconform: no decisions file (${join(work.dir, 'bare', 'decisions.yaml')}): no finding is ruled on`);
  });
});
