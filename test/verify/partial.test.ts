/**
 * Honest scope: report.json records what a run covered and what it was computed from, and a run
 * narrowed by --only / --operation / --exclude-operation, or one that ran no check, is `partial`
 * (exit 1 unless --allow-partial; the HTML says it is not a certificate). Through the built CLI
 * against the reference.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkReport } from '../../src/report/validate-report.js';
import type { Report } from '../../src/report/result.js';
import { sha256Hex } from '../../src/spec/digest.js';
import { STATE_PATH, type ReferenceServer } from '../../src/reference/server.js';
import { useReferencePair } from './reference-pair.js';
import { looksLikeStackTrace, repoRoot, runCliAsync } from '../helpers.js';

const TOKEN = 'partial-token-6b1';

describe('scope and the partial verdict (CLI)', () => {
  const pair = useReferencePair(TOKEN);

  async function verify(server: ReferenceServer, profile: string, ...extra: string[]): Promise<{ status: number; stdout: string; stderr: string; report?: Report; html?: string }> {
    const reports = pair.reportsDir();
    const r = await runCliAsync(['verify', '--target', server.url, '--state-url', `${server.url}${STATE_PATH}`, '--profile', profile, '--reports', reports, ...extra], { env: { CALLCONFORM_TOKEN: TOKEN } });
    const dir = r.status === 2 ? undefined : readdirSync(reports).find((d) => d.endsWith(`-${profile}`));
    if (!dir) return r;
    return { ...r, report: JSON.parse(readFileSync(join(reports, dir, 'report.json'), 'utf8')) as Report, html: readFileSync(join(reports, dir, 'report.html'), 'utf8') };
  }

  it('a full clean run is conformant and records its scope and every input file with its digest', async () => {
    const r = await verify(pair.clean(), 'graph-v1.0');
    expect(r.status).toBe(0);
    const report = r.report!;
    expect(checkReport(report)).toEqual([]);
    expect(report.verdict).toBe('conformant');
    expect(report.scope).toMatchObject({ filters: {}, narrowed: false, excluded: 0 });
    expect(report.scope!.ran).toBe(report.results.filter((x) => x.verdict !== 'skip').length);
    expect(report.scope!.checks.find((c) => c.check === 'max-length')).toMatchObject({ excluded: 0, ran: 2 });
    const spec = 'graph-v1.0/updateRecordingStatus.yaml';
    expect(report.inputs!.specs.files[spec]).toBe(sha256Hex(readFileSync(join(repoRoot, 'specs', spec))));
    expect(report.inputs!.specs.files['sources/graph-v1.0/call-updaterecordingstatus.md']).toMatch(/^[0-9a-f]{64}$/);
    expect(report.inputs!.contracts.files['pacts/graph-v1.0.json']).toBe(sha256Hex(readFileSync(join(repoRoot, 'contracts', 'pacts', 'graph-v1.0.json'))));
    expect(r.html).toMatch(/data-scope="full"/);
  });

  it('a run that checks nothing (--only notification on a profile without notifications) is partial, exit 1', async () => {
    const r = await verify(pair.clean(), 'graph-v1.0', '--only', 'notification');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^graph-v1\.0\s+partial/m);
    expect(r.report!.verdict).toBe('partial');
    expect(r.report!.scope).toMatchObject({ filters: { only: ['notification'] }, narrowed: true, planned: 0, ran: 0 });
    expect(r.report!.scope!.excluded).toBeGreaterThan(10);
    expect(r.html).toMatch(/<header class="banner banner-partial" id="verdict" data-verdict="partial">/);
    expect(r.html).toContain('NOT a conformance certificate');
    expect(r.html).not.toContain('>callconform conformance certificate<');
  });

  it('--only auth passes every check it runs and is still partial; --allow-partial makes it exit 0', async () => {
    const strict = await verify(pair.clean(), 'graph-v1.0', '--only', 'auth');
    expect(strict.status).toBe(1);
    expect(strict.report!.verdict).toBe('partial');
    expect(strict.report!.summary.failed).toBe(0);
    const allowed = await verify(pair.clean(), 'graph-v1.0', '--only', 'auth', '--allow-partial');
    expect(allowed.status).toBe(0);
    expect(allowed.report!.verdict).toBe('partial');
    expect(checkReport(allowed.report)).toEqual([]);
  });

  it('--operation and --exclude-operation narrow by operation, are recorded, and make the run partial', async () => {
    const only = await verify(pair.clean(), 'graph-beta', '--operation', 'updateMetadata');
    expect(only.status).toBe(1);
    expect(only.report!.verdict).toBe('partial');
    expect(new Set(only.report!.results.map((x) => x.operation))).toEqual(new Set(['updateMetadata']));
    expect(only.report!.scope!.filters).toEqual({ operations: ['updateMetadata'] });
    const without = await verify(pair.clean(), 'graph-beta', '--exclude-operation', 'updateMetadata', '--allow-partial');
    expect(without.status).toBe(0);
    expect(without.report!.results.some((x) => x.operation === 'updateMetadata')).toBe(false);
    expect(without.report!.results.length).toBeGreaterThan(0);
    expect(without.report!.scope!.filters).toEqual({ excludeOperations: ['updateMetadata'] });
  });

  it('a failure in a narrowed run is still nonconformant (a failure is proof)', async () => {
    const r = await verify(pair.faulty(), 'graph-v1.0', '--only', 'max-length', '--allow-partial');
    expect(r.status).toBe(1);
    expect(r.report!.verdict).toBe('nonconformant');
  });

  it('an operation name that names nothing is exit 2 with one line', async () => {
    const r = await verify(pair.clean(), 'graph-v1.0', '--operation', 'updateRecordingStatuss');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^callconform: unknown operation "updateRecordingStatuss" for --operation \(known in graph-v1\.0: updateRecordingStatus\)\n$/);
    expect(looksLikeStackTrace(r.stderr)).toBe(false);
  });
});
