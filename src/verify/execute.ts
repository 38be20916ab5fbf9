/**
 * Running instances: one instance → one `CheckResult` (never a throw; a SHOULD failure is a
 * warning), and a bounded pool for independent instances.
 */
import type { CheckResult } from '../report/result.js';
import type { CheckInstance, Outcome, RunContext } from './checks/types.js';

export async function executeInstance(instance: CheckInstance, ctx: RunContext): Promise<CheckResult> {
  const started = performance.now();
  let outcome: Outcome;
  try {
    outcome = await instance.run(ctx);
  } catch (err) {
    outcome = { verdict: 'error', message: `the check could not run: ${err instanceof Error ? err.message : String(err)}`, evidence: {} };
  }
  const verdict = outcome.verdict === 'fail' && instance.level === 'SHOULD' ? 'warn' : outcome.verdict;
  return {
    id: instance.id,
    operation: instance.operation,
    check: instance.check,
    requirement: instance.requirement,
    level: instance.level,
    verdict,
    message: verdict === 'warn' ? `${outcome.message} (SHOULD: warning)` : outcome.message,
    source: instance.source,
    evidence: outcome.evidence,
    durationMs: Math.round(performance.now() - started),
  };
}

/** A result for an instance that never ran (the suite runner failed around it). */
export function notRun(instance: CheckInstance, why: string): CheckResult {
  return {
    id: instance.id,
    operation: instance.operation,
    check: instance.check,
    requirement: instance.requirement,
    level: instance.level,
    verdict: 'error',
    message: `the check did not run: ${why}`,
    source: instance.source,
    evidence: {},
    durationMs: 0,
  };
}

/** Map with at most `limit` tasks in flight; results in input order. */
export async function pooled<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}
