/**
 * What changed between two runs (`callconform diff-reports OLD NEW`): per check id, whether it
 * newly fails, was fixed, still fails, is new or is gone, and per profile how the verdict moved.
 * Pure: the CLI reads and validates the two report.json files (read-report.ts).
 */
import type { CheckResult, Report, ResultVerdict } from './result.js';
import { oneLine, showInvisible } from './text.js';

/** How one check id moved from the old run to the new one; `same` covers every unchanged verdict. */
export const CHANGE_KINDS = ['regressed', 'fixed', 'still-failing', 'added', 'removed', 'changed', 'same'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface CheckChange {
  id: string;
  kind: ChangeKind;
  old?: ResultVerdict;
  new?: ResultVerdict;
  /** The new result's message (the old one's for a removed check). */
  message: string;
}

export interface ProfileDiff {
  profile: string;
  oldVerdict?: Report['verdict'];
  newVerdict?: Report['verdict'];
  changes: CheckChange[];
}

/** Verdicts that mean the requirement was not shown to hold. */
const BAD: readonly ResultVerdict[] = ['fail', 'error'];

function kindOf(before: CheckResult | undefined, after: CheckResult | undefined): ChangeKind {
  if (!before) return 'added';
  if (!after) return 'removed';
  const wasBad = BAD.includes(before.verdict);
  const isBad = BAD.includes(after.verdict);
  if (!wasBad && isBad) return 'regressed';
  if (wasBad && after.verdict === 'pass') return 'fixed';
  if (wasBad && isBad) return 'still-failing';
  return before.verdict === after.verdict ? 'same' : 'changed';
}

/** Compare reports profile by profile (a profile on one side only counts all its checks as added or removed). */
export function diffReports(oldReports: readonly Report[], newReports: readonly Report[]): ProfileDiff[] {
  const profiles = [...new Set([...oldReports, ...newReports].map((r) => r.profile))].sort();
  return profiles.map((profile) => {
    const before = oldReports.find((r) => r.profile === profile);
    const after = newReports.find((r) => r.profile === profile);
    const oldById = new Map((before?.results ?? []).map((r) => [r.id, r]));
    const newById = new Map((after?.results ?? []).map((r) => [r.id, r]));
    const ids = [...new Set([...oldById.keys(), ...newById.keys()])].sort();
    const changes = ids.map((id): CheckChange => {
      const o = oldById.get(id);
      const n = newById.get(id);
      return { id, kind: kindOf(o, n), ...(o ? { old: o.verdict } : {}), ...(n ? { new: n.verdict } : {}), message: (n ?? o)?.message ?? '' };
    });
    return { profile, ...(before ? { oldVerdict: before.verdict } : {}), ...(after ? { newVerdict: after.verdict } : {}), changes };
  });
}

/** A run got worse when a check newly fails, or a check that did not exist before fails. */
export function hasRegressions(diff: readonly ProfileDiff[]): boolean {
  return diff.some((p) => p.changes.some((c) => c.kind === 'regressed' || (c.kind === 'added' && c.new !== undefined && BAD.includes(c.new))));
}

export function countByKind(diff: readonly ProfileDiff[]): Record<ChangeKind, number> {
  const counts = Object.fromEntries(CHANGE_KINDS.map((k) => [k, 0])) as Record<ChangeKind, number>;
  for (const p of diff) for (const c of p.changes) counts[c.kind]++;
  return counts;
}

/** Kinds listed check by check in the text form, in this order; the rest are only counted. */
const LISTED: readonly ChangeKind[] = ['regressed', 'fixed', 'added', 'removed', 'changed'];

export function formatDiffText(diff: readonly ProfileDiff[]): string {
  const out: string[] = [];
  for (const p of diff) {
    const verdicts = `${p.oldVerdict ?? '(absent)'} -> ${p.newVerdict ?? '(absent)'}`;
    out.push(`${showInvisible(p.profile)}: ${verdicts}`);
    for (const kind of LISTED) {
      for (const c of p.changes.filter((x) => x.kind === kind)) {
        out.push(`  ${kind.padEnd(8)} ${showInvisible(c.id)} (${c.old ?? '-'} -> ${c.new ?? '-'})${BAD.includes(c.new ?? 'pass') ? `: ${showInvisible(oneLine(c.message))}` : ''}`);
      }
    }
  }
  const counts = countByKind(diff);
  out.push(CHANGE_KINDS.map((k) => `${counts[k]} ${k}`).join(', '));
  return `${out.join('\n')}\n`;
}
