import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REDACTED } from '../../src/report/redact.js';
import type { Report } from '../../src/report/result.js';
import { runIdFor, safePathSegment } from '../../src/report/run-id.js';
import { checkReport } from '../../src/report/validate-report.js';
import { formatVerdictTable } from '../../src/report/verdict-table.js';
import { writeReports } from '../../src/report/write-reports.js';
import { FIXTURE_COOKIE, FIXTURE_TOKEN, conformantReport, erroredReport, nonconformantReport } from './fixtures.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'callconform-reports-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const FILES = ['junit.xml', 'report.html', 'report.json', 'summary.md'];

describe('runIdFor', () => {
  it('is the UTC start second and the profile', () => {
    expect(runIdFor({ startedAt: '2026-11-23T12:05:01.482Z', profile: 'graph-v1.0' })).toBe('20261123-120501-graph-v1.0');
    expect(runIdFor({ startedAt: '2026-11-23T13:05:01+01:00', profile: 'graph-beta' })).toBe('20261123-120501-graph-beta');
    expect(runIdFor({ startedAt: 'not a date', profile: 'p' })).toBe('00000000-000000-p');
  });

  it('property: any profile name gives one safe folder name', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary-ascii' }), fc.constantFrom('', '.', '..', '../../etc', 'a/b\\c', '-rf', 'graph v1.0', 'prof\u202Eile', 'ö'.repeat(100))), (profile) => {
        const segment = safePathSegment(profile);
        expect(segment).toMatch(/^[A-Za-z0-9_][A-Za-z0-9._-]*$/);
        expect(segment.length).toBeLessThanOrEqual(80);
      }),
    );
  });
});

describe('writeReports', () => {
  it('writes the four files of each profile into reports/<run-id>/ and returns where', () => {
    const reports = [conformantReport(), nonconformantReport(), erroredReport()];
    const written = writeReports(dir, reports, { secrets: [FIXTURE_TOKEN] });
    expect(written.map((w) => w.runId)).toEqual(['20261123-120501-graph-beta', '20261123-120501-graph-v1.0', '20261123-120502-genesys-v2']);
    expect(readdirSync(dir).sort()).toEqual(written.map((w) => w.runId).sort());
    for (const w of written) {
      expect(readdirSync(w.dir).sort()).toEqual(FILES); // no temporary files left behind
      expect(w.reportJson).toBe(join(dir, w.runId, 'report.json'));
      const json = JSON.parse(readFileSync(w.reportJson, 'utf8')) as Report;
      expect(checkReport(json)).toEqual([]);
      expect(json.profile).toBe(w.profile);
    }
    expect(readFileSync(written[1]!.summaryMd, 'utf8')).toContain(`full report \`${written[1]!.dir}\``);
  });

  it('writes valid files for a run without results (target unreachable)', async () => {
    const unreachable: Report = { ...erroredReport(), results: [], summary: { passed: 0, failed: 0, warned: 0, skipped: 0, errored: 0 }, verdict: 'error' };
    const [w] = writeReports(dir, [unreachable]);
    expect(checkReport(JSON.parse(readFileSync(w!.reportJson, 'utf8')))).toEqual([]);
    expect(readFileSync(w!.summaryMd, 'utf8')).toContain('## ⚠️ genesys-v2: error');
    expect(readFileSync(w!.reportHtml, 'utf8')).toContain('No results.');
    const { validateXML } = await import('xmllint-wasm');
    const xsd = readFileSync(new URL('../../src/report/junit.xsd', import.meta.url), 'utf8');
    const result = await validateXML({ xml: [{ fileName: 'junit.xml', contents: readFileSync(w!.junitXml, 'utf8') }], schema: [{ fileName: 'junit.xsd', contents: xsd }] });
    expect(result.errors).toEqual([]);
  });

  it('never overwrites: a second run in the same second gets its own folder', () => {
    const first = writeReports(dir, [nonconformantReport()]);
    const second = writeReports(dir, [nonconformantReport(), nonconformantReport()]);
    expect([...first, ...second].map((w) => w.runId)).toEqual(['20261123-120501-graph-v1.0', '20261123-120501-graph-v1.0-2', '20261123-120501-graph-v1.0-3']);
  });

  it('keeps the token and cookies out of every file, also the token from CALLCONFORM_TOKEN', () => {
    const saved = process.env.CALLCONFORM_TOKEN;
    process.env.CALLCONFORM_TOKEN = FIXTURE_TOKEN;
    try {
      const [w] = writeReports(dir, [nonconformantReport()]); // no secrets passed: the environment's token is used
      for (const file of FILES) {
        const text = readFileSync(join(w!.dir, file), 'utf8');
        expect(text, file).not.toContain(FIXTURE_TOKEN);
        expect(text, file).not.toContain(FIXTURE_COOKIE);
        expect(text, file).toContain(REDACTED);
      }
    } finally {
      if (saved === undefined) delete process.env.CALLCONFORM_TOKEN;
      else process.env.CALLCONFORM_TOKEN = saved;
    }
  });

  it('property: a secret planted anywhere in a result never reaches a file', () => {
    const secretArb = fc.string({ minLength: 8, maxLength: 24, unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~+/') });
    // Not `requirement`: it is generated from the specs, never from what a target sent, and is not searched (a short token would mangle it).
    const places = ['message', 'url', 'curl', 'request-body', 'response-body', 'header', 'error', 'expected', 'target'] as const;
    fc.assert(
      fc.property(secretArb, fc.constantFrom(...places), fc.nat(10), fc.string(), (secret, place, index, noise) => {
        const report = nonconformantReport();
        const r = report.results[index % report.results.length]!;
        const planted = `${noise}${secret}${noise}`;
        const e = r.evidence;
        if (place === 'message') r.message = planted;
        else if (place === 'url') e.request = { ...e.request, url: `http://x/?t=${encodeURIComponent(secret)}` };
        else if (place === 'curl') e.request = { ...e.request, curl: `curl -H 'X-Token: ${secret}'` };
        else if (place === 'request-body') e.request = { ...e.request, body: { nested: [{ token: planted }] } };
        else if (place === 'response-body') e.response = { ...e.response, body: planted };
        else if (place === 'header') e.response = { ...e.response, headers: { 'x-echo': planted } };
        else if (place === 'error') e.response = { error: planted };
        else if (place === 'expected') e.expected = { token: planted };
        else report.target = `http://${secret}@127.0.0.1/`;
        const runDir = mkdtempSync(join(dir, 'p-'));
        const [w] = writeReports(runDir, [report], { secrets: [secret] });
        for (const file of FILES) expect(readFileSync(join(w!.dir, file), 'utf8'), `${file} (${place})`).not.toContain(secret);
      }),
      { numRuns: 40 },
    );
  });
});

describe('formatVerdictTable', () => {
  it('prints one aligned row per profile with counts and report folder, and a total', () => {
    const reports = [conformantReport(), nonconformantReport(), erroredReport()];
    const table = formatVerdictTable(reports, [{ dir: 'reports/20261123-120501-graph-beta' }, { dir: 'reports/20261123-120501-graph-v1.0' }]);
    expect(table).toBe(
      [
        'profile     verdict        passed  failed  warned  skipped  errored  report',
        'graph-beta  conformant          2       0       0        0        0  reports/20261123-120501-graph-beta/',
        'graph-v1.0  nonconformant       6       2       1        1        1  reports/20261123-120501-graph-v1.0/',
        'genesys-v2  error               1       0       0        0        1',
        'overall     nonconformant       9       2       1        1        2',
        '',
      ].join('\n'),
    );
  });

  it('keeps terminal control sequences out', () => {
    const report = { ...conformantReport(), profile: 'evil\u001b[2J\nprofile' };
    expect(formatVerdictTable([report])).not.toMatch(/[\u001b\r]|evil\n/);
  });
});
