/**
 * No vacuous passes, end to end: the built CLI against targets that reject everything (401, or
 * 404, to every operation request, while their state URL hands out calls). A rejection from such
 * a target proves nothing: every check that expects one is skipped with the reason, none passes,
 * and the run is nonconformant through the failed status-code check. And `--param` gives the ids
 * of a state instead of a state URL.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startReference, STATE_PATH } from '../../src/reference/server.js';
import type { CheckResult, Report } from '../../src/report/result.js';
import { NOT_ACCEPTED } from '../../src/verify/checks/valid-request.js';
import { runCliAsync, tempDir } from '../helpers.js';

const cli = (args: string[]) => runCliAsync(args);

function reportsUnder(dir: string): Report[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name === 'report.json')
    .map((d) => JSON.parse(readFileSync(join(d.parentPath, d.name), 'utf8')) as Report);
}

/** The results of instances that expect the target to reject a request. */
function expectsRejection(r: CheckResult): boolean {
  const instance = r.id.split('/').pop() ?? '';
  switch (r.check) {
    case 'auth':
    case 'not-found':
    case 'robustness':
    case 'required':
      return true;
    case 'content-type':
      return instance === 'request';
    case 'enum':
      return instance.endsWith('-undocumented');
    case 'max-length':
      return r.requirement.includes('is rejected');
    default:
      return false;
  }
}

describe('a target that rejects everything gets no pass for a rejection', () => {
  let target: Server | undefined;
  afterEach(async () => {
    target?.closeAllConnections();
    await new Promise((r) => target?.close(r));
  });

  // Every credentialed request refused with 401 is a configuration error (exit 2, results still written); 404 everywhere is the target's.
  it.each([
    [401, 2],
    [404, 1],
  ])('answers %i to every operation request: rejection checks skip, status-code fails, exit %i', async (status, exitCode) => {
    let next = 0;
    target = createServer((req, res) => {
      if (req.url === '/state') return res.end(JSON.stringify({ callId: `c${++next}` }));
      res.writeHead(status, { 'Content-Type': 'application/json' }).end('{"error":{"code":"no"}}');
    });
    await new Promise<void>((r) => target!.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
    const out = tempDir();
    try {
      const r = await cli(['verify', '--target', url, '--state-url', `${url}/state`, '--token', 'vacuous-token', '--reports', out.dir]);
      expect(r.status).toBe(exitCode);
      const results = reportsUnder(out.dir).flatMap((rep) => rep.results);
      expect(results.length).toBeGreaterThan(20);
      const rejections = results.filter(expectsRejection);
      expect(new Set(rejections.map((x) => x.check)).size).toBe(7);
      for (const x of rejections) {
        expect(x.verdict, `${x.id}: ${x.message}`).not.toBe('pass');
        if (x.verdict === 'skip') {
          expect(x.message).toContain(NOT_ACCEPTED);
          expect(x.message).toContain(`status ${status}`);
        }
      }
      // 401 is what the auth check wants, but from this target it proves nothing; 404 is no 401 at all.
      const auth = rejections.filter((x) => x.check === 'auth').map((x) => x.verdict);
      expect(auth.length).toBeGreaterThan(0);
      for (const v of auth) expect(status === 401 ? ['skip'] : ['fail', 'warn']).toContain(v);
      const valid = results.filter((x) => x.check === 'status-code' && x.id.endsWith('/valid-request'));
      expect(valid.length).toBe(4);
      // A SHOULD status (by convention) fails as a warning; the MUST ones fail.
      expect(valid.map((x) => x.verdict).filter((v) => v !== 'fail' && v !== 'warn')).toEqual([]);
      expect(valid.some((x) => x.verdict === 'fail')).toBe(true);
    } finally {
      out.cleanup();
    }
  });
});

describe('fixed ids instead of a state URL', () => {
  it('--param callId=ID acts on an existing call; a state it cannot fill is an error result naming the flag', async () => {
    const server = await startReference({ port: 0, token: 'param-token' });
    const out = tempDir();
    try {
      const base = `${server.url}/graph-v1.0`;
      const setup = await fetch(`${base}${STATE_PATH}`, { method: 'POST', body: JSON.stringify({ state: 'a call exists', params: {}, action: 'setup' }) });
      const { callId } = (await setup.json()) as { callId: string };
      const ok = await cli(['verify', '--target', base, '--profile', 'graph-v1.0', '--param', `callId=${callId}`, '--token', 'param-token', '--reports', join(out.dir, 'ok')]);
      expect(ok.stderr).toBe('');
      expect(ok.status).toBe(0);
      const wrong = await cli(['verify', '--target', base, '--profile', 'graph-v1.0', '--param', 'userId=u1', '--token', 'param-token', '--reports', join(out.dir, 'wrong')]);
      expect(wrong.status).toBe(1);
      const results = reportsUnder(join(out.dir, 'wrong')).flatMap((rep) => rep.results);
      const statusCode = results.find((x) => x.id.endsWith('/status-code/valid-request'))!;
      expect(statusCode.verdict).toBe('error');
      expect(statusCode.message).toContain('give --call-id ID, or --state-url');
      const bad = await cli(['verify', '--target', base, '--param', 'callId', '--reports', join(out.dir, 'bad')]);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(/--param must be NAME=ID/);
    } finally {
      await server.close();
      out.cleanup();
    }
  });
});
