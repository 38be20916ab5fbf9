/**
 * Counting results and deciding a run's verdict — the rules the report writers and `verify`
 * share, so report.json's `summary` and `verdict` always agree with its results.
 */
import type { CheckResult, Report, RunVerdict } from './result.js';

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
 * other checks could not run), else `error` when a check could not be judged, else `conformant`.
 * SHOULD failures are warnings and never change the verdict.
 */
export function deriveVerdict(results: readonly CheckResult[]): RunVerdict {
  if (results.some((r) => r.verdict === 'fail')) return 'nonconformant';
  if (results.some((r) => r.verdict === 'error')) return 'error';
  return 'conformant';
}

/** Verdict over several profiles: nonconformant beats error beats conformant; no reports is an error. */
export function overallVerdict(reports: readonly Pick<Report, 'verdict'>[]): RunVerdict {
  if (reports.length === 0) return 'error';
  if (reports.some((r) => r.verdict === 'nonconformant')) return 'nonconformant';
  if (reports.some((r) => r.verdict === 'error')) return 'error';
  return 'conformant';
}
