import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { validateXML } from 'xmllint-wasm';
import { describe, expect, it } from 'vitest';
import { renderJunitXml } from '../../src/report/junit.js';
import type { Report } from '../../src/report/result.js';
import { deriveVerdict, summarize } from '../../src/report/verdict.js';
import { FIXTURE_TOKEN, conformantReport, erroredReport, nonconformantReport } from './fixtures.js';

const xsd = readFileSync(new URL('../../src/report/junit.xsd', import.meta.url), 'utf8');

/** Schema problems of each document (one xmllint run for all: instantiating it is the slow part). */
async function schemaProblemsOf(docs: string[]): Promise<string[]> {
  const result = await validateXML({
    xml: docs.map((contents, i) => ({ fileName: `junit-${i}.xml`, contents })),
    schema: [{ fileName: 'junit.xsd', contents: xsd }],
  });
  return result.errors.map((e) => e.rawMessage);
}

async function schemaProblems(xml: string): Promise<string[]> {
  return schemaProblemsOf([xml]);
}

/** The file without its CDATA sections: what an XML reader sees as markup. */
function markup(xml: string): string {
  return xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
}

/** The attributes of every element named `tag`, in document order (attribute values are double-quoted and escaped). */
function elements(xml: string, tag: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const m of markup(xml).matchAll(new RegExp(`<${tag}((?:\\s+[\\w:-]+="[^"]*")*)\\s*/?>`, 'g'))) {
    const attrs: Record<string, string> = {};
    for (const a of (m[1] ?? '').matchAll(/([\w:-]+)="([^"]*)"/g)) attrs[a[1]!] = a[2]!;
    out.push(attrs);
  }
  return out;
}

describe('renderJunitXml', () => {
  it('is valid against junit.xsd for every fixture', async () => {
    for (const report of [nonconformantReport(), conformantReport(), erroredReport()]) {
      expect(await schemaProblems(renderJunitXml(report))).toEqual([]);
    }
  });

  it('the XSD rejects what CI servers would not read', async () => {
    const xml = renderJunitXml(conformantReport());
    expect(await schemaProblems(xml.replace('<testsuite ', '<testsuite bogus="1" '))).not.toEqual([]);
    expect(await schemaProblems(xml.replace(/<testcase /, '<testcase><warning/></testcase><testcase '))).not.toEqual([]);
    expect(await schemaProblems(xml.replace(/ name="[^"]*"/g, ''))).not.toEqual([]);
  });

  it('maps one testcase per result: fail → failure, error → error, skip → skipped, warn → passed with a warning', () => {
    const report = nonconformantReport();
    const xml = renderJunitXml(report);
    expect(elements(xml, 'testcase')).toHaveLength(report.results.length);
    const [root] = elements(xml, 'testsuites');
    expect(root).toMatchObject({ tests: '11', failures: '2', errors: '1', skipped: '1' });
    expect(elements(xml, 'failure').map((f) => f.type)).toEqual(['location-header', 'max-length']);
    expect(elements(xml, 'error').map((f) => f.type)).toEqual(['robustness']);
    expect(elements(xml, 'skipped')).toHaveLength(1);
    expect(xml).toContain('WARNING (SHOULD not met)');
    // properties for level and source on each testcase
    const props = elements(xml, 'property');
    expect(props.filter((p) => p.name === 'level').map((p) => p.value)).toEqual(report.results.map((r) => r.level));
    expect(props.filter((p) => p.name === 'source').map((p) => p.value)).toEqual(report.results.map((r) => `${r.source.file}:${r.source.line}`));
    // failures carry requirement, docs and the curl line
    expect(xml).toContain('Requirement (MUST): clientContext longer than 256 characters is rejected');
    expect(xml).toContain('Docs: specs/sources/graph-v1.0/call-updaterecordingstatus.md:44');
    expect(xml).toContain('Reproduce: curl -sS -X POST');
  });

  it('keeps hostile output inside text: no injected elements, no token', async () => {
    const xml = renderJunitXml(nonconformantReport(), { secrets: [FIXTURE_TOKEN] });
    expect(markup(xml)).not.toContain('<injected');
    expect(xml).toContain(']]&gt;</failure><injected/>');
    expect(xml).not.toContain(FIXTURE_TOKEN);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    expect(elements(xml, 'failure')).toHaveLength(2);
    expect(await schemaProblems(xml)).toEqual([]);
  });

  it('property: any text in requirement, message and bodies still gives a valid file', async () => {
    const base = nonconformantReport();
    const text = fc.string({ unit: 'binary', maxLength: 60 });
    const seed = Date.now();
    const samples = fc.sample(fc.tuple(text, text, text), { numRuns: 60, seed });
    const docs = samples.map(([a, b, c]) => {
      const results = base.results.map((r, i) => ({
        ...r,
        requirement: `${r.requirement} ${a}`,
        message: `${b}]]>${c}`,
        evidence: { ...r.evidence, response: { status: 500, body: `${c}]]>${a}]]>${b}`, headers: { [`x-${i}`]: b } } },
      }));
      const report: Report = { ...base, profile: `p${a}`, results, summary: summarize(results), verdict: deriveVerdict(results) };
      return renderJunitXml(report);
    });
    expect(await schemaProblemsOf(docs), `fast-check seed ${seed}`).toEqual([]);
  });
});
