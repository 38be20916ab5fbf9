/**
 * Bench: 1,000 sequential requests against the reference server (one keep-alive connection),
 * a round robin over every documented action with a valid body, plus the GET of each Location.
 *
 *   npx tsx bench/reference/sequential.ts [--specs specs --contracts contracts] [--n 1000]
 *
 * Uses the real specs and compiled schemas when contracts/schemas exists, else the test fixture.
 * A warm-up round (200 requests) runs first; a bare node:http server answering the same number
 * of requests on the same machine is timed too, so a loaded machine shows as such.
 * Prints one human line and one JSON line.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'undici';
import { startReference, type ReferenceServer } from '../../src/reference/server.js';
import { loadReferenceInputs, type ReferenceInputs } from '../../src/reference/inputs.js';
import type { OperationSpec } from '../../src/spec/model.js';
import { fixtureInputs } from '../../test/reference/fixtures.js';

const { values } = parseArgs({ options: { specs: { type: 'string', default: 'specs' }, contracts: { type: 'string', default: 'contracts' }, n: { type: 'string', default: '1000' } } });
const N = Number(values.n);
const TOKEN = 'bench-token';

function pickInputs(): { inputs: ReferenceInputs; from: string } {
  if (existsSync(join(values.contracts, 'schemas'))) return { inputs: loadReferenceInputs(values.specs, values.contracts), from: `${values.specs} + ${values.contracts}` };
  return { inputs: fixtureInputs(), from: 'test fixture (no compiled contracts yet)' };
}

/** A valid body for an operation from its facts: documented constants, the first value of each enum, required fields. */
function validBody(op: OperationSpec): unknown {
  const body: Record<string, unknown> = {};
  for (const p of op.request.body?.parameters ?? []) {
    if (p.const !== undefined) body[p.name] = p.const;
    else if (p.enum) body[p.name] = p.type === 'array' ? [p.enum.values[0]] : p.enum.values[0];
    else if (p.required) body[p.name] = p.type === 'object' ? {} : p.type === 'array' ? [] : 'x';
  }
  return body;
}

/** The same number of sequential JSON POSTs against a bare node:http server (after a warm-up). */
async function bareNodeHttp(n: number): Promise<number> {
  const bare = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"statusCode":0}');
    });
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', () => resolve()));
  const client = new Client(`http://127.0.0.1:${(bare.address() as AddressInfo).port}`);
  const run = async (count: number): Promise<number> => {
    const t0 = performance.now();
    for (let i = 0; i < count; i++) {
      const r = await client.request({ path: '/x', method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
      await r.body.text();
    }
    return performance.now() - t0;
  };
  await run(200);
  const ms = await run(n);
  await client.close();
  await new Promise<void>((resolve) => bare.close(() => resolve()));
  return ms;
}

async function main(): Promise<void> {
  const { inputs, from } = pickInputs();
  const server: ReferenceServer = await startReference({ port: 0, token: TOKEN, inputs });
  const client = new Client(server.url, { pipelining: 1 });
  try {
    const origin = new URL(server.url);
    const state = await client.request({ path: '/_callconform/state', method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ state: 'a call exists', params: {}, action: 'setup' }) });
    const { callId } = (await state.body.json()) as { callId: string };
    const actions = inputs.operations.map((op) => {
      const path = (op.paths.find((p) => !p.deprecated) ?? op.paths[0])!.template.replace(/\{[^}]+\}/, encodeURIComponent(callId));
      return { op, path, body: JSON.stringify(validBody(op)) };
    });
    const round = async (n: number): Promise<{ ms: number; failures: number }> => {
      let failures = 0;
      const t0 = performance.now();
      for (let i = 0; i < n; ) {
        for (const a of actions) {
          if (i >= n) break;
          const r = await client.request({ path: a.path, method: a.op.method.value, headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: a.body });
          await r.body.text();
          i++;
          if (r.statusCode >= 300) {
            failures++;
            if (failures === 1) process.stderr.write(`first failure: ${a.op.method.value} ${a.path} ${a.body} → ${r.statusCode}\n`);
          }
          const location = r.headers.location;
          if (typeof location === 'string' && i < n) {
            const url = new URL(location);
            if (url.origin !== origin.origin) failures++;
            const g = await client.request({ path: url.pathname, method: 'GET', headers: { authorization: `Bearer ${TOKEN}` } });
            await g.body.text();
            i++;
            if (g.statusCode !== 200) failures++;
          }
        }
      }
      return { ms: performance.now() - t0, failures };
    };
    await round(200);
    const { ms, failures } = await round(N);
    const baseline = await bareNodeHttp(N);
    process.stdout.write(`reference server: ${N} sequential requests in ${ms.toFixed(0)} ms (${((N / ms) * 1000).toFixed(0)} req/s, ${failures} failures); bare node:http on this machine: ${baseline.toFixed(0)} ms — specs: ${from}\n`);
    process.stdout.write(`${JSON.stringify({ bench: 'reference-sequential', requests: N, ms: Math.round(ms), baselineMs: Math.round(baseline), failures, from })}\n`);
    if (failures > 0) process.exitCode = 1;
  } finally {
    await client.close();
    await server.close();
  }
}

await main();
