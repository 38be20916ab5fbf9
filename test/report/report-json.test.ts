import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { renderReportJson } from '../../src/report/report-json.js';
import { checkReport } from '../../src/report/validate-report.js';
import { FIXTURE_TOKEN, conformantReport, erroredReport, nonconformantReport } from './fixtures.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const schema = JSON.parse(readFileSync(new URL('../../src/report/report.schema.json', import.meta.url), 'utf8')) as object;

describe('report.schema.json', () => {
  it('compiles under ajv 2020 strict mode', () => {
    const ajv = new Ajv2020({ strict: true, strictRequired: true, allErrors: true });
    addFormats(ajv);
    expect(() => ajv.compile(schema)).not.toThrow();
  });

  it('accepts the fixture reports as written', () => {
    for (const report of [nonconformantReport(), conformantReport(), erroredReport()]) {
      expect(checkReport(JSON.parse(renderReportJson(report)))).toEqual([]);
    }
  });

  it('rejects what DESIGN.md does not allow', () => {
    const good = JSON.parse(renderReportJson(nonconformantReport())) as Record<string, unknown> & { results: Record<string, unknown>[]; summary: Record<string, number> };
    const variants: [string, (r: typeof good) => void][] = [
      ['unknown top-level field', (r) => (r.extra = 1)],
      ['missing verdict', (r) => delete r.verdict],
      ['bad run verdict', (r) => (r.verdict = 'passed')],
      ['bad result verdict', (r) => (r.results[0]!.verdict = 'ok')],
      ['check outside the vocabulary', (r) => (r.results[0]!.check = 'latency')],
      ['level outside MUST/SHOULD', (r) => (r.results[0]!.level = 'MAY')],
      ['source without line', (r) => (r.results[0]!.source = { file: 'x.md' })],
      ['id without instance', (r) => (r.results[0]!.id = 'graph-v1.0/updateRecordingStatus/status-code')],
      ['startedAt not a date-time', (r) => (r.startedAt = 'yesterday')],
      ['summary that does not count the results', (r) => (r.summary.passed = (r.summary.passed ?? 0) + 1)],
      ['unknown evidence field', (r) => ((r.results[0]!.evidence as Record<string, unknown>).note = 'x')],
    ];
    for (const [label, mutate] of variants) {
      const copy = structuredClone(good);
      mutate(copy);
      expect(checkReport(copy), label).not.toEqual([]);
    }
  });
});

describe('renderReportJson', () => {
  it('keeps DESIGN.md key order, is deterministic and ends with a newline', () => {
    const text = renderReportJson(nonconformantReport());
    expect(text).toBe(renderReportJson(nonconformantReport()));
    expect(text.endsWith('}\n')).toBe(true);
    const parsed = JSON.parse(text) as Record<string, unknown> & { results: Record<string, unknown>[] };
    expect(Object.keys(parsed)).toEqual(['tool', 'target', 'profile', 'startedAt', 'durationMs', 'verdict', 'summary', 'results', 'citations']);
    expect(Object.keys(parsed.results[0]!)).toEqual(['id', 'operation', 'check', 'requirement', 'level', 'verdict', 'message', 'source', 'evidence', 'durationMs']);
    expect(parsed.summary).toEqual({ passed: 6, failed: 2, warned: 1, skipped: 1, errored: 1 });
  });

  it('never carries the token', () => {
    expect(renderReportJson(nonconformantReport(), { secrets: [FIXTURE_TOKEN] })).not.toContain(FIXTURE_TOKEN);
  });
});
