/**
 * Regression baselines (`verify --baseline FILE`, `--update-baseline`) through the built CLI
 * against the reference: a faulty one (clientContext over 256 characters accepted) and a clean one.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import baselineSchema from '../../src/verify/baseline.schema.json' with { type: 'json' };
import { STATE_PATH, type ReferenceServer } from '../../src/reference/server.js';
import { looksLikeStackTrace, runCliAsync } from '../helpers.js';
import { useReferencePair } from './reference-pair.js';

const TOKEN = 'baseline-token-41c7';
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

describe('verify --baseline (CLI)', () => {
  const refs = useReferencePair(TOKEN);
  const FAULT = refs.fault;

  const file = (name: string, text?: string): string => {
    const path = join(refs.outDir, name);
    if (text !== undefined) writeFileSync(path, text);
    return path;
  };

  async function verify(server: ReferenceServer, ...extra: string[]): Promise<{ status: number; stdout: string; stderr: string; summary?: string; reports: string }> {
    const reports = refs.reportsDir();
    const r = await runCliAsync(['verify', '--target', server.url, '--state-url', `${server.url}${STATE_PATH}`, '--profile', 'graph-v1.0', '--reports', reports, ...extra], { env: { CALLCONFORM_TOKEN: TOKEN } });
    const run = existsSync(reports) ? readdirSync(reports).find((d) => !d.endsWith('-graph-v1.0')) : undefined;
    return { ...r, reports, ...(run ? { summary: readFileSync(join(reports, run, 'summary.md'), 'utf8') } : {}) };
  }

  it('--update-baseline creates the file with the failing check; the file matches baseline.schema.json; the next run passes with it as still known', async () => {
    const baseline = file('created.yaml');
    const first = await verify(refs.faulty(), '--baseline', baseline, '--update-baseline');
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain(`baseline updated: ${baseline} (1 accepted)`);
    const written = parse(readFileSync(baseline, 'utf8')) as { accepted: { check: string; reason: string }[] };
    expect(written.accepted.map((e) => e.check)).toEqual([FAULT]);
    const ajv = new Ajv2020({ strict: true });
    addFormats(ajv);
    expect(ajv.validate(baselineSchema, written), JSON.stringify(ajv.errors)).toBe(true);

    const again = await verify(refs.faulty(), '--baseline', baseline);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^graph-v1\.0\s+nonconformant/m);
    expect(again.stdout).toContain(`baseline ${baseline}: 0 new, 1 still known, 0 fixed, 0 expired`);
    expect(again.summary).toMatch(/^## Baseline `.*created\.yaml`: ✅ no new failures$/m);
    expect(again.summary).toContain(`| Still known | 1 | \`${FAULT}\` |`);
  });

  it('a check that fails and is not in the baseline fails the run as new', async () => {
    const r = await verify(refs.faulty(), '--baseline', file('empty.yaml', 'accepted: []\n'));
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/: 1 new, 0 still known, 0 fixed, 0 expired\nnew failures \(not in the baseline\) \(1\):\n {2}graph-v1\.0\/updateRecordingStatus\/max-length\/clientContext-257$/m);
    expect(r.summary).toContain(`| New | 1 | \`${FAULT}\` |`);
  });

  it('an acceptance whose until date has passed fails the run again; one still in force does not', async () => {
    const expired = await verify(refs.faulty(), '--baseline', file('expired.yaml', `accepted:\n  - check: ${FAULT}\n    reason: ISSUE-7\n    until: 2020-01-31\n`));
    expect(expired.status).toBe(1);
    expect(expired.stdout).toMatch(/: 0 new, 0 still known, 0 fixed, 1 expired/);
    const inForce = await verify(refs.faulty(), '--baseline', file('in-force.yaml', `accepted:\n  - check: ${FAULT}\n    reason: ISSUE-7\n    until: 2999-12-31\n`));
    expect(inForce.status).toBe(0);
  });

  it('an accepted check that now passes is reported as fixed, and --update-baseline drops it', async () => {
    const baseline = file('fixed.yaml', `accepted:\n  - check: ${FAULT}\n    reason: ISSUE-9\n  - check: graph-beta/updateRecordingStatus/max-length/clientContext-257\n    reason: another profile, not run here\n`);
    const r = await verify(refs.clean(), '--baseline', baseline);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/: 0 new, 0 still known, 1 fixed, 0 expired\n[\s\S]*fixed \(passing now; --update-baseline drops them\) \(1\):\n {2}graph-v1\.0\/updateRecordingStatus\/max-length\/clientContext-257/);
    expect(r.summary).toContain(`| Fixed | 1 | \`${FAULT}\` |`);
    const updated = await verify(refs.clean(), '--baseline', baseline, '--update-baseline');
    expect(updated.status).toBe(0);
    expect((parse(readFileSync(baseline, 'utf8')) as { accepted: { check: string }[] }).accepted.map((e) => e.check)).toEqual(['graph-beta/updateRecordingStatus/max-length/clientContext-257']);
  });

  it.each([
    ['an unknown field', `accepted:\n  - check: ${FAULT}\n    reason: r\n    untill: 2030-01-01\n`, /:4: not a valid baseline: unknown field "untill"$/],
    ['a date that is not one', `accepted:\n  - check: ${FAULT}\n    reason: r\n    until: 2030-13-01\n`, /:4: not a valid baseline: accepted\.0\.until: must match format "date"$/],
    ['an entry without a reason', `accepted:\n  - check: ${FAULT}\n`, /:2: not a valid baseline: missing field "reason"$/],
    ['a check that is not an id', `accepted:\n  - check: max-length\n    reason: r\n`, /:2: not a valid baseline: accepted\.0\.check: must match pattern/],
    ['YAML that does not parse', `accepted:\n  - check: [\n`, /:\d+: YAML syntax error/],
  ])('a bad baseline file (%s) is exit 2 naming file:line, before any request', async (what, text, message) => {
    const path = file(`bad-${what.replace(/\W+/g, '-')}.yaml`, text);
    const r = await verify(refs.faulty(), '--baseline', path);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(new RegExp(`^callconform: ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${message.source}`));
    expect(looksLikeStackTrace(r.stderr)).toBe(false);
    expect(existsSync(r.reports)).toBe(false);
  });

  it('--update-baseline without --baseline is a usage error', async () => {
    const r = await verify(refs.faulty(), '--update-baseline');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^callconform: --update-baseline needs --baseline FILE/);
  });
});
