/**
 * After the verdict table, the terminal lists every failed and errored check (id, requirement,
 * expected vs actual, doc line), as a test runner does: end to end through the built CLI against
 * the reference with a fault, and on fixture reports with hostile evidence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatFailureList } from '../../src/report/failure-list.js';
import { startReference, STATE_PATH, type ReferenceServer } from '../../src/reference/server.js';
import { runCliAsync, tempDir } from '../helpers.js';
import { conformantReport, FIXTURE_TOKEN, HOSTILE, nonconformantReport } from '../report/fixtures.js';
import { redactReport } from '../../src/report/redact.js';

const TOKEN = 'failure-list-token-0a4';

describe('formatFailureList', () => {
  it('lists each failed and errored result, terminal-safe, and nothing for a clean run', () => {
    const report = redactReport(nonconformantReport(), { secrets: [FIXTURE_TOKEN] });
    const text = formatFailureList([report]);
    const bad = report.results.filter((r) => r.verdict === 'fail' || r.verdict === 'error');
    expect(text).toContain(`${bad.length} checks failed or could not be judged:`);
    for (const r of bad) expect(text).toContain(r.id);
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/);
    expect(text).not.toContain(HOSTILE.controls);
    expect(formatFailureList([conformantReport()])).toBe('');
  });
});

describe('verify prints the failures after the table (CLI)', () => {
  let faulty: ReferenceServer;
  const out = tempDir();
  beforeAll(async () => {
    faulty = await startReference({ port: 0, token: TOKEN, faults: ['accept-over-max-length'] });
  });
  afterAll(async () => {
    await faulty.close();
    out.cleanup();
  });

  it('names the failed check with its requirement, expected vs actual and doc line', async () => {
    const base = `${faulty.url}/graph-v1.0`;
    const r = await runCliAsync(['verify', '--target', base, '--profile', 'graph-v1.0', '--state-url', `${base}${STATE_PATH}`, '--reports', out.dir], { env: { CALLCONFORM_TOKEN: TOKEN } });
    expect(r.status).toBe(1);
    const table = r.stdout.indexOf('overall');
    const list = r.stdout.indexOf('1 check failed or could not be judged:');
    expect(table).toBeGreaterThan(-1);
    expect(list).toBeGreaterThan(table);
    const failures = r.stdout.slice(list);
    expect(failures).toMatch(/^1\) FAIL {2}graph-v1\.0\/updateRecordingStatus\/max-length\/clientContext-257 \[MUST\]$/m);
    expect(failures).toMatch(/^ {3}requires: clientContext longer than 256 characters is rejected/m);
    expect(failures).toMatch(/^ {3}expected: .*4xx/m);
    expect(failures).toMatch(/^ {3}actual: {3}200$/m);
    expect(failures).toMatch(/^ {3}docs: {5}specs\/sources\/graph-v1\.0\/call-updaterecordingstatus\.md:\d+$/m);
    expect(r.stdout).not.toContain(TOKEN);
  });
});
