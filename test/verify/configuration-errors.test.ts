/**
 * A configuration mistake is not a broken implementation: a missing or refused token, a state URL
 * that is not a state handler, a --call-id that names nothing each exit 2 with a hint, and the
 * results are still written with verdict not-judged. A correct configuration of the same target
 * (state URL, or an existing --call-id) stays conformant. Through the built CLI against the reference.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkReport } from '../../src/report/validate-report.js';
import type { Report } from '../../src/report/result.js';
import { STATE_PATH } from '../../src/reference/server.js';
import { useReference } from './reference-pair.js';
import { looksLikeStackTrace, runCliAsync } from '../helpers.js';

const TOKEN = 'config-token-5d2e9a';

describe('configuration errors are exit 2 with a hint, results written as not-judged (CLI)', () => {
  const reference = useReference(TOKEN);

  async function verify(args: string[], token: string): Promise<{ status: number; stdout: string; stderr: string; report: Report; dir: string; summary: string }> {
    const reports = reference.reportsDir();
    const r = await runCliAsync(['verify', '--target', reference.server().url, '--profile', 'graph-v1.0', '--reports', reports, ...args], { env: { CALLCONFORM_TOKEN: token } });
    const runs = readdirSync(reports);
    const dir = join(reports, runs.find((d) => d.endsWith('-graph-v1.0'))!);
    const summary = readFileSync(join(reports, runs.find((d) => !d.endsWith('-graph-v1.0'))!, 'summary.md'), 'utf8');
    return { ...r, dir, summary, report: JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report };
  }

  function expectNotJudged(r: Awaited<ReturnType<typeof verify>>, kind: string, hint: RegExp): void {
    expect(r.status, r.stderr).toBe(2);
    expect(looksLikeStackTrace(r.stderr)).toBe(false);
    expect(r.stderr).toMatch(/^callconform: configuration error: .+ \(results written, not judged\)$/m);
    expect(r.stderr).toMatch(hint);
    expect(r.stdout).toMatch(/^graph-v1\.0\s+not-judged/m);
    expect(checkReport(r.report)).toEqual([]);
    expect(r.report.verdict).toBe('not-judged');
    expect(r.report.configuration?.kind).toBe(kind);
    expect(r.report.results.length).toBeGreaterThan(10);
    const html = readFileSync(join(r.dir, 'report.html'), 'utf8');
    expect(html).toContain(`data-configuration="${kind}"`);
    expect(html).toContain('NOT a conformance certificate');
    expect(r.summary).toMatch(/not-judged \(not a certificate\)/);
    expect(r.summary).toContain('**Configuration problem:**');
  }

  it('no token against a target that demands one', async () => {
    const r = await verify(['--state-url', `${reference.server().url}${STATE_PATH}`], '');
    expectNotJudged(r, 'credentials', /no token was given and every request \(\d+\) was refused with 401\/403[\s\S]*hint: the target demands credentials: give --token/);
  });

  it('a token the target refuses everywhere; the token is in no output', async () => {
    const wrong = 'refused-token-77aa01';
    const r = await verify(['--state-url', `${reference.server().url}${STATE_PATH}`], wrong);
    expectNotJudged(r, 'credentials', /every request that carried credentials \(\d+\) was refused with 401\/403[\s\S]*hint: check --token/);
    expect(r.stdout + r.stderr + readFileSync(join(r.dir, 'report.json'), 'utf8')).not.toContain(wrong);
  });

  it('a state URL that answers 404, and one that answers success in another shape', async () => {
    const missing = await verify(['--state-url', `${reference.server().url}/_callconform/no-such-handler`], TOKEN);
    expectNotJudged(missing, 'state-url', /answered 404[\s\S]*hint: \S+no-such-handler is not a state handler \(it answered 404\); check --state-url/);
    // An operation's URL: the reference accepts the POST (creating a call) but answers no state ids.
    const operation = await verify(['--state-url', `${reference.server().url}/communications/calls`], TOKEN);
    expect(operation.status, operation.stderr).toBe(2);
    expect(operation.report.configuration?.kind).toBe('state-url');
  });

  it('a --call-id that names nothing', async () => {
    const r = await verify(['--call-id', 'no-such-call-0001'], TOKEN);
    expectNotJudged(r, 'fixed-id', /--call-id no-such-call-0001 names nothing on the target: no request to it succeeded and \d+ answered 404[\s\S]*hint: check --call-id/);
  });

  it('the same target correctly configured is conformant: the state URL, and an existing --call-id', async () => {
    const fresh = await verify(['--state-url', `${reference.server().url}${STATE_PATH}`], TOKEN);
    expect(fresh.status, fresh.stderr).toBe(0);
    expect(fresh.report.verdict).toBe('conformant');
    expect(fresh.report.configuration).toBeUndefined();
    const state = await fetch(`${reference.server().url}${STATE_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ state: 'a call exists', params: {}, action: 'setup' }) });
    const { callId } = (await state.json()) as { callId: string };
    const fixed = await verify(['--call-id', callId], TOKEN);
    expect(fixed.status, fixed.stderr).toBe(0);
    expect(fixed.report.verdict).toBe('conformant');
  });

  it('pact-verify with a state URL that is not a state handler: exit 2 with the hint, before Pact runs (no mismatch dump)', async () => {
    const r = await runCliAsync(['pact-verify', '--target', reference.server().url, '--state-url', `${reference.server().url}/_callconform/no-such-handler`, '--profile', 'graph-v1.0'], { env: { CALLCONFORM_TOKEN: TOKEN } });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/^callconform: configuration error: no provider state could be set up: the state URL \S+ answered 404 to state "a call exists" \(nothing verified\)\nhint: .*check --state-url/m);
    expect((r.stdout + r.stderr).split('\n').length).toBeLessThan(6);
    expect(looksLikeStackTrace(r.stderr)).toBe(false);
  });
});
