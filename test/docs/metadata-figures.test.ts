/**
 * The corpus figures of docs/metadata.md come from scripts/metadata-figures.ts: its grouping covers
 * every cross-source rule, the committed block lists exactly the rules the code has, and the block
 * built from real findings (commsoperation.md, call-reject.md, enums.md against graph-metadata/v1.0.xml)
 * counts and cites the operationStatus casing disagreement.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DISAGREEMENT, figuresMarkdown } from '../../scripts/metadata-figures.js';
import { lintPages } from '../../src/lint/index.js';
import { crossSourceRules } from '../../src/lint/rules/index.js';
import { readCsdl } from '../../src/metadata/read-csdl.js';
import { repoRoot } from '../helpers.js';

const shared = join(repoRoot, '..', '..', 'shared', 'corpus');
const V1 = join(shared, 'graph-metadata', 'v1.0.xml');
const page = (rel: string): string => join(shared, 'graph-full', 'api-reference', 'v1.0', rel);

describe('metadata corpus figures', () => {
  it('every cross-source rule has a grouping, and no grouping names a rule the code lacks', () => {
    expect(Object.keys(DISAGREEMENT).sort()).toEqual(crossSourceRules.map((r) => r.id).sort());
  });

  it('docs/metadata.md carries a generated block with one row per cross-source rule, in the code\'s order', () => {
    const text = readFileSync(join(repoRoot, 'docs', 'metadata.md'), 'utf8');
    const block = /<!-- figures:lint-metadata -->\n([\s\S]*?)<!-- \/figures -->/.exec(text)?.[1] ?? '';
    expect([...block.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1])).toEqual(crossSourceRules.map((r) => r.id));
    expect(block).toMatch(/^1\. enum-casing-differs: enum operationStatus: members cased differently .* — \d+ \(/m);
  });

  it.skipIf(!existsSync(V1))('built from real findings: counts per rule and severity, the operationStatus disagreement first, with its page', () => {
    const model = readCsdl(V1);
    const files = ['resources/commsoperation.md', 'resources/cancelmediaprocessingoperation.md', 'api/call-reject.md', 'resources/enums.md'].map(page);
    const { findings } = lintPages(files, { permissions: null, profile: 'graph-v1.0', metadataFor: () => model });
    const block = figuresMarkdown(findings, { pages: files.length, command: 'lint', cite: (f) => f.split('/').slice(-2).join('/') });
    const casing = findings.filter((f) => f.rule === 'enum-casing-differs');
    expect(casing.length).toBeGreaterThanOrEqual(3);
    expect(block).toContain(`| \`enum-casing-differs\` | ${casing.length} | 0 | 0 |`);
    expect(block).toMatch(/^1\. enum-casing-differs: enum operationStatus: members cased differently \(notstarted, running, completed, failed\) — 2 \(resources\/cancelmediaprocessingoperation\.md:\d+\)$/m);
    expect(block).toMatch(/enum rejectReason: members cased differently \(none, busy, forbidden\) — 1 \(api\/call-reject\.md:\d+\)/);
  });
});
