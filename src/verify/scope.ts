/**
 * What a run covered, for report.json's `scope` (and so for the verdict: a narrowed run is
 * `partial`): per check name, instances planned, left out by the filters, run and skipped.
 */
import type { CheckName, CheckResult, RunFilters, RunScope } from '../report/result.js';
import type { CheckInstance } from './checks/types.js';
import type { VerifyOptions } from './options.js';
import { CHECK_NAMES } from '../report/result.js';

/** Skip reasons listed per check at most (the results hold every one). */
const MAX_REASONS = 5;

export function filtersOf(options: Pick<VerifyOptions, 'only' | 'operations' | 'excludeOperations'>): RunFilters {
  return {
    ...(options.only ? { only: [...options.only] } : {}),
    ...(options.operations ? { operations: [...options.operations] } : {}),
    ...(options.excludeOperations ? { excludeOperations: [...options.excludeOperations] } : {}),
  };
}

export function runScope(planned: readonly CheckInstance[], excluded: readonly CheckInstance[], results: readonly CheckResult[], filters: RunFilters, maxFailures?: number): RunScope {
  const notRun = planned.length - results.length;
  // Only a run told to stop early has planned instances without a result.
  const stopped = maxFailures !== undefined && notRun > 0 ? { maxFailures, notRun } : undefined;
  const count = <T extends { check: CheckName }>(list: readonly T[], check: CheckName, keep: (x: T) => boolean = () => true): number => list.filter((x) => x.check === check && keep(x)).length;
  const checks = CHECK_NAMES.map((check) => {
    const reasons = [...new Set(results.filter((r) => r.check === check && r.verdict === 'skip').map((r) => r.message))].slice(0, MAX_REASONS);
    return {
      check,
      planned: count(planned, check),
      excluded: count(excluded, check),
      ran: count(results, check, (r) => r.verdict !== 'skip'),
      skipped: count(results, check, (r) => r.verdict === 'skip'),
      ...(reasons.length > 0 ? { skipReasons: reasons } : {}),
    };
  }).filter((c) => c.planned + c.excluded > 0);
  return {
    filters,
    narrowed: excluded.length > 0 || stopped !== undefined,
    ...(stopped ? { stopped } : {}),
    planned: planned.length,
    excluded: excluded.length,
    ran: results.filter((r) => r.verdict !== 'skip').length,
    skipped: results.filter((r) => r.verdict === 'skip').length,
    checks,
  };
}
