/**
 * Counting results and deciding a run's verdict — the rules the report writers and `verify`
 * share, so report.json's `summary` and `verdict` always agree with its results.
 */
import type { CheckResult, Report, RunScope, RunVerdict } from './result.js';

/** report.json's `summary`: how many results have each verdict. */
export function summarize(results: readonly CheckResult[]): Report['summary'] {
  const summary = { passed: 0, failed: 0, warned: 0, skipped: 0, errored: 0 };
  for (const r of results) {
    if (r.verdict === 'pass') summary.passed++;
    else if (r.verdict === 'fail') summary.failed++;
    else if (r.verdict === 'warn') summary.warned++;
    else if (r.verdict === 'skip') summary.skipped++;
    else summary.errored++;
  }
  return summary;
}

/**
 * The run's verdict: `nonconformant` when any requirement failed (a failure is proof, even if
 * other checks could not run or the run was narrowed), else `error` when a check could not be
 * judged, else `partial` when the run was narrowed by a filter or ran no check (skips do not
 * count), else `conformant`. SHOULD failures are warnings and never change the verdict.
 */
export function deriveVerdict(results: readonly CheckResult[], scope?: Pick<RunScope, 'narrowed'>): RunVerdict {
  if (results.some((r) => r.verdict === 'fail')) return 'nonconformant';
  if (results.some((r) => r.verdict === 'error')) return 'error';
  if (scope?.narrowed || !results.some((r) => r.verdict !== 'skip')) return 'partial';
  return 'conformant';
}

/** From worst to best: the overall verdict of several profiles is the worst of theirs. */
const WORST_FIRST: readonly RunVerdict[] = ['not-judged', 'nonconformant', 'error', 'partial', 'conformant'];

/** Verdict over several profiles: the worst one; no reports is an error. */
export function overallVerdict(reports: readonly Pick<Report, 'verdict'>[]): RunVerdict {
  if (reports.length === 0) return 'error';
  return WORST_FIRST.find((v) => reports.some((r) => r.verdict === v)) ?? 'error';
}

/**
 * Exit code of a run: 2 when it was not judged (a configuration problem), 0 when every profile is
 * conformant (or partial, when partial runs are allowed), else 1.
 */
export function verdictExitCode(reports: readonly Pick<Report, 'verdict'>[], allowPartial = false): 0 | 1 | 2 {
  if (reports.some((r) => r.verdict === 'not-judged')) return 2;
  return reports.length > 0 && reports.every((r) => r.verdict === 'conformant' || (allowPartial && r.verdict === 'partial')) ? 0 : 1;
}
