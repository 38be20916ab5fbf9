import type { Finding, Severity } from '../spec/finding.js';
import type { Source } from '../spec/model.js';
import type { PageFormat } from './page-model.js';
import { EXTRACTION_RULES, type ExtractionRuleId } from './rules.js';

export type FindingExtra = Pick<Finding, 'action' | 'data'> & { subject?: string };

/** A finding of any rule, its id provisional until the page's profile and operation are known (`assignFindingIds`). */
export function ruleFinding(rule: { id: string; severity: Severity }, message: string, source: Source, extra: FindingExtra = {}): Finding {
  const { subject, ...rest } = extra;
  return { id: subject ? `${rule.id}//${subject}` : `${rule.id}//`, rule: rule.id, severity: rule.severity, message, source, ...rest };
}

/** A finding of extraction: the rule's severity comes from `EXTRACTION_RULES`. */
export function finding(rule: ExtractionRuleId, message: string, source: Source, extra: FindingExtra = {}): Finding {
  return ruleFinding({ id: rule, severity: EXTRACTION_RULES[rule].severity }, message, source, extra);
}

/** Pieces of stable finding subjects: short, lower-case, no line numbers. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}

/**
 * What tells the renderings of one page apart in finding ids: nothing for markdown (the form
 * pages are published in), the format otherwise, so the `.md` and `.txt` of one page never
 * share an id.
 */
export function renderingOf(format: PageFormat): string | undefined {
  return format === 'markdown' ? undefined : format;
}

/**
 * Stable ids: `rule/profile/operation[@rendering][/subject]`. Line numbers are deliberately not
 * part of the id, so a decision citing it survives edits elsewhere on the page; a repeated id
 * gets `-2`, `-3`.
 */
export function assignFindingIds(findings: Finding[], profile: string, subjectOfPage: string, format: PageFormat = 'markdown'): Finding[] {
  const seen = new Map<string, number>();
  const rendering = renderingOf(format);
  const page = rendering ? `${subjectOfPage}@${rendering}` : subjectOfPage;
  return findings.map((f) => {
    const [rule, subject] = f.id.split('//') as [string, string?];
    const base = [rule, profile, page, subject].filter((p) => p).join('/');
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return { ...f, id: n === 1 ? base : `${base}-${n}` };
  });
}

/**
 * Ids unique over a set of pages: pages of one profile can name the same operation (`clear`,
 * `add` on several resources), so an id found on more than one page takes the page's file name
 * after its operation (`rule/profile/clear~range-clear/…`), with as many parent folders as tell
 * the pages apart (`redirect~beta-api-call-redirect`); an id still repeated gets `-2`, `-3` in the
 * given order.
 */
export function uniqueAcrossPages(findings: readonly Finding[]): Finding[] {
  const filesById = new Map<string, Set<string>>();
  for (const f of findings) filesById.set(f.id, (filesById.get(f.id) ?? new Set()).add(f.source.file));
  const seen = new Map<string, number>();
  return findings.map((f) => {
    let id = f.id;
    const files = filesById.get(id) ?? new Set();
    if (files.size > 1) {
      const [rule, profile, page, ...rest] = id.split('/');
      id = [rule, profile, `${page}~${shortestDistinctName(f.source.file, [...files])}`, ...rest].join('/');
    }
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    return n === 1 && id === f.id ? f : { ...f, id: n === 1 ? id : `${id}-${n}` };
  });
}

/** The file's name without extension, preceded by as many parent folders as make it differ from the others'. */
function shortestDistinctName(file: string, all: readonly string[]): string {
  const parts = (p: string): string[] => p.replace(/\.[^./\\]*$/, '').split(/[\\/]/);
  const own = parts(file);
  const others = all.filter((o) => o !== file).map(parts);
  for (let k = 1; k <= own.length; k++) {
    const tail = own.slice(-k).join('-');
    if (others.every((o) => o.slice(-k).join('-') !== tail)) return tail;
  }
  return own.join('-');
}
