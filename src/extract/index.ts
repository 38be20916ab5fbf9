/**
 * The extract stage: documentation pages → specs (one per operation or resource) + findings.
 * Pure apart from reading the pages.
 */
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Finding } from '../spec/finding.js';
import type { EnumFact, Spec } from '../spec/model.js';
import { assignFindingIds, finding } from './findings.js';
import { extractOperation } from './extract-operation.js';
import { extractResource, isResourcePage } from './extract-resource.js';
import type { Page, PageFormat } from './page-model.js';
import { decodePage, MAX_PAGE_BYTES, parsePage } from './read-page.js';
import { readInputFile } from '../spec/read-input.js';
import { pagesUnder } from './page-files.js';
import { qualifiedOperationIds } from './unique-operations.js';
import { enumFact, enumSections } from './enum-sections.js';
import { applyEnumTypes } from './enum-types.js';
import { enumPagesNear, referencedTypes, resolveType, resourcesFolder } from './linked-pages.js';

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

/** Extract one page from its text (`operation` overrides the operation id). */
export function extractPage(file: string, text: string, profile = profileOf(file), format?: PageFormat, operation?: string): PageResult {
  const page = parsePage(file, text, format);
  return extractParsed(page, profile, operation);
}

/** Extract one page already read into the page model. */
export function extractParsed(page: Page, profile = profileOf(page.file), operation?: string): PageResult {
  const file = page.file;
  const resource = isResourcePage(page) ? extractResource(page, profile) : undefined;
  if (resource?.spec) return { page, spec: resource.spec, findings: assignFindingIds([...page.findings, ...resource.findings], profile, resource.spec.resource, page.format) };
  if (resource) return { page, findings: assignFindingIds([...page.findings, ...resource.findings], profile, basename(file).replace(/\..*$/, ''), page.format) };
  const { spec, findings } = extractOperation(page, profile, operation);
  const subject = spec?.operation ?? basename(file).replace(/\..*$/, '');
  const raw = [...page.findings, ...findings];
  const final = assignFindingIds(raw, profile, subject, page.format);
  // Only a repaired example cites a finding; most pages have none, and the walk is not free.
  if (spec && raw.some((f) => f.action?.kind === 'repaired')) renameRepairs(spec, new Map(raw.map((f, i) => [f.id, final[i]!.id])));
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
  return extractPage(file, decodePage(file, readInputFile(file, MAX_PAGE_BYTES, 'page')), profile);
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
export interface ExtractOptions {
  profile?: string;
  onPage?: (done: number, total: number) => void;
  /** Also extract the resource and enum pages the pages refer to (see `linked-pages.ts`), looking in `resources` when given. */
  follow?: { resources?: string };
}

/** At most this many referenced pages are followed (a resource graph can reach most of a doc set). */
export const MAX_FOLLOWED_PAGES = 500;

/**
 * The pages `extracted` refer to, extracted under the profile of the page that refers to them,
 * transitively; plus the findings for types that resolve to no page and no enum.
 */
function followLinks(extracted: PageResult[], resourcesDir: string | undefined): { followed: PageResult[]; findings: Finding[]; enums: Map<string, EnumFact> } {
  const seen = new Set(extracted.map((r) => resolve(r.page.file)));
  const enums = new Map<string, EnumFact>();
  const addEnums = (r: PageResult): void => {
    for (const s of enumSections(r.page)) if (!enums.has(s.name.toLowerCase())) enums.set(s.name.toLowerCase(), enumFact(s));
  };
  const followed: PageResult[] = [];
  const unresolved: Array<{ type: string; finding: Finding }> = [];
  const folders = new Set<string>();
  const queue = [...extracted];
  extracted.forEach(addEnums);
  for (let r = queue.shift(); r; r = queue.shift()) {
    if (!r.spec) continue;
    folders.add(resourcesFolder(r.page, resourcesDir));
    const subject = r.spec.kind === 'operation' ? r.spec.operation : r.spec.resource;
    for (const ref of referencedTypes(r.spec)) {
      const found = resolveType(r.page, ref, resourcesDir);
      if ('finding' in found) {
        unresolved.push({ type: ref.type, finding: assignFindingIds([found.finding], r.spec.profile, subject, r.page.format)[0]! });
        continue;
      }
      if (seen.has(found.file) || followed.length >= MAX_FOLLOWED_PAGES) continue;
      seen.add(found.file);
      // Cited as the referring page is: relative when it was given relative.
      const next = extractFile(isAbsolute(r.page.file) ? found.file : relative(process.cwd(), found.file), r.spec.profile);
      followed.push(next);
      addEnums(next);
      queue.push(next);
    }
  }
  for (const file of enumPagesNear(folders)) {
    if (seen.has(file)) continue;
    seen.add(file);
    addEnums(extractFile(file));
  }
  const findings = unresolved.filter((u) => !enums.has(u.type.toLowerCase())).map((u) => u.finding);
  return { followed, findings: [...new Map(findings.map((f) => [f.id, f])).values()], enums };
}

export function extractFiles(files: string[], opts: ExtractOptions = {}): ExtractResult {
  const given = files.map((f, i) => {
    const r = extractFile(f, opts.profile);
    opts.onPage?.(i + 1, files.length);
    return r;
  });
  const linked = opts.follow ? followLinks(given, opts.follow.resources) : undefined;
  const extracted = [...given, ...(linked?.followed ?? [])];
  // Ids that collide between different operations are qualified; those pages are read again so their finding ids carry the new id.
  const renames = qualifiedOperationIds(extracted.map((r) => r.spec));
  const pages = extracted.map((r, i) => {
    const id = renames.get(i);
    return id && r.spec ? extractParsed(r.page, r.spec.profile, id) : r;
  });
  const byKey = new Map<string, PageResult[]>();
  for (const r of pages) {
    if (!r.spec) continue;
    const key = specKey(r.spec);
    byKey.set(key, [...(byKey.get(key) ?? []), r]);
  }
  const specs: Spec[] = [];
  const findings = [...pages.flatMap((p) => p.findings), ...(linked?.findings ?? [])];
  for (const [key, group] of [...byKey.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const sorted = [...group].sort((a, b) => FORMAT_RANK[a.page.format] - FORMAT_RANK[b.page.format] || a.page.file.localeCompare(b.page.file));
    const primary = sorted[0]!;
    for (const other of sorted.slice(1)) {
      if (other.page.format === primary.page.format) {
        findings.push(
          assignFindingIds(
            [finding('duplicate-operation', `${other.page.file} and ${primary.page.file} both describe ${key}; ${primary.page.file} is used (pass the pages separately or give them different profiles)`, { file: other.page.file, line: other.page.title?.line ?? 1 })],
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
            [finding('format-disagreement', `${other.page.file} (${other.page.format}) and ${primary.page.file} (${primary.page.format}) describe ${key} differently; the ${primary.page.format} page is used`, { file: other.page.file, line: 1 })],
            primary.spec!.profile,
            key.split('/').pop()!,
            other.page.format,
          )[0]!,
        );
      }
    }
    specs.push(primary.spec!);
  }
  if (linked) applyEnumTypes(specs, linked.enums);
  return { specs, findings, pages };
}

/** Every page under `specs/sources/<profile>/` (see `page-files.ts`), sorted. */
export function sourcePages(sourcesDir: string): string[] {
  return pagesUnder(sourcesDir).filter((f) => relative(sourcesDir, f).includes(sep));
}
