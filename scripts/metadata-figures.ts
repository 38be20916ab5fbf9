/**
 * The corpus figures of docs/metadata.md, written from a real run, never by hand: `lint` over
 * graph-full (every page as one profile, so operation pages, resource pages and enums.md meet)
 * with graph-metadata/v1.0.xml; findings per cross-source rule and severity, and the ten most
 * frequent disagreements (warnings and errors, grouped by what they disagree on, each with its
 * first page). Rewrites the block between `<!-- figures:lint-metadata -->` and `<!-- /figures -->`.
 *
 *   npm run figures:metadata [-- CORPUS METADATA]      (about half a minute)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { pagesUnder } from '../src/extract/page-files.js';
import { lintPages } from '../src/lint/index.js';
import { crossSourceRules } from '../src/lint/rules/index.js';
import { readCsdl } from '../src/metadata/read-csdl.js';
import type { Finding } from '../src/spec/finding.js';

type Data = NonNullable<Finding['data']>;
const str = (v: Data[string] | undefined): string => (Array.isArray(v) ? v.join(', ') : String(v ?? ''));
const SOURCE_LABEL: Record<string, string> = { page: 'the page', 'enum-page': 'enums.md', metadata: 'the metadata' };
const sources = (v: Data[string] | undefined, joiner: string): string => (Array.isArray(v) ? v : [v]).map((k) => SOURCE_LABEL[String(k)] ?? String(k)).join(joiner);

/** What a finding disagrees on, the same on every page that repeats it. */
export const DISAGREEMENT: Record<string, (d: Data) => string> = {
  'enum-casing-differs': (d) => `enum ${str(d.enum)}: members cased differently (${str(d.members)})`,
  'enum-member-differs': (d) => `enum ${str(d.enum)}: member ${str(d.member)} listed by ${sources(d.listedBy, ' and ')}, not by ${sources(d.missingFrom, ' or ')}`,
  'parameter-undeclared': (d) => `parameter ${str(d.parameter)} not declared by ${str(d.operation)}`,
  'parameter-optionality-differs': (d) => `parameter ${str(d.parameter)} optional on the page, Nullable="false" in the metadata`,
  'property-type-differs': (d) => `page ${str(d.page)}, metadata ${str(d.declared)}`,
  'response-type-differs': (d) => `page returns ${str(d.documented)}, metadata ${str(d.declared)}`,
  'property-one-side': (d) => `property ${str(d.property)} only on the ${str(d.side)} side`,
};

const SEVERITIES = ['error', 'warning', 'note'] as const;

/** The Markdown block: counts per rule, then the ten most frequent disagreements. */
export function figuresMarkdown(findings: readonly Finding[], run: { pages: number; command: string; cite: (file: string) => string }): string {
  const rules = crossSourceRules.map((r) => r.id);
  const cross = findings.filter((f) => rules.includes(f.rule));
  const rows = rules.map((id) => `| \`${id}\` | ${SEVERITIES.map((s) => cross.filter((f) => f.rule === id && f.severity === s).length).join(' | ')} |`);
  const groups = new Map<string, Finding[]>();
  for (const f of cross) {
    if (f.severity === 'note') continue;
    const key = `${f.rule}: ${DISAGREEMENT[f.rule]!(f.data ?? {})}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const top = [...groups].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1)).slice(0, 10);
  return [
    `\`${run.command}\` (${run.pages.toLocaleString('en')} pages, one profile):`,
    '',
    '| rule | error | warning | note |',
    '|---|---|---|---|',
    ...rows,
    '',
    'The ten most frequent disagreements (errors and warnings, grouped by what they disagree on; first page):',
    '',
    ...top.map(([key, list], i) => `${i + 1}. ${key} — ${list.length} (${run.cite(list[0]!.source.file)}:${list[0]!.source.line})`),
  ].join('\n');
}

const BLOCK = /(<!-- figures:lint-metadata -->\n)[\s\S]*?(<!-- \/figures -->)/;

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = resolve(import.meta.dirname, '..');
  const corpus = resolve(process.argv[2] ?? resolve(root, '../../shared/corpus/graph-full'));
  const metadata = resolve(process.argv[3] ?? resolve(root, '../../shared/corpus/graph-metadata/v1.0.xml'));
  const files = pagesUnder(corpus);
  const model = readCsdl(metadata);
  const { findings } = lintPages(files, { permissions: null, profile: 'graph-v1.0', metadataFor: () => model });
  const shared = resolve(corpus, '..');
  const block = figuresMarkdown(findings, {
    pages: files.length,
    command: `callconform lint ${relative(shared, corpus)} --metadata ${relative(shared, metadata)} --profile graph-v1.0`,
    cite: (file) => relative(resolve(corpus, 'api-reference', 'v1.0'), file),
  });
  const doc = resolve(root, 'docs', 'metadata.md');
  const text = readFileSync(doc, 'utf8');
  if (!BLOCK.test(text)) throw new Error(`${doc}: no <!-- figures:lint-metadata --> block`);
  writeFileSync(doc, text.replace(BLOCK, (_all, open: string, close: string) => `${open}${block}\n${close}`));
  console.log(block);
}
