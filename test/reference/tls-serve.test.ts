/**
 * End to end: `node bin/callconform.js serve --tls` on a free port, driven by real clients that
 * trust the certificate it names on its start line — the official Microsoft Graph JS client
 * through every accepted operation of the built Graph pacts (the token is attached to https
 * custom hosts only), the CometD project's client through each notification of the pacts — and
 * `verify --ca` against it, whose verdicts must be those of the same run over http. Also
 * `--cert/--key` with given PEM files, and their refusals.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliPath, repoRoot, spawnCli, tempDir } from '../helpers.js';
import { pactCases } from './pact-cases.js';
import { writePemPair } from './pem-pair.js';
import type { DriverOutcome, DriverPlan } from './tls-clients-driver.js';

const TOKEN = 'tok-tls-serve-5f2c9a';
const work = tempDir();
afterAll(() => work.cleanup());

interface Served {
  url: string;
  /** The PEM file the start line names (generated certificates). */
  certFile?: string;
  stderr: () => string;
  stop(): Promise<number | null>;
}

/** `callconform serve` with the repository's specs and contracts; resolves once its start line is out. */
function serve(args: string[]): Promise<Served> {
  const child = spawn(process.execPath, [cliPath, 'serve', '--port', '0', ...args], { cwd: repoRoot, env: { ...process.env, CALLCONFORM_TOKEN: TOKEN } });
  let out = '';
  let err = '';
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const ready = (): void => {
      const url = /^(\S+)\n/.exec(out)?.[1];
      const start = /reference implementation on .*\n/.exec(err)?.[0];
      if (!url || !start) return;
      resolve({
        url,
        certFile: /certificate: (\S+?)\)/.exec(start)?.[1],
        stderr: () => err,
        stop: () => {
          child.kill('SIGTERM');
          return exit;
        },
      });
    };
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      ready();
    });
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
      ready();
    });
    void exit.then((code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
}

/** The driver in a child process that trusts `certFile` (NODE_EXTRA_CA_CERTS is read at start only). */
function drive(plan: DriverPlan, certFile: string): DriverOutcome {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'tls-clients-driver.ts')], {
    cwd: repoRoot,
    input: JSON.stringify(plan),
    encoding: 'utf8',
    env: { ...process.env, NODE_EXTRA_CA_CERTS: certFile },
    timeout: 90_000,
  });
  if (run.status !== 0) throw new Error(`driver exited ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout) as DriverOutcome;
}

const cases = pactCases(join(repoRoot, 'contracts'));
const graphProfiles = cases.filter((c) => c.profile.startsWith('graph-'));

/** `profile verdict passed failed warned skipped errored` rows of verify's table. */
function verdictRows(stdout: string): string[] {
  return stdout.split('\n').flatMap((l) => {
    const m = /^(\S+)\s+(conformant|nonconformant|partial|error)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)/.exec(l);
    return m ? [m.slice(1).join(' ')] : [];
  });
}

describe('serve --tls', () => {
  it('the official Graph JS client passes every accepted Graph operation of the pacts with the token, and is refused without it; CometD notifications arrive over TLS', async () => {
    expect(graphProfiles.length).toBeGreaterThan(0);
    const server = await serve(['--tls']);
    try {
      expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(server.certFile && existsSync(server.certFile)).toBe(true);
      expect(server.stderr()).not.toContain(TOKEN);
      const plan: DriverPlan = {
        base: server.url,
        token: TOKEN,
        graph: graphProfiles.flatMap((c) => c.accepted.map((request) => ({ profile: c.profile, request }))),
        notifications: cases.flatMap((c) => c.notifications),
      };
      expect(plan.graph.length).toBeGreaterThan(0);
      expect(plan.graph.filter((g) => g.request.authorized).length).toBeGreaterThan(0);
      expect(plan.notifications.length).toBeGreaterThan(0);
      const outcome = drive(plan, server.certFile!);
      expect(outcome.graph).toHaveLength(plan.graph.length);
      for (const [i, o] of outcome.graph.entries()) {
        const request = plan.graph[i]!.request;
        for (const a of [o.init, o.initWithMiddleware]) {
          expect(a.status, `${o.profile} ${o.description}: ${a.message ?? ''}`).toBe(request.status);
          if (request.location) {
            expect(a.location, o.description).toMatch(new RegExp(request.location));
            expect(a.location!.startsWith(`${server.url}/`), `${a.location} on ${server.url}`).toBe(true);
          }
        }
        if (request.location) expect(o.locationGet?.status, o.description).toBe(200);
        if (request.authorized) expect(o.withoutToken, o.description).toMatchObject({ status: 401, message: 'Access token is empty.' });
      }
      expect(outcome.notifications).toHaveLength(plan.notifications.length * 2);
      for (const [i, n] of outcome.notifications.entries()) {
        const expected = plan.notifications[Math.floor(i / 2)]!;
        expect(n.status, n.description).toBe(expected.trigger.status);
        expect(n.message, `${n.description} over ${n.transport}`).toMatchObject({ channel: expected.channel, data: expected.exact });
      }
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(existsSync(server.certFile!)).toBe(false);
  }, 180_000);

  it('verify --ca <the certificate it names> gives the verdicts of the same run over http', async () => {
    const [tls, plain] = await Promise.all([serve(['--tls']), serve([])]);
    try {
      const verify = (url: string, extra: string[], reports: string): ReturnType<typeof spawnCli> =>
        spawnCli(['verify', '--target', url, '--state-url', `${url}/_callconform/state`, '--reports', join(work.dir, reports), ...extra], { env: { CALLCONFORM_TOKEN: TOKEN }, guardMs: 170_000 });
      const [overTls, overHttp] = await Promise.all([verify(tls.url, ['--ca', tls.certFile!], 'tls'), verify(plain.url, [], 'http')]);
      expect(overHttp.code, overHttp.stderr).toBe(0);
      expect(overTls.code, overTls.stdout + overTls.stderr).toBe(0);
      const rows = verdictRows(overTls.stdout);
      expect(rows.length).toBe(cases.length + 1);
      expect(rows).toEqual(verdictRows(overHttp.stdout));
      expect(rows.at(-1)).toMatch(/^overall conformant \d+ 0 0 0 0$/);
    } finally {
      await Promise.all([tls.stop(), plain.stop()]);
    }
  }, 180_000);

  it('--cert/--key serve the given certificate; a missing or unreadable file, or one flag alone, is one line naming it and exit 2', async () => {
    const { cert, key } = await writePemPair(work.dir, 'given');
    const server = await serve(['--cert', cert, '--key', key]);
    try {
      expect(server.url).toMatch(/^https:/);
      expect(server.certFile).toBe(cert);
      const outcome = drive({ base: server.url, token: TOKEN, graph: [], notifications: cases.flatMap((c) => c.notifications).slice(0, 1) }, cert);
      expect(outcome.notifications[0]?.message).toBeDefined();
    } finally {
      await server.stop();
    }
    expect(existsSync(cert)).toBe(true);
    const refusals: [string[], RegExp][] = [
      [['--cert', join(work.dir, 'nowhere.pem'), '--key', key], /nowhere\.pem: cannot read the --cert file/],
      [['--cert', cert, '--key', cert], /given-cert\.pem: the --key file cannot be read/],
      [['--cert', cert], /--cert needs --key too/],
      [['--tls', '--key', key], /--key needs --cert too/],
    ];
    for (const [args, message] of refusals) {
      const run = spawnSync(process.execPath, [cliPath, 'serve', '--port', '0', ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 30_000 });
      expect(run.status, run.stderr).toBe(2);
      expect(run.stderr.trim().split('\n'), run.stderr).toHaveLength(1);
      expect(run.stderr).toMatch(message);
    }
  }, 120_000);
});
