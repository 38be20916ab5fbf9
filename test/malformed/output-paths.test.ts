/**
 * Output paths through the built CLI: what is at an output path is written through, never
 * replaced (a symlink stays a link and its target gets the output, a FIFO's reader gets the output,
 * a character device stays a device), and what cannot take a file (a socket) is refused with exit 2
 * before any work. A full or read-only disk (a real tmpfs, mounted where the test runs as root)
 * leaves the previous set of outputs whole, names the path, and `verify` still prints its verdict.
 */
import { spawn, spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReference, STATE_PATH, type ReferenceServer } from '../../src/reference/server.js';
import { looksLikeStackTrace, spawnCli, tempDir } from '../helpers.js';
import { fingerprint } from './harness.js';

type Exit = Awaited<ReturnType<typeof spawnCli>>;
const cli = (args: string[]): Promise<Exit> => spawnCli(args);

function oneErrorLine(run: Exit, names: RegExp): void {
  const what = `exit ${run.code}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`;
  expect(run.code, what).toBe(2);
  expect(run.stderr.trim().split('\n'), what).toHaveLength(1);
  expect(run.stderr, what).toMatch(names);
  expect(looksLikeStackTrace(run.stderr), what).toBe(false);
}

const LINT = ['lint', 'specs/sources/graph-v1.0', '--format', 'json'];
const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('lint --output writes through what is at the path', () => {
  it('a symlink stays a link; its target gets the report', async () => {
    const target = join(tmp.dir, 'real.json');
    const link = join(tmp.dir, 'link.json');
    writeFileSync(target, 'old');
    symlinkSync('real.json', link);
    const run = await cli([...LINT, '--output', link]);
    expect(run.code, run.stderr).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('real.json');
    expect(JSON.parse(readFileSync(target, 'utf8'))).toHaveProperty('findings');
  });

  it('a dangling symlink: the file it names is created, the link kept', async () => {
    const link = join(tmp.dir, 'dangling.json');
    symlinkSync('made-by-lint.json', link);
    const run = await cli([...LINT, '--output', link]);
    expect(run.code, run.stderr).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(join(tmp.dir, 'made-by-lint.json'), 'utf8'))).toHaveProperty('findings');
  });

  it("a FIFO stays a FIFO and its reader gets the report", async () => {
    const fifo = join(tmp.dir, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = new Promise<string>((resolve) => {
      const cat = spawn('cat', [fifo]);
      let text = '';
      cat.stdout.on('data', (d: Buffer) => (text += d.toString()));
      cat.on('close', () => resolve(text));
    });
    const run = await cli([...LINT, '--output', fifo]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(await reader)).toHaveProperty('findings');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  // mknod needs root; elsewhere the FIFO case above covers the direct write.
  const nullDevice = join(tmp.dir, 'null');
  const canMknod = spawnSync('mknod', [nullDevice, 'c', '1', '3']).status === 0;
  it.skipIf(!canMknod)('a character device stays a device (a null device made with mknod)', async () => {
    const run = await cli([...LINT, '--output', nullDevice]);
    expect(run.code, run.stderr).toBe(0);
    expect(lstatSync(nullDevice).isCharacterDevice()).toBe(true);
  });

  describe('a socket', () => {
    let server: Server;
    const socket = join(tmp.dir, 'sock');
    beforeAll(() => new Promise<void>((resolve) => (server = createServer().listen(socket, resolve))));
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
    it('is refused before any work, exit 2 naming the path, and left as it was', async () => {
      const run = await cli([...LINT, '--output', socket]);
      oneErrorLine(run, /sock: is a socket, not a file callconform may write \(--output\)/);
      expect(lstatSync(socket).isSocket()).toBe(true);
    });
  });
});

/** A tmpfs of `size` mounted on a fresh folder; undefined when this process may not mount (not root, no CAP_SYS_ADMIN). */
function mountTmpfs(size: string): { dir: string; readOnly(): void; unmount(): void } | undefined {
  const dir = join(tmp.dir, `mnt-${size}-${Math.random().toString(16).slice(2)}`);
  mkdirSync(dir);
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]).status !== 0) return undefined;
  return {
    dir,
    readOnly: () => void spawnSync('mount', ['-o', 'remount,ro', dir]),
    unmount: () => void spawnSync('umount', ['-l', dir]),
  };
}

const probe = mountTmpfs('64k');
probe?.unmount();

describe.skipIf(!probe)('a full or read-only disk (tmpfs; needs root)', () => {
  const TOKEN = 'output-paths-token-5d1c';
  let reference: ReferenceServer;
  beforeAll(async () => {
    reference = await startReference({ port: 0, token: TOKEN });
  });
  afterAll(() => reference.close());

  it('build --out on a full disk: exit 2 naming the path, and the previous contracts exactly as they were', async () => {
    const disk = mountTmpfs('96k')!;
    try {
      const out = join(disk.dir, 'contracts');
      mkdirSync(join(out, 'pacts'), { recursive: true });
      writeFileSync(join(out, 'pacts', 'graph-v1.0.json'), '{"old": true}\n');
      const before = fingerprint(out);
      const run = await cli(['build', '--out', out]);
      oneErrorLine(run, /contracts\/.+: cannot write \(ENOSPC: no space left on the device\)/);
      expect(fingerprint(out)).toEqual(before);
      // Nothing half-written left behind either: no temporary files.
      expect(readdirSync(out, { recursive: true }).filter((f) => String(f).endsWith('.tmp'))).toEqual([]);
    } finally {
      disk.unmount();
    }
  });

  it('verify --reports read-only: exit 2 naming the folder before the run (no request reaches the target)', async () => {
    const disk = mountTmpfs('64k')!;
    try {
      disk.readOnly();
      // Nothing listens on the target: a run would end "unreachable" (exit 3); the check comes first.
      const run = await cli(['verify', '--target', 'http://127.0.0.1:9', '--call-id', 'c1', '--reports', join(disk.dir, 'reports')]);
      oneErrorLine(run, /reports: cannot write here: read-only file system \(--reports\)/);
    } finally {
      disk.unmount();
    }
  });

  it('verify --reports filling up during the run: the verdict table is printed, the error names the path, no half-written run folder', async () => {
    // Room for the writability probe, not for the reports (about 95 kB for graph-v1.0).
    const disk = mountTmpfs('32k')!;
    try {
      const reports = join(disk.dir, 'reports');
      const run = await cli(['verify', '--target', reference.url, '--state-url', `${reference.url}${STATE_PATH}`, '--profile', 'graph-v1.0', '--token', TOKEN, '--reports', reports]);
      const what = `exit ${run.code}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`;
      expect(run.stdout, what).toMatch(/^profile\s+verdict/);
      expect(run.stdout, what).toMatch(/graph-v1\.0\s+conformant\s+15\s+0/);
      oneErrorLine(run, /reports\/\S+: cannot write \(ENOSPC: no space left on the device\)/);
      expect(readdirSync(reports)).toEqual([]);
    } finally {
      disk.unmount();
    }
  });
});
