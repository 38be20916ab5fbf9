/**
 * `callconform pact-verify` against small real HTTP servers written here: one that behaves as
 * the demo pacts say (passes), one that answers 202 where 201 is contracted (fails, exit 1).
 */
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSet, MAX } from '../compile/fixtures.js';
import { bin, cli, writeSpecsDir } from '../compile/helpers.js';

const TOKEN = 'pv-secret-token-123';

interface Behaviour {
  successStatus: number;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString()));
    req.on('end', () => resolve(data));
  });
}

/** The demo profiles as the docs say: tuneWidget (auth, enum, maxLength, Location) and tagCall. */
function demoServer(behaviour: Behaviour): Server {
  const calls = new Set<string>();
  let next = 0;
  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  };
  return createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const text = await readBody(req);
      if (req.method === 'POST' && url.pathname === '/_pact/state') {
        const state = JSON.parse(text) as { state: string; action: string };
        // The pacts name a state per resource: the widget of tuneWidget, the call of tagCall.
        const key = { 'a widget exists': 'widgetId', 'a call exists': 'callId' }[state.state];
        if (key === undefined || state.action !== 'setup') return json(res, 400, {});
        const id = `${key}-${++next}`;
        calls.add(id);
        return json(res, 200, { [key]: id });
      }
      const tune = /^\/api\/things\/widgets\/([^/]+)\/tune$/.exec(url.pathname);
      if (req.method === 'POST' && tune) {
        if (req.headers.authorization !== `Bearer ${TOKEN}`) return json(res, 401, { error: 'unauthorized' });
        if (!calls.has(tune[1]!)) return json(res, 404, {});
        const body = JSON.parse(text) as { mode?: unknown; note?: unknown };
        if (body.mode !== 'alpha' && body.mode !== 'beta') return json(res, 422, {});
        if (body.note !== undefined && (typeof body.note !== 'string' || body.note.length > MAX)) return json(res, 422, {});
        const origin = `http://${req.headers.host}`;
        return json(
          res,
          behaviour.successStatus,
          { '@odata.type': '#demo.tuneOperation', id: 'op-1', note: body.note ?? '', state: 'queued' },
          { Location: `${origin}/api/things/widgets/${tune[1]}/jobs/op-1` },
        );
      }
      const tag = /^\/api\/v7\/calls\/([^/]+)$/.exec(url.pathname);
      if (req.method === 'POST' && tag) {
        if (!calls.has(tag[1]!)) return json(res, 404, {});
        const body = JSON.parse(text) as { operationName?: unknown };
        if (body.operationName !== 'TagCall') return json(res, 400, {});
        return json(res, 200, { code: 0 });
      }
      json(res, 404, {});
    })();
  });
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Run the CLI asynchronously (the servers live in this process). */
function run(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, CALLCONFORM_TOKEN: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ status: code ?? -1, stdout, stderr }));
  });
}

describe('callconform pact-verify', () => {
  // The temporary specs have no sources, hence no findings: the status contradiction is left out.
  const set = demoSet();
  delete set.operations.find((o) => o.operation === 'tuneWidget')!.response.statusFromProse;
  const root = writeSpecsDir(set, []);
  const pacts = join(root, 'contracts', 'pacts');
  const good = demoServer({ successStatus: 201 });
  const bad = demoServer({ successStatus: 202 });
  let goodUrl = '';
  let badUrl = '';

  beforeAll(async () => {
    const built = cli(['build', '--specs', join(root, 'specs'), '--out', join(root, 'contracts')]);
    expect(built.status, built.stderr).toBe(0);
    goodUrl = await listen(good);
    badUrl = await listen(bad);
  });
  afterAll(() => {
    good.close();
    bad.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('passes against a server that behaves as the pacts say (target with a path prefix, token injected, never printed)', async () => {
    const r = await run(['pact-verify', '--target', `${goodUrl}/api`, '--state-url', `${goodUrl}/_pact/state`, '--token', TOKEN, '--pacts', pacts]);
    expect(r.stderr).not.toContain(TOKEN);
    expect(r.stdout).not.toContain(TOKEN);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/pact verification passed: \d+ HTTP interactions of 2 pact\(s\); 1 CometD message interaction\(s\) left to `callconform verify`/);
  });

  it('fails (exit 1) against a server that answers 202 where 201 is contracted', async () => {
    const r = await run(['pact-verify', '--target', `${badUrl}/api`, '--state-url', `${badUrl}/_pact/state`, '--token', TOKEN, '--pacts', pacts, '--profile', 'demo']);
    expect(r.status).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/expected \S*201\S* but was \S*202/);
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });

  it('fails without the token the server needs (the 401 interaction alone passes)', async () => {
    const r = await run(['pact-verify', '--target', `${goodUrl}/api`, '--state-url', `${goodUrl}/_pact/state`, '--pacts', pacts, '--profile', 'demo']);
    expect(r.status).toBe(1);
  });

  it('exit 3 when the target is unreachable, 2 on a bad URL', async () => {
    const closed = createServer();
    const url = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    expect((await run(['pact-verify', '--target', url, '--state-url', `${url}/s`, '--pacts', pacts])).status).toBe(3);
    expect((await run(['pact-verify', '--target', 'ftp://x', '--state-url', 'http://x', '--pacts', pacts])).status).toBe(2);
  });
});

