/** End to end: `node bin/callconform.js serve …` (the compiled dist/; `npm test` builds it first). */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULTS } from '../../src/reference/faults.js';
import { newCall, send } from './clients.js';
import { writeFixtureTree } from './fixtures.js';

const BIN = join(process.cwd(), 'bin', 'callconform.js');
let root: string;

beforeAll(() => {
  root = writeFixtureTree();
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

function serve(args: string[]): { child: ChildProcessWithoutNullStreams; url: Promise<string>; stderr: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--specs', join(root, 'specs'), '--contracts', join(root, 'contracts'), ...args], {
    cwd: root,
    env: { ...process.env, CALLCONFORM_TOKEN: '' },
  });
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const url = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve(line.trim());
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, url, stderr: () => err, exit };
}

async function inProcess(argv: string[]): Promise<{ code: number; stderr: string }> {
  const { main } = await import('../../src/cli/main.js');
  let stderr = '';
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += chunk.toString();
    return true;
  }) as typeof process.stderr.write;
  try {
    return { code: await main(['node', 'callconform', ...argv]), stderr };
  } finally {
    process.stderr.write = write;
  }
}

describe('callconform serve', () => {
  it('prints its base URL, serves, refuses a second server on its port, and exits 0 on SIGTERM and on SIGINT', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const s = serve(['--token', 'abc', '--fault', 'no-location', '--fault', 'slow=5']);
      const url = await s.url;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const call = await newCall(url);
      const r = await send(`${url}/communications/calls/${call}/updateNote`, { headers: { Authorization: 'Bearer abc' }, body: { note: 'n' } });
      expect(r.status).toBe(202);
      expect(r.headers.get('location')).toBeNull();
      expect(s.stderr()).toContain('no-location');
      expect(s.stderr()).not.toContain('abc');
      if (signal === 'SIGTERM') {
        const again = spawnSync(process.execPath, [BIN, 'serve', '--port', new URL(url).port, '--specs', join(root, 'specs'), '--contracts', join(root, 'contracts')], { encoding: 'utf8' });
        expect(again.status).toBe(2);
        expect(again.stderr.trim().split('\n')).toHaveLength(1);
        expect(again.stderr).toContain('EADDRINUSE');
      }
      s.child.kill(signal);
      expect(await s.exit).toBe(0);
      expect(s.stderr()).toContain(`stopped (${signal})`);
    }
  });

  it('--list-faults prints each fault with its check', () => {
    const r = spawnSync(process.execPath, [BIN, 'serve', '--list-faults'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    for (const f of FAULTS) expect(r.stdout).toMatch(new RegExp(`^${f.name} +${f.check} `, 'm'));
    expect(r.stdout.trim().split('\n')).toHaveLength(FAULTS.length);
  });

  it('refuses an unknown fault with one line and exit 2', () => {
    const unknown = spawnSync(process.execPath, [BIN, 'serve', '--fault', 'bogus', '--specs', join(root, 'specs'), '--contracts', join(root, 'contracts')], { encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknown.stderr).toContain('unknown fault "bogus"');
  });

  it('refuses a bad port and a missing compiled schema with one line and exit 2', async () => {
    const port = await inProcess(['serve', '--port', 'x']);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('--port');
    const noSchemas = await inProcess(['serve', '--port', '0', '--specs', join(root, 'specs'), '--contracts', join(root, 'nowhere')]);
    expect(noSchemas.code).toBe(2);
    expect(noSchemas.stderr.trim().split('\n')).toHaveLength(1);
    expect(noSchemas.stderr).toMatch(/nowhere\/schemas\/tel-beta\/\w+\.request\.schema\.json: missing compiled request schema/);
  });
});
