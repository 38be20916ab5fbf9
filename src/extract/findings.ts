import type { Finding, Severity } from '../spec/finding.js';
import type { Source } from '../spec/model.js';

/** A finding whose id is provisional until the page's profile and operation are known (`assignFindingIds`). */
export function finding(
  rule: string,
  severity: Severity,
  message: string,
  source: Source,
  extra: Pick<Finding, 'action' | 'data'> & { subject?: string } = {},
): Finding {
  const { subject, ...rest } = extra;
  return { id: subject ? `${rule}//${subject}` : `${rule}//`, rule, severity, message, source, ...rest };
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
