/**
 * The extract stage: documentation pages → specs (one per operation or resource) + findings.
 * Pure apart from reading the pages.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, relative, sep } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Finding } from '../spec/finding.js';
import type { Spec } from '../spec/model.js';
import { InputError } from '../spec/errors.js';
import { assignFindingIds, finding } from './findings.js';
import { extractOperation } from './extract-operation.js';
import { extractResource, isResourcePage } from './extract-resource.js';
import type { Page, PageFormat } from './page-model.js';
import { decodePage, parsePage } from './read-page.js';
import { pagesUnder } from './page-files.js';

export interface PageResult {
  page: Page;
  spec?: Spec;
  findings: Finding[];
}

/** Profile of a page: the folder under `specs/sources/`, else the page's parent folder. */
export function profileOf(file: string): string {
  const parts = file.split(/[\\/]/);
  const i = parts.lastIndexOf('sources');
  const candidate = i >= 0 && parts[i + 1] && i + 2 < parts.length ? parts[i + 1]! : basename(dirname(file));
  return candidate.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^[^a-z0-9]+/, '') || 'default';
}

/** Extract one page from its text. */
export function extractPage(file: string, text: string, profile = profileOf(file), format?: PageFormat): PageResult {
  const page = parsePage(file, text, format);
  const resource = isResourcePage(page) ? extractResource(page, profile) : undefined;
  if (resource) return { page, spec: resource, findings: assignFindingIds(page.findings, profile, resource.resource, page.format) };
  const { spec, findings } = extractOperation(page, profile);
  const subject = spec?.operation ?? basename(file).replace(/\..*$/, '');
  const raw = [...page.findings, ...findings];
  const final = assignFindingIds(raw, profile, subject, page.format);
  if (spec) renameRepairs(spec, new Map(raw.map((f, i) => [f.id, final[i]!.id])));
  return { page, ...(spec ? { spec } : {}), findings: final };
}

/** Examples cite the findings that repaired them; point them at the final ids. */
function renameRepairs(value: unknown, ids: Map<string, string>): void {
  if (Array.isArray(value)) value.forEach((v) => renameRepairs(v, ids));
  else if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    if (Array.isArray(obj.repairs)) obj.repairs = obj.repairs.map((r: unknown) => (typeof r === 'string' ? (ids.get(r) ?? r) : r));
    for (const [k, v] of Object.entries(obj)) if (k !== 'json') renameRepairs(v, ids);
  }
}

/** Read and extract one page file (errors name file and line). */
export function extractFile(file: string, profile?: string): PageResult {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch {
    throw new InputError('cannot read page', { file });
  }
  return extractPage(file, decodePage(file, bytes), profile);
}

const FORMAT_RANK: Record<PageFormat, number> = { markdown: 0, text: 1, 'pdf-text': 2 };

/** Specs compared without their sources: what two renderings of one page must agree on. */
export function withoutSources(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSources);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === 'source' || k === 'sources' || k === 'deprecation' || k === 'repairs') continue;
      out[k] = withoutSources(v);
    }
    return out;
  }
  return value;
}

function specKey(spec: Spec): string {
  return `${spec.profile}/${spec.kind === 'operation' ? spec.operation : `resources/${spec.resource}`}`;
}

export interface ExtractResult {
  specs: Spec[];
  findings: Finding[];
  pages: PageResult[];
}

/**
 * Extract many pages. When two pages give the same operation (one page in two formats), the
 * richer format's spec is kept and the other is compared with it: a difference other than
 * source lines is a `format-disagreement` finding.
 */
export function extractFiles(files: string[], opts: { profile?: string; onPage?: (done: number, total: number) => void } = {}): ExtractResult {
  const pages = files.map((f, i) => {
    const r = extractFile(f, opts.profile);
    opts.onPage?.(i + 1, files.length);
    return r;
  });
  const byKey = new Map<string, PageResult[]>();
  for (const r of pages) {
    if (!r.spec) continue;
    const key = specKey(r.spec);
    byKey.set(key, [...(byKey.get(key) ?? []), r]);
  }
  const specs: Spec[] = [];
  const findings = pages.flatMap((p) => p.findings);
  for (const [key, group] of [...byKey.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const sorted = [...group].sort((a, b) => FORMAT_RANK[a.page.format] - FORMAT_RANK[b.page.format] || a.page.file.localeCompare(b.page.file));
    const primary = sorted[0]!;
    for (const other of sorted.slice(1)) {
      if (other.page.format === primary.page.format) {
        findings.push(
          assignFindingIds(
            [finding('duplicate-operation', 'warning', `${other.page.file} and ${primary.page.file} both describe ${key}; ${primary.page.file} is used (pass the pages separately or give them different profiles)`, { file: other.page.file, line: other.page.title?.line ?? 1 })],
            primary.spec!.profile,
            key.split('/').pop()!,
            other.page.format,
          )[0]!,
        );
        continue;
      }
      if (!isDeepStrictEqual(withoutSources(other.spec), withoutSources(primary.spec))) {
        findings.push(
          assignFindingIds(
            [finding('format-disagreement', 'warning', `${other.page.file} (${other.page.format}) and ${primary.page.file} (${primary.page.format}) describe ${key} differently; the ${primary.page.format} page is used`, { file: other.page.file, line: 1 })],
            primary.spec!.profile,
            key.split('/').pop()!,
            other.page.format,
          )[0]!,
        );
      }
    }
    specs.push(primary.spec!);
  }
  return { specs, findings, pages };
}

/** Every page under `specs/sources/<profile>/` (see `page-files.ts`), sorted. */
export function sourcePages(sourcesDir: string): string[] {
  return pagesUnder(sourcesDir).filter((f) => relative(sourcesDir, f).includes(sep));
}
