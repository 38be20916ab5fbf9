/**
 * Generality: extract + lint over every file of the real Graph corpus (../shared/corpus/graph,
 * beside the clone in CI). No crash; every API page (a request block under its "HTTP request"
 * heading) yields an operation spec with method, path and success status; pages that
 * legitimately document more than one success status are not flagged. Prints the counts that
 * README reports.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHttpMessage } from '../../src/extract/http-message.js';
import type { PageResult } from '../../src/extract/index.js';
import { lintPages, ruleCatalogue, type LintResult } from '../../src/lint/index.js';
import { documentedStatuses } from '../../src/spec/model.js';

const corpus = fileURLToPath(new URL('../../../shared/corpus/graph', import.meta.url));

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name))
    .sort();
}

/** An API page: a request line in a code block under the page's "HTTP request" heading. */
function isApiPage(p: PageResult): boolean {
  const blocks = p.page.blocks;
  const start = blocks.findIndex((b) => b.kind === 'heading' && /^http requests?$/i.test(b.text));
  if (start < 0) return false;
  const end = blocks.findIndex((b, i) => i > start && b.kind === 'heading');
  return blocks.slice(start + 1, end < 0 ? undefined : end).some((b) => b.kind === 'code' && parseHttpMessage(b)?.request !== undefined);
}

describe.skipIf(!existsSync(corpus))('lint over the Graph corpus', () => {
  const files = existsSync(corpus) ? allFiles(corpus) : [];
  let result: LintResult;

  it('extracts and lints every file without a crash', () => {
    result = lintPages(files);
    expect(result.pages).toHaveLength(files.length);
  });

  it('gives every API page an operation spec with method, path and success status', () => {
    const api = result.pages.filter(isApiPage);
    expect(api.length).toBeGreaterThan(40);
    const incomplete = api.filter((p) => p.spec?.kind !== 'operation' || !p.spec.method.value || p.spec.paths.length === 0 || documentedStatuses(p.spec.response).length === 0);
    expect(incomplete.map((p) => p.page.file)).toEqual([]);
  });

  it('does not flag pages that document two success statuses, nor defined scopes', () => {
    const userGet = result.findings.filter((f) => f.source.file.endsWith('v1.0/api/user-get.md'));
    expect(userGet).toEqual([]);
    const scopes = result.findings.filter((f) => f.rule === 'unknown-permission').map((f) => f.data?.scope);
    expect(scopes).not.toContain('Calls.AccessMedia.All');
    expect(scopes).not.toContain('Calls.JoinGroupCall.All');
  });

  it('reports only rules of the catalogue', () => {
    const known = new Set(ruleCatalogue.map((r) => r.id));
    expect([...new Set(result.findings.map((f) => f.rule))].filter((rule) => !known.has(rule))).toEqual([]);
  });

  it('reports the known real defects of the snapshot', () => {
    const status = result.findings.filter((f) => f.rule === 'status-prose-vs-example').map((f) => f.source.file);
    expect(status.some((f) => f.endsWith('beta/api/teamsasyncoperation-get.md'))).toBe(true);
  });

  it('prints the counts', () => {
    const operations = result.specs.filter((s) => s.kind === 'operation').length;
    const resources = result.specs.filter((s) => s.kind === 'resource').length;
    const byRule: Record<string, number> = {};
    for (const f of result.findings) byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
    const pages = files.filter((f) => f.endsWith('.md')).length;
    const counts = { files: files.length, markdownPages: pages, apiPages: result.pages.filter(isApiPage).length, operations, resources, findings: result.findings.length, byRule: Object.fromEntries(Object.entries(byRule).sort()) };
    console.log(`corpus ${corpus}: ${JSON.stringify(counts, null, 2)}`);
    expect(operations).toBeGreaterThan(0);
  });
});
