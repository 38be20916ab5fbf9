import type { Nodes } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTable } from 'micromark-extension-gfm-table';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CheckResult, Report } from '../../src/report/result.js';
import { JOB_SUMMARY_LIMIT, renderSummaryMarkdown } from '../../src/report/summary.js';
import { deriveVerdict, summarize } from '../../src/report/verdict.js';
import { FIXTURE_COOKIE, FIXTURE_TOKEN, conformantReport, erroredReport, nonconformantReport } from './fixtures.js';

function parse(md: string): Nodes {
  return fromMarkdown(md, { extensions: [gfmTable()], mdastExtensions: [gfmTableFromMarkdown()] });
}

function nodes(tree: Nodes): Nodes[] {
  const out: Nodes[] = [tree];
  if ('children' in tree) for (const child of tree.children as Nodes[]) out.push(...nodes(child));
  return out;
}

/** The only raw HTML the summary writes itself. */
const OWN_HTML = /^(<details><summary>(Evidence|All \d+ results)<\/summary>|<\/details>)$/;

/** The only links: a citation's published page (learn.microsoft.com, graph.microsoft.com, docs.genesys.com). */
const CITATION_LINK = /^https:\/\/(learn\.microsoft\.com\/en-us\/graph\/|graph\.microsoft\.com\/(v1\.0|beta)\/\$metadata$|enu\.docs\.genesys\.com\/)/;

function expectInert(md: string): void {
  for (const node of nodes(parse(md))) {
    if (node.type === 'html') expect(node.value).toMatch(OWN_HTML);
    if (node.type === 'link') expect(node.url).toMatch(CITATION_LINK);
    else expect(['link', 'image', 'linkReference', 'imageReference', 'definition']).not.toContain(node.type);
  }
}

function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

describe('renderSummaryMarkdown', () => {
  const md = renderSummaryMarkdown(nonconformantReport(), { secrets: [FIXTURE_TOKEN], reportDirs: ['reports/20261123-120501-graph-v1.0'] });

  it('opens with the verdict and the counts table', () => {
    const lines = md.split('\n');
    expect(lines[0]).toBe('# ❌ callconform: nonconformant');
    expect(md).toContain('## ❌ graph-v1.0: nonconformant');
    expect(md).toContain('| Passed | Failed | Warned | Skipped | Errored |\n|---:|---:|---:|---:|---:|\n| 6 | 2 | 1 | 1 | 1 |');
    expect(md).toContain('full report `reports/20261123-120501-graph-v1.0`');
  });

  it('lists failures first, then errors, then warnings, each with requirement, expected vs actual, docs line and curl', () => {
    const at = (s: string): number => md.indexOf(s);
    expect(at('### Failures')).toBeGreaterThan(0);
    expect(at('### Failures')).toBeLessThan(at('### Errors'));
    expect(at('### Errors')).toBeLessThan(at('### Warnings'));
    expect(at('### Warnings')).toBeLessThan(at('All 11 results'));
    const failures = md.slice(at('### Failures'), at('### Errors'));
    expect(failures).toContain('| Requirement | clientContext longer than 256 characters is rejected |');
    // linked to the published page and quoting the cited line (the parameter table's row)
    expect(failures).toContain(
      '| Docs | [`specs/sources/graph-v1.0/call-updaterecordingstatus.md:44`](https://learn.microsoft.com/en-us/graph/api/call-updaterecordingstatus?view=graph-rest-1.0) “clientContext \\| String \\| Unique client context string. Max limit is 256 chars.” |',
    );
    expect(failures).toContain('| Expected | `400..499` |');
    expect(failures).toContain('| Actual | `200` |');
    expect(failures).toMatch(/```sh\ncurl -sS -X POST 'http:\/\/127\.0\.0\.1:43017\/communications\/calls\/[^']+\/updateRecordingStatus'/);
  });

  it('keeps hostile output inert: only its own <details>, no links but citations, no images, no token or cookie', () => {
    expectInert(md);
    expect(md).not.toContain(FIXTURE_TOKEN);
    expect(md).not.toContain(FIXTURE_COOKIE);
    expect(md).toContain('\\u202E');
    expect(md).not.toMatch(/[\u0000-\u0008\u001B\u202E]/);
  });

  it('puts several profiles in one document under an overall verdict', () => {
    const all = renderSummaryMarkdown([conformantReport(), nonconformantReport(), erroredReport()]);
    expect(all.split('\n')[0]).toBe('# ❌ callconform: nonconformant');
    expect(all).toContain('1 of 3 profiles conformant.');
    for (const heading of ['## ✅ graph-beta: conformant', '## ❌ graph-v1.0: nonconformant', '## ⚠️ genesys-v2: error']) expect(all).toContain(heading);
    expect(renderSummaryMarkdown([conformantReport()]).split('\n')[0]).toBe('# ✅ callconform: conformant');
    expectInert(all);
  });

  it('fits a job summary: long evidence truncated, entries past the limit counted, Markdown still well-formed', () => {
    const base = nonconformantReport();
    const template = base.results.find((r) => r.verdict === 'fail')!;
    const results: CheckResult[] = Array.from({ length: 400 }, (_, i) => ({
      ...template,
      id: `${template.id}-${i}`,
      evidence: { ...template.evidence, response: { status: 200, body: `${'<img src=x onerror=1>'.repeat(100)}\`\`\`\n${'A'.repeat(3_000)}` } },
    }));
    const big: Report = { ...base, results, summary: summarize(results), verdict: deriveVerdict(results) };
    const out = renderSummaryMarkdown([big, conformantReport()]);
    expect(bytes(out)).toBeLessThanOrEqual(JOB_SUMMARY_LIMIT);
    expect(bytes(out)).toBeGreaterThan(JOB_SUMMARY_LIMIT / 2);
    expect(out).toContain('[truncated');
    expect(out).toMatch(/Not shown to stay within the job summary limit: \d+ failure\/error\/warning entries/);
    expect(out).toContain('## ✅ graph-beta: conformant');
    expectInert(out);
    const small = renderSummaryMarkdown(big, { maxBytes: 20_000 });
    expect(bytes(small)).toBeLessThanOrEqual(20_000);
    expectInert(small);
  });

  it('property: any requirement, message, header or body text stays inert Markdown', () => {
    const base = nonconformantReport();
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fc.constantFrom('<img src=x>', '](http://a)', '<details>', '```', '`', '|', '\\', '<!--', '[x]: http://a', 'http://198.51.100.7/'));
    fc.assert(
      fc.property(fc.array(text, { minLength: 5, maxLength: 5 }), ([a = '', b = '', c = '', d = '', e = '']) => {
        const results = base.results.map((r) => ({
          ...r,
          requirement: `${a}${r.requirement}`,
          message: b + c,
          evidence: { ...r.evidence, expected: d, actual: { x: e }, response: { status: 500, headers: { [`x-${a}`]: c }, body: `${d}\n${e}` } },
        }));
        const report: Report = { ...base, profile: `p${e}`, results, summary: summarize(results), verdict: deriveVerdict(results) };
        expectInert(renderSummaryMarkdown(report));
      }),
      { numRuns: 25 },
    );
  });
});
