import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import AjvDraft04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import type { Log } from 'sarif';
import { sourcePages } from '../../src/extract/index.js';
import { lintPages, ruleCatalogue, rulingsFor } from '../../src/lint/index.js';
import { artifactLocation, sarifLog } from '../../src/lint/format-sarif.js';
import { formatText } from '../../src/lint/format-text.js';
import { lintJson } from '../../src/lint/format-json.js';
import { EXTRACTION_RULES } from '../../src/extract/rules.js';
import { repoRoot, tempDir } from '../helpers.js';

// CommonJS modules with a `default` export, seen through NodeNext's ESM interop.
const Ajv = ((AjvDraft04Module as unknown as { default?: typeof AjvDraft04Module }).default ?? AjvDraft04Module) as unknown as new (opts: object) => import('ajv-draft-04').default;
const addFormats = addFormatsModule as unknown as (ajv: import('ajv-draft-04').default) => unknown;
const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as Record<string, unknown>;
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }); // the schema's `language` pattern is not valid under the u flag
addFormats(ajv);
const validate = ajv.compile(schema);

const sources = relative(process.cwd(), `${repoRoot}/specs/sources`) || 'specs/sources';
const { findings } = lintPages(sourcePages(sources));

describe('SARIF output', () => {
  const log: Log = sarifLog(findings, '0.1.0');

  it('validates against the SARIF 2.1.0 schema', () => {
    const ok = validate(JSON.parse(JSON.stringify(log)));
    expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 3))).toEqual([]);
    expect(ok).toBe(true);
    // The validator is not vacuous: a wrong level or a missing version is caught.
    const broken = JSON.parse(JSON.stringify(log)) as { version?: string; runs: Array<{ results: Array<{ level: string }> }> };
    broken.runs[0]!.results[0]!.level = 'fatal';
    expect(validate(broken)).toBe(false);
    delete broken.version;
    expect(validate(broken)).toBe(false);
  });

  it('lists every rule with an id and a description, results pointing at their rule', () => {
    const run = log.runs[0]!;
    const rules = run.tool.driver.rules!;
    for (const r of ruleCatalogue) expect(rules.map((d) => d.id)).toContain(r.id);
    for (const d of rules) expect(d.shortDescription?.text).toBeTruthy();
    expect(run.results).toHaveLength(findings.length);
    for (const r of run.results!) expect(rules[r.ruleIndex!]!.id).toBe(r.ruleId);
  });

  it('gives each result a physical location with region, the finding id, and its repair', () => {
    const results = log.runs[0]!.results!;
    const status = results.find((r) => r.ruleId === 'status-prose-vs-example')!;
    expect(status.level).toBe('error');
    expect(status.locations![0]!.physicalLocation).toEqual({
      artifactLocation: { uri: `${sources}/graph-beta/call-updatemetadata.md`, uriBaseId: '%SRCROOT%' },
      region: { startLine: 49 },
    });
    expect(status.properties?.findingId).toBe('status-prose-vs-example/graph-beta/updateMetadata');
    const repaired = results.find((r) => r.ruleId === 'json-syntax')!;
    expect(repaired.properties?.action).toEqual({ kind: 'repaired', detail: 'removed `"`' });
  });

  it('turns a did-you-mean into a SARIF fix that replaces exactly the misspelt scope', () => {
    const result = log.runs[0]!.results!.find((r) => r.ruleId === 'unknown-permission')!;
    expect(result.locations![0]!.physicalLocation!.region).toEqual({ startLine: 25, startColumn: 21, endColumn: 52 });
    const replacement = result.fixes![0]!.artifactChanges[0]!.replacements[0]!;
    expect(replacement).toEqual({ deletedRegion: { startLine: 25, startColumn: 21, endColumn: 52 }, insertedContent: { text: 'Calls.JoinGroupCallasGuest.All' } });
    const line = readFileSync(`${repoRoot}/specs/sources/graph-beta/call-updatemetadata.md`, 'utf8').split('\n')[24]!;
    expect(line.slice(20, 51)).toBe('Calls.JoinGroupCallsasGuest.All');
  });

  it('marks a finding that a decision rules on with an accepted external suppression', () => {
    const decision = { finding: 'status-prose-vs-example/graph-beta/updateMetadata', operation: 'graph-beta/updateMetadata', ruling: 'The example wins.', rationale: 'r', source: { file: 'specs/decisions.yaml', line: 8 } };
    const ruled = sarifLog(findings, '0.1.0', rulingsFor(findings, [decision]));
    expect(validate(JSON.parse(JSON.stringify(ruled)))).toBe(true);
    const result = ruled.runs[0]!.results!.find((r) => r.ruleId === 'status-prose-vs-example')!;
    expect(result.suppressions).toEqual([
      { kind: 'external', status: 'accepted', justification: 'The example wins.', location: { physicalLocation: { artifactLocation: { uri: 'specs/decisions.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 8 } } } },
    ]);
    expect(ruled.runs[0]!.results!.filter((r) => r.suppressions)).toHaveLength(1);
  });

  it('uses file: URIs for absolute paths and escapes what a URI cannot hold', () => {
    expect(artifactLocation('/tmp/a b/page.md')).toEqual({ uri: 'file:///tmp/a%20b/page.md' });
    expect(artifactLocation('docs/a b#1.md')).toEqual({ uri: 'docs/a%20b%231.md', uriBaseId: '%SRCROOT%' });
  });
});

describe('text and JSON output', () => {
  it('prints file:line:col severity rule-id message, one finding a line', () => {
    const lines = formatText(findings).trimEnd().split('\n');
    expect(lines).toHaveLength(findings.length);
    for (const l of lines) expect(l).toMatch(/^\S+:\d+:\d+ (error|warning|note) [a-z-]+ .+$/);
    expect(lines).toContain(
      `${sources}/graph-v1.0/call-updaterecordingstatus.md:65:17 warning content-length-mismatch Content-Length is 79 but the request body printed below is 93 bytes with LF line endings and 96 with CRLF`,
    );
  });

  it('JSON carries ids, columns and counts per rule', () => {
    const json = lintJson(findings, 8, '0.1.0');
    expect(json.summary).toMatchObject({ pages: 8, findings: findings.length, error: 1, unresolvedErrors: 1 });
    expect(json.summary.byRule['unknown-permission']).toBe(5);
    expect(json.findings.every((f) => typeof f.id === 'string' && f.column >= 1)).toBe(true);
  });
});

describe('finding ids and the rule catalogue (one list per stage)', () => {
  it('lists every extraction rule and every lint rule once', () => {
    const ids = ruleCatalogue.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of Object.keys(EXTRACTION_RULES)) expect(ids).toContain(id);
  });

  it('a page given twice is a duplicate-operation finding whose SARIF rule is the catalogue\'s, not a generic one', () => {
    const { dir, cleanup } = tempDir();
    try {
      mkdirSync(join(dir, 'graph-v1.0'));
      for (const name of ['a.md', 'b.md']) copyFileSync(join(repoRoot, 'specs/sources/graph-v1.0/call-updaterecordingstatus.md'), join(dir, 'graph-v1.0', name));
      const result = lintPages(sourcePages(dir));
      const duplicate = result.findings.filter((f) => f.rule === 'duplicate-operation');
      expect(duplicate).toHaveLength(1);
      const rules = sarifLog(result.findings, '0.1.0').runs[0]!.tool.driver.rules!;
      expect(rules.find((r) => r.id === 'duplicate-operation')?.shortDescription?.text).toBe(EXTRACTION_RULES['duplicate-operation'].description);
      for (const f of result.findings) expect(ruleCatalogue.map((r) => r.id)).toContain(f.rule);
    } finally {
      cleanup();
    }
  });
});
