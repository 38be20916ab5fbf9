/**
 * Running instances: one instance → one `CheckResult` (never a throw; a SHOULD failure is a
 * warning), and a bounded pool for independent instances.
 */
import { redactSecrets } from '../report/redact.js';
import type { CheckResult } from '../report/result.js';
import type { CheckInstance, Outcome, RunContext } from './checks/types.js';
import { boundDepth } from './evidence.js';

export async function executeInstance(instance: CheckInstance, ctx: RunContext): Promise<CheckResult> {
  const started = performance.now();
  let outcome: Outcome;
  try {
    outcome = await instance.run(ctx);
  } catch (err) {
    outcome = { verdict: 'error', message: `the check could not run: ${err instanceof Error ? err.message : String(err)}`, evidence: {} };
  }
  // Evidence redacts the token as it is built; secret header values (and anything a target echoed) go here.
  if (ctx.secrets && ctx.secrets.length > 0) outcome = { ...outcome, message: redactSecrets(outcome.message, ctx.secrets), evidence: redactSecrets(outcome.evidence, ctx.secrets) };
  // Reports serialize the evidence (and under vitest a result crosses a worker boundary in the task's meta): hostile nesting must not overflow a serializer.
  outcome = { ...outcome, evidence: boundDepth(outcome.evidence) };
  const verdict = outcome.verdict === 'fail' && instance.level === 'SHOULD' ? 'warn' : outcome.verdict;
  const message = verdict === 'warn' ? `${outcome.message} (SHOULD: warning)` : outcome.message;
  return resultOf(instance, { verdict, message, evidence: outcome.evidence }, Math.round(performance.now() - started));
}

function resultOf(instance: CheckInstance, outcome: Pick<CheckResult, 'verdict' | 'message' | 'evidence'>, durationMs: number): CheckResult {
  const { id, operation, check, requirement, level, source } = instance;
  return { id, operation, check, requirement, level, verdict: outcome.verdict, message: outcome.message, source, evidence: outcome.evidence, durationMs };
}

/** Map with at most `limit` tasks in flight; results in input order. Once `stop()` is true no further task starts (those in flight finish). */
export async function pooled<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>, stop: () => boolean = () => false): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !stop()) {
      const i = next++;
      out[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}
