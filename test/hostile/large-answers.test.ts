/**
 * A conformant target whose every JSON answer is about 1 MB (the reference behind a proxy that
 * pads them) is judged conformant through the built CLI: the time limit measures the target, and
 * evidence is bounded, so the report stays small however large the answers were. Ten runs of every
 * profile are in `npm run bench -- large-answers` (figures in docs/security.md).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startReference, STATE_PATH, type ReferenceServer } from '../../src/reference/server.js';
import { spawnCli, tempDir } from '../helpers.js';
import { paddedProxy, type HostileServer } from './servers.js';

const TOKEN = 'large-answers-token-77';
let reference: ReferenceServer;
let target: HostileServer;
const out = tempDir();

beforeAll(async () => {
  reference = await startReference({ port: 0, token: TOKEN });
  target = await paddedProxy(reference.url, 1_000_000);
});
afterAll(async () => {
  await target.close();
  await reference.close();
  out.cleanup();
});

const verify = (args: string[]): ReturnType<typeof spawnCli> => spawnCli(['verify', ...args], { env: { CALLCONFORM_TOKEN: TOKEN }, guardMs: 90_000 });

it('1 MB answers: conformant, and every report file far smaller than one answer', async () => {
  const reports = join(out.dir, 'reports');
  // A modest pool: this machine's load must not make the target itself slow (the bench runs the default).
  const run = await verify(['--target', target.url, '--state-url', `${target.url}${STATE_PATH}`, '--profile', 'graph-v1.0', '--concurrency', '4', '--max-body', String(2 * 1_048_576), '--reports', reports]);
  expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
  expect(run.stdout).toMatch(/graph-v1\.0\s+conformant\s+15\s+0/);
  // The profile's folder (the run's own folder beside it holds summary.md and index.html).
  const dir = readdirSync(reports).find((d) => d.endsWith('-graph-v1.0'));
  const files = readdirSync(join(reports, dir!)).map((f) => join(reports, dir!, f));
  expect(files).toHaveLength(4);
  for (const f of files) expect(statSync(f).size, f).toBeLessThan(400_000);
  const report = JSON.parse(readFileSync(join(reports, dir!, 'report.json'), 'utf8')) as { results: { evidence: { response?: { body?: unknown } } }[] };
  // The padded answers are there, cut: a text of the limit's length and the full length noted.
  const bodies = report.results.map((r) => r.evidence.response?.body).filter((b): b is string => typeof b === 'string');
  expect(bodies.some((b) => /^\{"padding":"x{100}/.test(b) && /… \(\d{7} characters\)$/.test(b))).toBe(true);
});
