/**
 * End to end, as a user runs it: `extract` and `build` graph-full profiles through the CLI, start
 * `callconform serve` on them, and `callconform verify` it: the reference passes its own contracts
 * with nothing failed, warned or errored, on the cloud-communications profile (create, get, delete
 * of calls and participants, actions with one and two path parameters) and on the shapes profile
 * (lists with paging, nested creates, update).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractCommsProfile } from '../corpus/comms-profile.js';
import { extractShapesProfile } from '../corpus/shapes-profile.js';
import { cliPath, runCliAsync, tempDir } from '../helpers.js';

const TOKEN = 'tok-every-shape-1234';
const work = tempDir();
afterAll(() => work.cleanup());

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
    const { specsDir, contractsDir } = await extract(join(work.dir, profile));
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
