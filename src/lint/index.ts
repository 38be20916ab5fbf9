/**
 * The lint stage: documentation pages → findings. Combines what extraction reports while
 * reading each page with the rules of `rules/`, gives every finding its stable id
 * (`rule/profile/operation[/subject]`, as extraction does) and returns them sorted by file,
 * line and rule, without duplicates.
 */
import { basename } from 'node:path';
import { assignFindingIds, uniqueAcrossPages } from '../extract/findings.js';
import { extractFiles, extractPage, profileOf, type PageResult } from '../extract/index.js';
import type { Decision } from '../spec/decisions.js';
import type { Finding } from '../spec/finding.js';
import type { Spec } from '../spec/model.js';
import { displayPath } from '../spec/display-path.js';
import { DEFAULT_PERMISSIONS_REFERENCE } from './paths.js';
import { loadPermissionsReference, type PermissionsReference } from './permissions-reference.js';
import type { CsdlModel } from '../metadata/model.js';
import type { EnumDisagreement, NullabilityDeclaration } from '../extract/other-sources.js';
import { sourceSet, type SourceSet } from './cross-source.js';
import { casingDisagreements, ENUM_PAGE_OWNER } from './enum-sources.js';
import type { LintContext } from './rule.js';
import { crossSourceRules, rules } from './rules/index.js';

export { crossSourceRules, rules } from './rules/index.js';
export { ruleCatalogue, ruleInfo } from './catalogue.js';
export type { LintContext, LintRule } from './rule.js';

export interface LintOptions {
  /** Permissions reference for `unknown-permission`: a parsed one, `null` for none, default the shipped Graph copy. */
  permissions?: PermissionsReference | null;
  /** Profile of pages outside `specs/sources/<profile>/` (default: their folder name). */
  profile?: string;
  onPage?: (done: number, total: number) => void;
  /** Rulings of specs/decisions.yaml: a finding a decision cites is reported as ruled on. */
  decisions?: Decision[];
  /** The service metadata (CSDL) the pages of a profile are compared with; without it, no cross-source rule runs. */
  metadataFor?: (profile: string) => CsdlModel | undefined;
}

/** Finding id → the decision that rules on it. */
export type Rulings = Map<string, Decision>;

export interface LintResult {
  findings: Finding[];
  /** Pages read, and the specs extraction made of them (for counts and reports). */
  pages: PageResult[];
  specs: Spec[];
  /** Findings that specs/decisions.yaml rules on, by finding id. */
  rulings: Rulings;
}

/** The subject extraction uses for a page's finding ids: its operation, its resource, else its file name. */
function subjectOf(result: PageResult): string {
  const spec = result.spec;
  if (spec?.kind === 'operation') return spec.operation;
  if (spec?.kind === 'resource') return spec.resource;
  return basename(result.page.file).replace(/\..*$/, '');
}

/** Rule findings for one extracted page, with final ids. */
export function lintExtracted(result: PageResult, context: LintContext, profile?: string): Finding[] {
  const raw = rules.flatMap((rule) => {
    try {
      return rule.check(result.page, result.spec, context);
    } catch (err) {
      throw new Error(`rule ${rule.id} failed on ${result.page.file}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  });
  return assignFindingIds(raw, result.spec?.profile ?? profile ?? profileOf(result.page.file), subjectOf(result), result.page.format);
}

const compare = (a: string | number, b: string | number): number => (a < b ? -1 : a > b ? 1 : 0);
const columnOf = (f: Finding): number => (typeof f.data?.column === 'number' ? f.data.column : 1);

/** Sorted by file, line, rule (then column and id, so the order is total); exact repeats removed. */
export function sortFindings(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  const unique = findings.filter((f) => {
    const key = [f.source.file, f.source.line, columnOf(f), f.rule, f.message].join('\0');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort(
    (a, b) =>
      compare(a.source.file, b.source.file) ||
      a.source.line - b.source.line ||
      compare(a.rule, b.rule) ||
      columnOf(a) - columnOf(b) ||
      compare(a.id, b.id),
  );
}

let defaultReference: PermissionsReference | undefined;

function permissionsFor(option: PermissionsReference | null | undefined): PermissionsReference | undefined {
  if (option === null) return undefined;
  if (option) return option;
  defaultReference ??= loadPermissionsReference(DEFAULT_PERMISSIONS_REFERENCE, displayPath(DEFAULT_PERMISSIONS_REFERENCE));
  return defaultReference;
}

/** Lint documentation pages: extraction findings + rule findings, sorted and deduplicated. */
export function lintPages(files: string[], options: LintOptions = {}): LintResult {
  const permissions = permissionsFor(options.permissions);
  const context: LintContext = permissions ? { permissions } : {};
  const extracted = extractFiles(files, { ...(options.profile ? { profile: options.profile } : {}), ...(options.onPage ? { onPage: options.onPage } : {}) });
  const ruleFindings = extracted.pages.flatMap((p) => lintExtracted(p, context, options.profile));
  const crossFindings = options.metadataFor ? lintAcrossSources(extracted.pages, extracted.specs, options.metadataFor, options.profile) : [];
  const findings = uniqueAcrossPages(sortFindings([...extracted.findings, ...ruleFindings, ...crossFindings]));
  return { findings, pages: extracted.pages, specs: extracted.specs, rulings: rulingsFor(findings, options.decisions ?? []) };
}

/** Per profile that has metadata: its specs and enum pages paired with that metadata. */
export function crossSourceSets(pages: readonly PageResult[], specs: readonly Spec[], metadataFor: (profile: string) => CsdlModel | undefined, profile?: string): SourceSet[] {
  const profileOfPage = (file: string): string => profile ?? profileOf(file);
  const profiles = [...new Set([...specs.map((s) => s.profile), ...pages.map((p) => profileOfPage(p.page.file))])].sort();
  return profiles.flatMap((name) => {
    const metadata = metadataFor(name);
    if (!metadata) return [];
    return [sourceSet(metadata, specs.filter((s) => s.profile === name), pages.filter((p) => profileOfPage(p.page.file) === name), profileOfPage)];
  });
}

/** Cross-source findings: every cross-source rule over every profile that has metadata. */
export function lintAcrossSources(pages: readonly PageResult[], specs: readonly Spec[], metadataFor: (profile: string) => CsdlModel | undefined, profile?: string): Finding[] {
  return crossSourceSets(pages, specs, metadataFor, profile).flatMap((set) => crossSourceRules.flatMap((rule) => rule.check(set)));
}

/** The fields whose enum members other sources spell differently, as `withOtherSources` records them in specs. */
export function enumDisagreements(sets: readonly SourceSet[]): EnumDisagreement[] {
  return sets.flatMap((set) =>
    casingDisagreements(set)
      .filter((s) => s.owner !== ENUM_PAGE_OWNER)
      .map((s) => ({
        profile: s.profile,
        owner: s.owner,
        field: s.subject,
        others: s.listings.filter((l) => l.kind !== 'page').map((l) => ({ origin: l.kind as 'enum-page' | 'metadata', values: l.members, source: { file: l.source.file, line: l.source.line } })),
      })),
  );
}

/**
 * Resource properties whose nullability the metadata declares, as `withDeclaredNullability`
 * records them. A collection's `Nullable` is about its items, so collections are left out.
 */
export function declaredNullability(sets: readonly SourceSet[]): NullabilityDeclaration[] {
  return sets.flatMap((set) =>
    set.fields
      .filter((f) => f.kind === 'property' && !f.declared.type.collection)
      .map((f) => ({ profile: f.profile, resource: f.owner, property: f.field.name, nullable: f.declared.nullable, source: { file: f.declared.source.file, line: f.declared.source.line } })),
  );
}

/** The decisions that cite a finding of this run. */
export function rulingsFor(findings: Finding[], decisions: Decision[]): Rulings {
  const ids = new Set(findings.map((f) => f.id));
  return new Map(decisions.filter((d) => ids.has(d.finding)).map((d) => [d.finding, d]));
}

/** Lint one page given as text (no file reading): its extraction findings + rule findings. */
export function lintPage(file: string, text: string, options: Pick<LintOptions, 'permissions' | 'profile'> = {}): Finding[] {
  const permissions = permissionsFor(options.permissions);
  const result = extractPage(file, text, options.profile ?? profileOf(file));
  return sortFindings([...result.findings, ...lintExtracted(result, permissions ? { permissions } : {}, options.profile)]);
}

/** Count of findings per severity, and of error-level findings no decision rules on (what decides the exit code). */
export function severityCounts(findings: Finding[], rulings: Rulings = new Map()): Record<'error' | 'warning' | 'note' | 'unresolvedErrors', number> {
  const counts = { error: 0, warning: 0, note: 0, unresolvedErrors: 0 };
  for (const f of findings) {
    counts[f.severity]++;
    if (f.severity === 'error' && !rulings.has(f.id)) counts.unresolvedErrors++;
  }
  return counts;
}
