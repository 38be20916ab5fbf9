/**
 * A certification run: plan the check instances from specs and contracts, probe the targets
 * (exit 3 when one is unreachable), run the instances in a bounded pool, and turn the results
 * into one `Report` per profile. Writing the report files is the caller's (the CLI uses the
 * report stage's `writeReports`).
 */
import { dirname, resolve } from 'node:path';
import { citedSources, readCitations } from '../report/citations.js';
import type { CheckResult, Report } from '../report/result.js';
import { buildReport } from './build-report.js';
import type { CheckInstance } from './checks/types.js';
import { pooled } from './execute.js';
import { loadInputs } from './load-inputs.js';
import type { VerifyOptions } from './options.js';
import type { Inputs } from './plan.js';
import { startRun } from './session.js';
import { filtersOf, runScope } from './scope.js';
import { folderDigests } from '../spec/folder-digests.js';
import { verdictExitCode } from '../report/verdict.js';
import { observeRun } from './run-observations.js';

export interface OperationDone {
  profile: string;
  operation: string;
  results: CheckResult[];
}

export interface CertifyHooks {
  /** Already loaded inputs (tests, embedding); otherwise read from options.specsDir / contractsDir. */
  inputs?: Inputs;
  /** Called once the run is planned (its filters are good), before any request. */
  onPlanned?: () => void;
  /** Called once per operation when all its instances have a result. */
  onOperationDone?: (done: OperationDone) => void;
}

export type CertifyOutcome =
  | { kind: 'done'; reports: Report[]; exitCode: 0 | 1 | 2; timings: { planMs: number; checksMs: number } }
  | { kind: 'unreachable'; url: string; reason: string; exitCode: 3 };

/** Calls `onOperationDone` when the last instance of an operation has its result. */
function operationTracker(plan: ReadonlyMap<string, CheckInstance[]>, onDone: CertifyHooks['onOperationDone']): (profile: string, instance: CheckInstance, byId: ReadonlyMap<string, CheckResult>) => void {
  const key = (profile: string, operation: string): string => `${profile}\u0000${operation}`;
  const left = new Map<string, number>();
  for (const [profile, list] of plan) for (const i of list) left.set(key(profile, i.operation), (left.get(key(profile, i.operation)) ?? 0) + 1);
  return (profile, instance, byId) => {
    const k = key(profile, instance.operation);
    const n = (left.get(k) ?? 1) - 1;
    left.set(k, n);
    if (n > 0 || !onDone) return;
    const of = (plan.get(profile) ?? []).filter((i) => i.operation === instance.operation);
    onDone({ profile, operation: instance.operation, results: of.map((i) => byId.get(i.id)).filter((r): r is CheckResult => r !== undefined) });
  };
}

/** Run a certification; never throws for target behaviour (InputError for bad configuration). */
export async function certify(options: VerifyOptions, hooks: CertifyHooks = {}): Promise<CertifyOutcome> {
  const t0 = performance.now();
  const startedAt = new Date();
  const inputs = hooks.inputs ?? loadInputs(options.specsDir, options.contractsDir);
  const observe = observeRun({
    credentials: Boolean(options.token) || (options.headers ?? []).some((h) => h.secret),
    ...(options.targets[0]?.stateUrl ? { stateUrl: options.targets[0].stateUrl } : {}),
    ...(options.targets[0]?.params ? { params: options.targets[0].params } : {}),
  });
  const run = await startRun(options, inputs, observe);
  hooks.onPlanned?.();
  if (run.kind === 'unreachable') return { kind: 'unreachable', url: run.url, reason: run.reason, exitCode: 3 };
  const { plan, excluded, session } = run;
  const t1 = performance.now();
  const byId = new Map<string, CheckResult>();
  const finished = operationTracker(plan, hooks.onOperationDone);
  let failures = 0;
  const stop = (): boolean => options.maxFailures !== undefined && failures >= options.maxFailures;
  try {
    const all = [...plan].flatMap(([profile, list]) => list.map((instance) => ({ profile, instance })));
    await pooled(
      all,
      options.concurrency,
      async ({ profile, instance }) => {
        const result = await session.execute(profile, instance);
        if (result.verdict === 'fail' || result.verdict === 'error') failures++;
        byId.set(instance.id, result);
        finished(profile, instance, byId);
      },
      stop,
    );
  } finally {
    await session.close();
  }
  const t2 = performance.now();
  const results = (profile: string): CheckResult[] => (plan.get(profile) ?? []).flatMap((i) => byId.get(i.id) ?? []);
  const recorded = { specs: { path: options.specsDir, files: folderDigests(options.specsDir) }, contracts: { path: options.contractsDir, files: folderDigests(options.contractsDir) } };
  const filters = filtersOf(options);
  const configuration = observe.problem();
  const reports = options.targets.map((t) =>
    buildReport(t.profile, t.url, startedAt, t2 - t0, results(t.profile), {
      scope: runScope(plan.get(t.profile) ?? [], excluded.get(t.profile) ?? [], results(t.profile), filters, options.maxFailures),
      inputs: recorded,
      citations: readCitations(citedSources({ results: results(t.profile) }), dirname(resolve(options.specsDir))),
      ...(configuration ? { configuration } : {}),
    }),
  );
  const exitCode = verdictExitCode(reports, options.allowPartial);
  return { kind: 'done', reports, exitCode, timings: { planMs: Math.round(t1 - t0), checksMs: Math.round(t2 - t1) } };
}
