/**
 * The vitest adapter (`suites/conformance.test.ts`) as a team runs it: `vitest run suites/` on
 * vitest's own pool, options from the environment, against a reference with faults; per check it
 * must give the verdict `callconform verify` gives against the same server.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReference, STATE_PATH, type ReferenceServer } from '../../src/reference/server.js';
import { settingsFromEnv, SUITE_ENV } from '../../src/verify/suite.js';
import { cliPath, repoRoot, tempDir } from '../helpers.js';

const TOKEN = 'adapter-token-5f1e';
const vitestBin = join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs');

function run(args: string[], env: Record<string, string>): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, env: { ...process.env, CI: '1', CALLCONFORM_TARGET: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ status: code ?? -1, stdout, stderr }));
  });
}

interface JsonReport {
  testResults: { message: string; assertionResults: { title: string; status: string; meta: { callconform?: { verdict: string } } }[] }[];
}

/** What a vitest test's status is for each report verdict: a SHOULD warning passes, with an annotation. */
const STATUS_OF: Record<string, string> = { pass: 'passed', warn: 'passed', skip: 'skipped', fail: 'failed', error: 'failed' };

describe('suites/conformance.test.ts under `vitest run`', () => {
  let faulty: ReferenceServer;
  beforeAll(async () => {
    faulty = await startReference({ port: 0, token: TOKEN, faults: ['accept-over-max-length', 'userdata-replaced'] });
  });
  afterAll(() => faulty.close());

  it('gives the same verdict per check as `callconform verify`, CometD included', async () => {
    const out = tempDir();
    try {
      const reports = join(out.dir, 'reports');
      const cli = await run([cliPath, 'verify', '--target', faulty.url, '--state-url', `${faulty.url}${STATE_PATH}`, '--reports', reports], { CALLCONFORM_TOKEN: TOKEN });
      expect(cli.status, cli.stderr).toBe(1);
      const fromCli = readdirSync(reports, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('report.json'))
        .flatMap((f) => (JSON.parse(readFileSync(join(reports, f), 'utf8')) as { results: { id: string; verdict: string }[] }).results)
        .map((r) => `${r.id} ${r.verdict}`)
        .sort();

      const json = join(out.dir, 'vitest.json');
      const suite = await run([vitestBin, 'run', 'suites/', '--reporter=json', `--outputFile=${json}`], {
        CALLCONFORM_TARGET: faulty.url,
        CALLCONFORM_STATE_URL: `${faulty.url}${STATE_PATH}`,
        CALLCONFORM_TOKEN: TOKEN,
      });
      expect(suite.status, suite.stderr).toBe(1);
      const tests = (JSON.parse(readFileSync(json, 'utf8')) as JsonReport).testResults.flatMap((f) => f.assertionResults);
      const fromSuite = tests.map((t) => `${t.title} ${t.meta.callconform?.verdict ?? 'none'}`).sort();
      expect(fromCli.length).toBeGreaterThan(50);
      expect(fromCli.some((v) => v.includes('/notification/'))).toBe(true);
      expect(fromCli.filter((v) => v.endsWith(' fail')).length).toBeGreaterThanOrEqual(2);
      expect(fromSuite).toEqual(fromCli);
      for (const t of tests) expect(t.status, t.title).toBe(STATUS_OF[t.meta.callconform?.verdict ?? '']);
      expect(JSON.stringify(tests)).not.toContain(TOKEN);
    } finally {
      out.cleanup();
    }
  });

  it('fails the file with a one-line reason naming the variable when the environment is incomplete', async () => {
    const r = await run([vitestBin, 'run', 'suites/'], { CALLCONFORM_TARGET: faulty.url });
    expect(r.status).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/give CALLCONFORM_STATE_URL URL \(a fresh provider state per check\), or CALLCONFORM_CALL_ID ID \/ CALLCONFORM_PARAM NAME=ID/);
  });

  it('is not part of the project\'s own test run when no target is named', async () => {
    const r = await run([vitestBin, 'list', '--filesOnly'], {});
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/suites\//);
    expect(r.stdout).toMatch(/test\/verify\/vitest-adapter\.test\.ts/);
  });
});

describe('settingsFromEnv', () => {
  it('reads every documented variable, lists split, blanks ignored', () => {
    const env = Object.fromEntries(Object.keys(SUITE_ENV).map((k) => [k, `${k.toLowerCase()},x`]));
    const s = settingsFromEnv({ ...env, CALLCONFORM_HEADER: 'A: 1\n\nB: 2', CALLCONFORM_CALL_ID: '' }, (name) => `/pkg/${name}`);
    expect(s.profiles).toEqual(['callconform_profile', 'x']);
    expect(s.only).toEqual(['callconform_only', 'x']);
    expect(s.headers).toEqual(['A: 1', 'B: 2']);
    expect(s.callId).toBeUndefined();
    expect(s.target).toBe('callconform_target,x');
    const defaults = settingsFromEnv({}, (name) => `/pkg/${name}`);
    expect(defaults).toMatchObject({ specsDir: '/pkg/specs', contractsDir: '/pkg/contracts', timeout: '5000' });
  });
});
