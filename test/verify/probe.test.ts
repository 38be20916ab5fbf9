/**
 * Exit code 3 means one thing in `verify` and `pact-verify`: no connection to the target's origin
 * (refused, unknown host, TLS handshake failed). A target that accepts and then hangs is
 * reachable: both commands report it as a failed run (exit 1), not as unreachable.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeOrigin } from '../../src/verify/probe.js';
import { cliPath, repoRoot, tempDir } from '../helpers.js';

async function listening<S extends { listen(port: number, host: string): unknown; address(): unknown }>(server: S): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server as unknown as NodeJS.EventEmitter, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function cli(args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd: repoRoot, env: { ...process.env, CI: '1', CALLCONFORM_TOKEN: '' } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

describe('probeOrigin', () => {
  let hanging: Server;
  let hangingUrl = '';
  let garbage: ReturnType<typeof createTcpServer>;
  let garbageUrl = '';
  beforeAll(async () => {
    // Accepts, reads the request, never answers.
    hanging = createHttpServer(() => undefined);
    hangingUrl = await listening(hanging);
    // Accepts and answers a TLS ClientHello with bytes that are not TLS.
    garbage = createTcpServer((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    garbageUrl = await listening(garbage);
  });
  afterAll(() => {
    hanging.closeAllConnections();
    hanging.close();
    garbage.close();
  });

  it('reports a refused connection, an unknown host and a failed TLS handshake', async () => {
    const closed = createTcpServer();
    const closedUrl = await listening(closed);
    await new Promise((resolve) => closed.close(resolve));
    expect(await probeOrigin(new URL(closedUrl), 2000)).toMatch(/^ECONNREFUSED: cannot establish a TCP connection to 127\.0\.0\.1:\d+$/);
    expect(await probeOrigin(new URL('http://nothing.invalid/x'), 5000)).toMatch(/^(ENOTFOUND|EAI_AGAIN): cannot establish a TCP connection to nothing\.invalid:80$/);
    expect(await probeOrigin(new URL(garbageUrl.replace('http:', 'https:')), 2000)).toMatch(/cannot establish a TLS connection to 127\.0\.0\.1:\d+/);
  });

  it('counts a server that accepts and then hangs as reachable', async () => {
    expect(await probeOrigin(new URL(hangingUrl), 2000)).toBeUndefined();
  });
});

describe('exit code 3 in verify and pact-verify', () => {
  let hanging: Server;
  let hangingUrl = '';
  let closedUrl = '';
  const reports = tempDir();
  beforeAll(async () => {
    hanging = createHttpServer(() => undefined);
    hangingUrl = await listening(hanging);
    const closed = createTcpServer();
    closedUrl = await listening(closed);
    await new Promise((resolve) => closed.close(resolve));
  });
  afterAll(() => {
    hanging.closeAllConnections();
    hanging.close();
    reports.cleanup();
  });

  const commands = {
    verify: (url: string) => ['verify', '--target', url, '--state-url', `${url}/state`, '--profile', 'graph-v1.0', '--only', 'status-code', '--timeout', '300', '--reports', reports.dir],
    'pact-verify': (url: string) => ['pact-verify', '--target', url, '--state-url', `${url}/state`, '--profile', 'graph-v1.0', '--timeout', '300'],
  };

  it.each(Object.entries(commands))('%s: a closed port is exit 3 with one line naming the target', async (_name, args) => {
    const r = await cli(args(closedUrl));
    expect(r.status, r.stderr).toBe(3);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`target unreachable: ${closedUrl}: ECONNREFUSED: cannot establish a TCP connection`);
  });

  it.each(Object.entries(commands))('%s: a server that accepts and hangs is reachable: exit 1, not 3', async (_name, args) => {
    const r = await cli(args(hangingUrl));
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).not.toContain('unreachable');
  });
});
