import type { Finding, Severity } from '../spec/finding.js';
import type { Source } from '../spec/model.js';
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

/**
 * Stable ids: `rule/profile/operation[/subject]`. Line numbers are deliberately not part of the
 * id, so a decision citing it survives edits elsewhere on the page; a repeated id gets `-2`, `-3`.
 */
export function assignFindingIds(findings: Finding[], profile: string, subjectOfPage: string): Finding[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const [rule, subject] = f.id.split('//') as [string, string?];
    const base = [rule, profile, subjectOfPage, subject].filter((p) => p).join('/');
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return { ...f, id: n === 1 ? base : `${base}-${n}` };
  });
}
