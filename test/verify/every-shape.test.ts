/**
 * End to end, as a user runs it: `extract` and `build` graph-full profiles through the CLI, start
 * `callconform serve` on them, and `callconform verify` it: the reference passes its own contracts
 * with nothing failed, warned or errored, on the cloud-communications profile (create, get, delete
 * of calls and participants, actions with one and two path parameters) and on the shapes profile
 * (lists with paging, nested creates, update). Pact's own verifier (`callconform pact-verify`)
 * passes the cloud-communications pact against the same reference, whose state handler sets up
 * every provider state the pact names.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractCommsProfile } from '../corpus/comms-profile.js';
import { extractShapesProfile } from '../corpus/shapes-profile.js';
import { cliPath, runCliAsync, tempDir } from '../helpers.js';

const TOKEN = 'tok-every-shape-1234';
const work = tempDir();
afterAll(() => work.cleanup());

type Extract = (dir: string) => Promise<{ specsDir: string; contractsDir: string }>;
const built = new Map<string, ReturnType<Extract>>();
/** Each profile is extracted and built once for all the tests here. */
function profileOnce(profile: string, extract: Extract): ReturnType<Extract> {
  if (!built.has(profile)) built.set(profile, extract(join(work.dir, profile)));
  return built.get(profile)!;
}

/** `callconform serve` on the profile; resolves with its URL and a stop function. */
function serve(specsDir: string, contractsDir: string): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [cliPath, 'serve', '--port', '0', '--specs', specsDir, '--contracts', contractsDir], { env: { ...process.env, CALLCONFORM_TOKEN: TOKEN } });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const url = /^(http:\/\/\S+)/.exec(out)?.[1];
      if (url && out.includes('\n')) resolve({ url, stop: () => child.kill('SIGTERM') });
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
  });
}

describe.each([
  ['comms', extractCommsProfile],
  ['shapes', extractShapesProfile],
] as const)('serve + verify over the %s profile of graph-full', (profile, extract) => {
  it('passes every check: 0 failed, 0 warned, 0 errored, 0 skipped (exit 0)', async () => {
    const { specsDir, contractsDir } = await profileOnce(profile, extract);
    const server = await serve(specsDir, contractsDir);
    try {
      const run = await runCliAsync(['verify', '--target', server.url, '--state-url', `${server.url}/_callconform/state`, '--specs', specsDir, '--contracts', contractsDir, '--reports', join(work.dir, `${profile}-reports`)], {
        env: { CALLCONFORM_TOKEN: TOKEN },
      });
      const row = new RegExp(`^${profile}\\s+(\\S+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)`, 'm').exec(run.stdout);
      expect(row, run.stdout + run.stderr).not.toBeNull();
      const [, verdict, passed, failed, warned, skipped, errored] = row!;
      expect({ verdict, failed, warned, skipped, errored }, run.stdout).toEqual({ verdict: 'conformant', failed: '0', warned: '0', skipped: '0', errored: '0' });
      expect(Number(passed)).toBeGreaterThan(50);
      expect(run.status).toBe(0);
    } finally {
      server.stop();
    }
  }, 180_000);
});

interface PactState {
  name: string;
  params?: Record<string, string>;
}

describe('pact-verify over the comms profile of graph-full', () => {
  it("passes every HTTP interaction with Pact's verifier, and every state the pact names is one the reference sets up", async () => {
    const { specsDir, contractsDir } = await profileOnce('comms', extractCommsProfile);
    const pact = JSON.parse(readFileSync(join(contractsDir, 'pacts', 'comms.json'), 'utf8')) as { interactions: Array<{ type: string; providerStates?: PactState[] }> };
    const states = new Map<string, PactState>();
    for (const s of pact.interactions.flatMap((i) => i.providerStates ?? [])) states.set(s.name, s);
    expect(states.size).toBeGreaterThan(1);
    const server = await serve(specsDir, contractsDir);
    try {
      for (const state of states.values()) {
        const answer = await fetch(`${server.url}/_callconform/state`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ state: state.name, params: state.params ?? {}, action: 'setup' }) });
        expect(answer.status, state.name).toBe(200);
        const ids = (await answer.json()) as Record<string, unknown>;
        for (const key of Object.keys(state.params ?? {})) expect(typeof ids[key], `${state.name}: ${key}`).toBe('string');
      }
      const run = await runCliAsync(['pact-verify', '--target', server.url, '--state-url', `${server.url}/_callconform/state`, '--pacts', join(contractsDir, 'pacts')], { env: { CALLCONFORM_TOKEN: TOKEN } });
      const passed = /pact verification passed: (\d+) HTTP interactions/.exec(run.stdout);
      expect(passed, run.stdout.slice(-4000) + run.stderr).not.toBeNull();
      console.log(`comms pact: ${passed![1]} HTTP interactions verified, ${states.size} provider states: ${[...states.keys()].join('; ')}`);
      expect(Number(passed![1])).toBe(pact.interactions.filter((i) => i.type === 'Synchronous/HTTP').length);
      expect(run.status).toBe(0);
    } finally {
      server.stop();
    }
  }, 180_000);
});
