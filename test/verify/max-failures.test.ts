/**
 * `--max-failures N` / `--fail-fast`: the run stops starting checks once N failed or errored; its
 * scope records that it stopped and how many planned checks never ran, so it is never conformant.
 * Through the built CLI against the reference with one fault (clientContext over 256 accepted).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkReport } from '../../src/report/validate-report.js';
import type { Report } from '../../src/report/result.js';
import { STATE_PATH, type ReferenceServer } from '../../src/reference/server.js';
import { runCliAsync } from '../helpers.js';
import { useReferencePair } from './reference-pair.js';

const TOKEN = 'maxfail-token-93b0';

describe('--max-failures and --fail-fast (CLI)', () => {
  const refs = useReferencePair(TOKEN);

  async function verify(server: ReferenceServer, ...extra: string[]): Promise<{ status: number; stdout: string; stderr: string; report?: Report; html?: string }> {
    const reports = refs.reportsDir();
    const r = await runCliAsync(['verify', '--target', server.url, '--state-url', `${server.url}${STATE_PATH}`, '--profile', 'graph-v1.0', '--reports', reports, ...extra], { env: { CALLCONFORM_TOKEN: TOKEN } });
    if (r.status === 2) return r;
    const dir = join(reports, readdirSync(reports).find((d) => d.endsWith('-graph-v1.0'))!);
    return { ...r, report: JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report, html: readFileSync(join(dir, 'report.html'), 'utf8') };
  }

  it('--fail-fast stops after the first failure: the rest never runs, and the scope says so', async () => {
    const full = await verify(refs.faulty());
    const r = await verify(refs.faulty(), '--fail-fast', '--concurrency', '1');
    expect(r.status).toBe(1);
    const report = r.report!;
    expect(checkReport(report)).toEqual([]);
    expect(report.results.filter((x) => x.verdict === 'fail' || x.verdict === 'error')).toHaveLength(1);
    expect(report.results.length).toBeLessThan(full.report!.results.length);
    expect(report.scope).toMatchObject({ narrowed: true, stopped: { maxFailures: 1, notRun: full.report!.results.length - report.results.length } });
    expect(report.verdict).toBe('nonconformant');
    expect(r.html).toMatch(/data-scope="narrowed">[^<]*stopped after 1 failed or errored \(--max-failures\), \d+ not run/);
    // The check after the failure in plan order did not run.
    const failedAt = full.report!.results.findIndex((x) => x.verdict === 'fail');
    expect(report.results.map((x) => x.id)).not.toContain(full.report!.results[failedAt + 1]!.id);
  });

  it('a limit the run does not reach changes nothing: every check runs and the scope is full', async () => {
    const r = await verify(refs.faulty(), '--max-failures', '5');
    expect(r.status).toBe(1);
    expect(r.report!.scope).toMatchObject({ narrowed: false });
    expect(r.report!.scope!.stopped).toBeUndefined();
    expect(r.report!.scope!.ran + r.report!.scope!.skipped).toBe(r.report!.scope!.planned);
    const ok = await verify(refs.clean(), '--fail-fast');
    expect(ok.status).toBe(0);
    expect(ok.report!.verdict).toBe('conformant');
  });

  it.each([
    [['--fail-fast', '--max-failures', '2'], /^callconform: give either --fail-fast or --max-failures N, not both$/],
    [['--max-failures', '0'], /^callconform: --max-failures must be an integer 1\.\.1000000, got "0"$/],
    [['--max-failures', 'x'], /^callconform: --max-failures must be an integer/],
  ])('%j is exit 2', async (args, message) => {
    const r = await verify(refs.clean(), ...args);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(message);
  });
});
