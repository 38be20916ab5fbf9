/**
 * `callconform diff-reports`: the pure comparison on fixture reports, and end to end on two real
 * runs of the built CLI against the reference (clean, then with a fault), read back from disk.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffReports, hasRegressions } from '../../src/report/diff-reports.js';
import { startReference, STATE_PATH, type ReferenceServer } from '../../src/reference/server.js';
import { looksLikeStackTrace, runCliAsync, tempDir } from '../helpers.js';
import { nonconformantReport } from './fixtures.js';

describe('diffReports', () => {
  it('names a check that passed and now fails as regressed, and the reverse as fixed', () => {
    const before = nonconformantReport();
    const after = nonconformantReport();
    const passing = after.results.find((r) => r.verdict === 'pass')!;
    const failing = after.results.find((r) => r.verdict === 'fail')!;
    passing.verdict = 'fail';
    failing.verdict = 'pass';
    const diff = diffReports([before], [after]);
    const kinds = new Map(diff[0]!.changes.map((c) => [c.id, c.kind]));
    expect(kinds.get(passing.id)).toBe('regressed');
    expect(kinds.get(failing.id)).toBe('fixed');
    expect(hasRegressions(diff)).toBe(true);
    expect(hasRegressions(diffReports([before], [before]))).toBe(false);
  });

  it('counts a new failing check as a regression and a vanished one as removed', () => {
    const before = nonconformantReport();
    const after = nonconformantReport();
    const gone = before.results.find((r) => r.verdict === 'pass')!;
    after.results = after.results.filter((r) => r.id !== gone.id);
    after.results.push({ ...after.results[0]!, id: 'graph-v1.0/x/status-code/new', verdict: 'error' });
    const diff = diffReports([before], [after]);
    const kinds = new Map(diff[0]!.changes.map((c) => [c.id, c.kind]));
    expect(kinds.get(gone.id)).toBe('removed');
    expect(kinds.get('graph-v1.0/x/status-code/new')).toBe('added');
    expect(hasRegressions(diff)).toBe(true);
  });
});

const TOKEN = 'diff-reports-token-5c1';

describe('callconform diff-reports (CLI)', () => {
  let clean: ReferenceServer;
  let faulty: ReferenceServer;
  const out = tempDir();
  const cleanDir = join(out.dir, 'clean');
  const faultyDir = join(out.dir, 'faulty');
  beforeAll(async () => {
    clean = await startReference({ port: 0, token: TOKEN });
    faulty = await startReference({ port: 0, token: TOKEN, faults: ['accept-over-max-length'] });
    const verify = (base: string, reports: string): Promise<unknown> =>
      runCliAsync(['verify', '--target', `${base}/graph-v1.0`, '--profile', 'graph-v1.0', '--state-url', `${base}/graph-v1.0${STATE_PATH}`, '--reports', reports], { env: { CALLCONFORM_TOKEN: TOKEN } });
    await verify(clean.url, cleanDir);
    await verify(faulty.url, faultyDir);
  }, 120_000);
  afterAll(async () => {
    await clean.close();
    await faulty.close();
    out.cleanup();
  });

  it('exits 1 and names the check that regressed between a clean run and a faulty one', async () => {
    const r = await runCliAsync(['diff-reports', cleanDir, faultyDir]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^graph-v1\.0: conformant -> nonconformant$/m);
    expect(r.stdout).toMatch(/^ {2}regressed graph-v1\.0\/updateRecordingStatus\/max-length\/clientContext-257 \(pass -> fail\): .*expected 4xx/m);
    expect(r.stdout).toMatch(/\b1 regressed, 0 fixed\b/);
  });

  it('exits 0 and lists the fix the other way round, also as JSON', async () => {
    const r = await runCliAsync(['diff-reports', faultyDir, cleanDir, '--format', 'json']);
    expect(r.status).toBe(0);
    const parsed = JSON.parse(r.stdout) as { counts: Record<string, number>; profiles: { changes: { id: string; kind: string }[] }[] };
    expect(parsed.counts.fixed).toBe(1);
    expect(parsed.counts.regressed).toBe(0);
    expect(parsed.profiles[0]!.changes.find((c) => c.kind === 'fixed')?.id).toBe('graph-v1.0/updateRecordingStatus/max-length/clientContext-257');
  });

  it('rejects a file that is not a report.json with one line and exit 2', async () => {
    const bad = join(out.dir, 'bad');
    mkdirSync(bad, { recursive: true });
    writeFileSync(join(bad, 'report.json'), '{"tool": {"name": "callconform"}}');
    const r = await runCliAsync(['diff-reports', cleanDir, bad]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^callconform: .*bad\/report\.json: not a callconform report\.json: /);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(looksLikeStackTrace(r.stderr)).toBe(false);
    const missing = await runCliAsync(['diff-reports', cleanDir, join(out.dir, 'nowhere')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/nowhere: cannot stat/);
  });
});
